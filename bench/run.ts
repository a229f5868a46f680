/**
 * `npm run bench` (not part of `npm test`): runs bench/render.bench.ts, then
 * every other bench/*.bench.ts in name order, and prints one aligned table
 * (`npm run bench -- render` runs only the named sections).
 * A section exports `async function run(): Promise<Row[]>` (see support.ts).
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable, type Row } from './support.js';

const DIR = fileURLToPath(new URL('./', import.meta.url));

// `npm run bench -- render send` runs only those sections.
const only = process.argv.slice(2);
const files = (await readdir(DIR))
  .filter((f) => f.endsWith('.bench.ts') && (!only.length || only.includes(f.replace(/\.bench\.ts$/, ''))))
  .sort((a, b) => (a === 'render.bench.ts' ? -1 : b === 'render.bench.ts' ? 1 : a.localeCompare(b)));
const sections: { title: string; rows: Row[] }[] = [];
for (const file of files) {
  const title = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${title}…\n`);
  const mod = (await import(pathToFileURL(`${DIR}${file}`).href)) as { run?: () => Promise<Row[]> };
  if (typeof mod.run !== 'function') throw new Error(`bench/${file} must export async function run(): Promise<Row[]>`);
  sections.push({ title, rows: await mod.run() });
}
process.stdout.write(`${formatTable(sections)}\n`);
process.stdout.write(`(Node ${process.version}, ${process.platform}/${process.arch}; times are medians unless noted)\n`);
