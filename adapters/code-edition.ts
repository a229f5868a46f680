/**
 * The edition of the code that renders the archive: a sha256 of every file
 * under `core/`, `adapters/` and `templates/` and of `package-lock.json`
 * (the exact dependency versions). A rebuild skips a month only when its
 * inputs AND this edition are what they were (core/archive/month-stamp.ts),
 * so a changed renderer, template or dependency renders every month again
 * without anyone having to remember to bump a number. The shipped bundle
 * (.build/) is made from these same sources, so it reads them too; a copy
 * of the package without them gets no edition and skips nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// One level below the package root, both as source (adapters/) and bundled (.build/).
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PARTS = ['core', 'adapters', 'templates'] as const;

let memo: Promise<string | undefined> | undefined;

/** The edition of the code in `root` (the package by default), or undefined when its sources are not there. */
export function codeEdition(root = ROOT): Promise<string | undefined> {
  if (root !== ROOT) return Promise.resolve(computeEdition(root));
  memo ??= Promise.resolve(computeEdition(root));
  return memo;
}

function computeEdition(root: string): string | undefined {
  const hash = createHash('sha256');
  try {
    for (const part of PARTS) {
      const files = readdirSync(join(root, part), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort();
      // Synchronous: a few hundred small local files, read once per process (see fs-keys.ts).
      for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
    }
    hash.update('package-lock.json\0').update(readFileSync(join(root, 'package-lock.json')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return hash.digest('hex');
}
