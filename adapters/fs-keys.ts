import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file under `root` whose `/`-separated key starts with `prefix`, sorted; hidden files and folders (`.partial/` …) excluded. */
export async function listKeys(root: string, prefix: string): Promise<string[]> {
  const dir = join(root, prefix.slice(0, prefix.lastIndexOf('/') + 1));
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((k) => k.startsWith(prefix) && !k.split('/').some((part) => part.startsWith('.')))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
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
