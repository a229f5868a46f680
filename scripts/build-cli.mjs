// `npm run prepare` (also run by `npm ci`): bundles the bulletin command into .build/main.cjs so a
// run starts without compiling TypeScript. The packages every command loads at start (argument
// parsing, the content schema and parsers) are bundled in, which saves resolving and reading
// hundreds of small module files per run; everything else stays a `require` or `import()` of
// node_modules, loaded only by the commands that use it (MJML, pdfkit and Pagefind read files
// beside their code). Each command's own code is wrapped by esbuild to run only when imported.
//
// One CommonJS file, not ES modules, so that bin/bulletin.js can compile it with V8's code cache
// (bin/run-built.js): Node 20 keeps no compile cache for ES modules. A build that has `import()`
// left in it fails here.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const BUNDLED = new Set(['commander', 'zod', 'yaml', 'jsonc-parser', 'markdown-it', 'linkify-it', 'mdurl', 'uc.micro', 'entities', 'punycode.js']);
const packageOf = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);

// `--outdir=DIR` builds elsewhere (test/cli/validate-imports.test.ts builds a scratch copy exactly like this one).
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
const outdir = outdirArg ?? '.build';

// What an earlier build left (its bundle, its code cache, the ES module chunks of older builds); lambdas/ is the CDK's.
mkdirSync(outdir, { recursive: true });
for (const name of readdirSync(outdir)) if (/\.(js|cjs|v8-cache)$/.test(name)) rmSync(join(outdir, name));

await build({
  entryPoints: ['cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: join(outdir, 'main.cjs'), logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build is "module".
  mainFields: ['module', 'main'],
  // The sources are ES modules: strict, and `import.meta.url` is the file's URL (the bundle sits one folder down, as they do).
  banner: { js: '"use strict";\nconst __bulletinModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__bulletinModuleUrl' },
  // No `import()` left in the bundle: code run from V8's code cache cannot use it on Node 20 (bin/run-built.js).
  // Each becomes a `require` (MJML and Nodemailer are CommonJS; Pagefind, an ES module only, is loaded through
  // the importer bin/run-built.js lends: adapters/pagefind-indexer.ts).
  supported: { 'dynamic-import': false },
  plugins: [{
    name: 'external-unless-bundled',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || !BUNDLED.has(packageOf(args.path)) ? { path: args.path, external: true } : undefined));
    },
  }],
});

const bundled = readFileSync(join(outdir, 'main.cjs'), 'utf8');
const left = /\bimport\(\s*["'`]/.exec(bundled);
if (left) throw new Error(`build-cli: the bundle still calls import() (${bundled.slice(left.index, left.index + 60)}…); code run from the code cache cannot`);

// The first run writes the code cache; in the checkout, `npm ci` makes that run (a validate of the sample content), so
// the first command a newcomer types starts as fast as every later one.
if (!outdirArg && existsSync('content')) {
  try {
    execFileSync(process.execPath, ['bin/bulletin.js', 'validate', '--content', 'content'], { stdio: 'ignore' });
  } catch {
    // A sample with problems still wrote the cache; the command reports them when run.
  }
}
