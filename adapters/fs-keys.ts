import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { isHidden } from '../core/content/skipped-entries.js';

const TRAILING = /[\\/]+$/;

/** Every file under `root` whose `/`-separated key starts with `prefix`, sorted; hidden files and folders (`.partial/` …) excluded. */
export async function listKeys(root: string, prefix: string): Promise<string[]> {
  const dir = join(root, prefix.slice(0, prefix.lastIndexOf('/') + 1));
  // Synchronous for the reason readKey is: fs/promises walks a folder tree one thread-pool round trip per
  // folder (≈ 100 ms for a 240-month output's 3,000 files, against ≈ 20 ms in one blocking walk).
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const rootPath = join(root, '.');
  const base = rootPath.endsWith(sep) ? rootPath.length : rootPath.length + 1;
  const keys: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const folder = e.parentPath.slice(base).replace(TRAILING, '');
    const rel = folder ? `${folder}${sep}${e.name}` : e.name;
    const key = sep === '/' ? rel : rel.split(sep).join('/');
    if (key.startsWith(prefix) && !isHidden(key)) keys.push(key);
  }
  return keys.sort();
}

/**
 * The bytes of `root/key`, or undefined when there is no such file. Read
 * synchronously on purpose, as fs-exclusive.ts writes: these are small local
 * files, and fs/promises' readFile costs four thread-pool round trips (open,
 * stat, read, close) — most of a 240-month build's time was spent waiting
 * on them — where one blocking read takes microseconds.
 */
export async function readKey(root: string, key: string): Promise<Uint8Array | undefined> {
  try {
    return readFileSync(join(root, key));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
