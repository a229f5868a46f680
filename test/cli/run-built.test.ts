/**
 * bin/run-built.js runs a CommonJS bundle through V8's code cache: the first
 * run writes the cache (the bundle's SHA-256, then V8's data), later runs
 * read it back; a cache made from another bundle — even one of the same
 * length, which V8's own check would let through — or a damaged one is never
 * used, and is written again. Each run here is a fresh process, as a command is.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

/** A bundle like scripts/build-cli.mjs makes: strict CommonJS exporting `main`, here printing what it was built with. */
const bundle = (word: string) => `"use strict";\nexports.main = async (argv) => { console.log("${word} " + argv.join(",") + " " + typeof require("node:path").join); return 3; };\n`;

async function runBundle(file: string, ...args: string[]): Promise<{ stdout: string; code: number }> {
  const runner = `import { loadBuilt } from ${JSON.stringify(join(ROOT, 'bin/run-built.js'))};
const { main, saveCache } = loadBuilt(${JSON.stringify(file)});
process.exitCode = await main(process.argv.slice(2));
saveCache();
`;
  await writeFile(join(dir, 'runner.mjs'), runner);
  try {
    const { stdout } = await exec(process.execPath, [join(dir, 'runner.mjs'), ...args]);
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

beforeAll(async () => {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(ROOT, '.tmp/run-built-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('writes the cache on the first run, tied to the bundle, and runs the same from it', async () => {
  const file = join(dir, 'first.cjs');
  await writeFile(file, bundle('alpha'));
  expect(await runBundle(file, 'a', 'b')).toEqual({ stdout: 'alpha a,b function\n', code: 3 });
  const cache = await readFile(`${file}.v8-cache`);
  expect(cache.subarray(0, 32)).toEqual(createHash('sha256').update(bundle('alpha')).digest());
  expect(cache.length).toBeGreaterThan(32);
  expect(await runBundle(file, 'c')).toEqual({ stdout: 'alpha c function\n', code: 3 });
  // Read, not written again: the bytes are those of the first run.
  expect(await readFile(`${file}.v8-cache`)).toEqual(cache);
});

it('never runs a cache made from another bundle of the same length, nor a damaged one', async () => {
  const file = join(dir, 'swapped.cjs');
  await writeFile(file, bundle('alpha'));
  await runBundle(file);
  const alphaCache = await readFile(`${file}.v8-cache`);
  // Rebuilt with other code of exactly the same length: the old cache is refused, the new code runs, a new cache is written.
  expect(bundle('omega').length).toBe(bundle('alpha').length);
  await writeFile(file, bundle('omega'));
  expect((await runBundle(file)).stdout).toBe('omega  function\n');
  const omegaCache = await readFile(`${file}.v8-cache`);
  expect(omegaCache.subarray(0, 32)).toEqual(createHash('sha256').update(bundle('omega')).digest());
  expect(omegaCache.subarray(0, 32)).not.toEqual(alphaCache.subarray(0, 32));
  // The right digest over damaged data: V8 rejects the data, the code still runs, and the cache is made again.
  const damaged = Buffer.from(omegaCache);
  for (let i = 40; i < damaged.length; i += 7) damaged[i] = damaged[i]! ^ 0xff;
  await writeFile(`${file}.v8-cache`, damaged);
  expect((await runBundle(file)).stdout).toBe('omega  function\n');
  expect(await readFile(`${file}.v8-cache`)).not.toEqual(damaged);
  expect((await runBundle(file)).stdout).toBe('omega  function\n');
});
