// `npm run prepare` (also run by `npm ci`): bundles the bulletin command into .build/ so a run
// starts without compiling TypeScript. The packages every command loads at start (argument
// parsing, the content schema and parsers) are bundled in, which saves resolving and reading
// hundreds of small module files per run; everything else stays an import of node_modules,
// loaded only by the commands that use it (MJML, pdfkit and Pagefind read files beside their code).
import { build } from 'esbuild';

const BUNDLED = new Set(['commander', 'zod', 'yaml', 'jsonc-parser', 'markdown-it', 'linkify-it', 'mdurl', 'uc.micro', 'entities', 'punycode.js']);
const packageOf = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);

// `--outdir=DIR` builds elsewhere (test/cli/validate-imports.test.ts builds a scratch copy exactly like this one).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? '.build';

await build({
  entryPoints: ['cli/main.ts'], bundle: true, platform: 'node', format: 'esm', splitting: true, outdir, logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build is "module".
  mainFields: ['module', 'main'],
  // Bundled CommonJS (commander) requires Node's built-ins: give each chunk a real require.
  banner: { js: "import { createRequire as __bulletinRequire } from 'node:module'; const require = __bulletinRequire(import.meta.url);" },
  plugins: [{
    name: 'external-unless-bundled',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || !BUNDLED.has(packageOf(args.path)) ? { path: args.path, external: true } : undefined));
    },
  }],
});
