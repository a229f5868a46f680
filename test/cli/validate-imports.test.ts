/**
 * `bulletin validate` loads content parsing only: never a renderer, a sender,
 * the search indexer or an AWS client (each costs tens to hundreds of ms of
 * start-up). Checked on the shipped bundle (built exactly as the `prepare`
 * script builds `.build/`, into a scratch folder, and run as bin/bulletin.js
 * runs it: through bin/run-built.js, from the code cache on the second run)
 * and on the tsx path used while sources are newer, by recording every
 * package the process resolves, whether imported or required.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTENT_DIR } from '../pages/site-fixture.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Packages validate has no use for (sanitize-html renders, it does not check; cli-progress only when stderr is a terminal).
const FORBIDDEN = /^(mjml|mjml-.*|pdfkit|fontkit|pagefind|@aws-sdk\/.*|nodemailer|handlebars|sanitize-html|html-to-text|feed|ical-generator|chokidar|sirv|cli-progress)$/;
let dir: string;

beforeAll(async () => {
  // Inside the checkout (git-ignored .tmp/), so the bundle's bare imports resolve from node_modules.
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(ROOT, '.tmp/validate-imports-'));
  const prepare = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: { prepare: string } }).scripts.prepare;
  expect(prepare).toBe('node scripts/build-cli.mjs');
  await run(process.execPath, ['scripts/build-cli.mjs', `--outdir=${join(dir, 'build')}`], { cwd: ROOT });
  // Prints each package a module import resolves to, and each package required from outside node_modules (the bundle's
  // requires; CommonJS requires inside a package are that package's own business).
  await writeFile(join(dir, 'hook.mjs'), `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, n) { const r = await n(s, c); const m = /\\\\/node_modules\\\\/((?:@[^/]+\\\\/)?[^/]+)\\\\//.exec(r.url); if (m) process._rawDebug('package ' + m[1]); return r; }\`));
`);
  await writeFile(join(dir, 'hook.cjs'), `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const found = resolve.call(this, request, parent, ...rest);
  const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(found);
  if (m && !(parent && parent.filename && parent.filename.includes('/node_modules/'))) process._rawDebug('package ' + m[1]);
  return found;
};
`);
  const runner = (main: string) => `const { main } = await import(${JSON.stringify(main)});\nprocess.exitCode = await main(process.argv.slice(2));\n`;
  await writeFile(join(dir, 'run-bundle.mjs'), `import { loadBuilt } from ${JSON.stringify(join(ROOT, 'bin/run-built.js'))};
const { main, saveCache } = loadBuilt(${JSON.stringify(join(dir, 'build/main.cjs'))});
process.exitCode = await main(process.argv.slice(2));
saveCache();
`);
  await writeFile(join(dir, 'run-sources.mjs'), runner(join(ROOT, 'cli/main.ts')));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function packagesLoaded(entry: string[]): Promise<string[]> {
  const { stderr } = await run(process.execPath, ['--require', join(dir, 'hook.cjs'), '--import', join(dir, 'hook.mjs'), ...entry, 'validate', '--content', CONTENT_DIR], { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  return [...new Set(stderr.split('\n').filter((l) => l.startsWith('package ')).map((l) => l.slice(8)))].sort();
}

it.each([
  // The bundle carries zod and the parsers inside it (scripts/build-cli.mjs), so it resolves no package at all for validate:
  // on its first run (which writes the code cache) and on the next (which runs from it).
  ['the shipped bundle', () => [join(dir, 'run-bundle.mjs')], []],
  ['the shipped bundle, from its code cache', () => [join(dir, 'run-bundle.mjs')], []],
  ['the tsx sources', () => ['--import', 'tsx', join(dir, 'run-sources.mjs')], ['zod']],
])('validate through %s loads the parsers, nothing that renders or sends', async (_how, entry, expected) => {
  const loaded = await packagesLoaded(entry());
  for (const p of expected) expect(loaded).toContain(p);
  expect(loaded.filter((p) => FORBIDDEN.test(p))).toEqual([]);
});
