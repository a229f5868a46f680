/**
 * Each Lambda as deployed: every `entry:` the CDK app names in infra/ is
 * bundled with exactly the esbuild options NodejsFunction uses
 * (infra/lambda-bundling.ts), then its minified size and the median time
 * to import the bundle in a fresh `node` process (cold start without the
 * runtime's own start; the AWS SDK clients are bundled in). Plus the render modules a Lambda imports, bundled
 * the same way. Bundles go to `.build/lambdas/` (ignored by git).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/lambda-bundling.js';
import { mb, median, ms, type Row } from './support.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${ROOT}.build/lambdas/`;
const RUNS = 7;
const MB = 1024 * 1024;

/** Budgets from issues 8 and 11; entries without one are measured and printed without a target. */
const BUDGETS: Record<string, { bytes: number; importMs: number }> = {
  'ingest-update': { bytes: 3.5 * MB, importMs: 600 },
  'publish-issue': { bytes: 3.5 * MB, importMs: 600 },
  'send-batch': { bytes: 1 * MB, importMs: 150 },
};

/** Every `entry: '<file>.ts'` in infra/*.ts. */
async function entries(): Promise<string[]> {
  const found = new Set<string>();
  for (const f of await readdir(`${ROOT}infra`)) {
    if (!f.endsWith('.ts')) continue;
    for (const m of (await readFile(`${ROOT}infra/${f}`, 'utf8')).matchAll(/entry: '([a-z0-9-]+)\.ts'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

/** Milliseconds from just before importing `specifiers` to the end, in a new node process: wall clock and CPU (user + system). */
function importOnce(specifiers: readonly string[]): { wall: number; cpu: number } {
  const script = `const c = process.cpuUsage(); const t = performance.now(); for (const s of ${JSON.stringify(specifiers)}) await import(s);
const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_REGION: 'eu-west-2' };
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: ROOT })) as { wall: number; cpu: number };
}

/** Bundles `entry` like NodejsFunction does; returns the minified size and the median fresh-process import time. */
export async function measure(name: string, entry: string): Promise<{ bytes: number; importMs: number; cpuMs: number; samples: number[] }> {
  await mkdir(`${OUT}${name}`, { recursive: true });
  const outfile = `${OUT}${name}/index.mjs`;
  await build({ ...esbuildOptions(entry, outfile), logLevel: 'error' });
  const runs = Array.from({ length: RUNS }, () => importOnce([pathToFileURL(outfile).href]));
  const samples = runs.map((r) => r.wall);
  return { bytes: (await stat(outfile)).size, importMs: median(samples), cpuMs: median(runs.map((r) => r.cpu)), samples };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of await entries()) {
    const { bytes, importMs, cpuMs } = await measure(name, `${ROOT}functions/${name}.ts`);
    const b = BUDGETS[name];
    rows.push({ name: `${name}: bundle (minified)`, value: mb(bytes), ...(b ? { target: `≤ ${mb(b.bytes)}`, met: bytes <= b.bytes } : {}) });
    rows.push({ name: `${name}: import, fresh process`, value: ms(importMs), note: `median of ${RUNS}; CPU ${ms(cpuMs)}; AWS SDK clients bundled in`, ...(b ? { target: `≤ ${b.importMs} ms`, met: importMs <= b.importMs } : {}) });
  }
  const render = await measure('render', `${ROOT}bench/render-entry.ts`);
  rows.push({ name: 'render modules (bundled): import, fresh process', value: ms(render.importMs), note: `${mb(render.bytes)}; median of ${RUNS}; CPU ${ms(render.cpuMs)}`, target: '≤ 300 ms', met: render.importMs <= 300 });
  return rows;
}
