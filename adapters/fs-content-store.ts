import { readdirSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentStore, UnreadableEntry } from '../core/ports.js';
import { readKey } from './fs-keys.js';

/**
 * ContentStore over a local folder laid out exactly like the content bucket.
 * Symbolic links are never followed — not even to a file inside the folder —
 * so nothing outside `root` can be read; they are reported by `unreadable`.
 */
export class FsContentStore implements ContentStore {
  constructor(readonly root: string) {}

  async list(prefix: string): Promise<string[]> {
    return (await this.#entries(prefix)).filter((e) => e.kind === 'file').map((e) => e.key);
  }

  async unreadable(prefix: string): Promise<UnreadableEntry[]> {
    return (await this.#entries(prefix)).filter((e): e is UnreadableEntry => e.kind !== 'file');
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    // A link anywhere on the path (the file, or a folder above it) makes the real path differ.
    if (relative(this.root, join(this.root, key)).split(sep)[0] === '..') return undefined;
    try {
      // Synchronous, as the read that follows (fs-keys.ts): two thread-pool round trips cost more than the checks.
      if (realpathSync(join(this.root, key)) !== join(realpathSync(this.root), key)) return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw err;
    }
    return readKey(this.root, key);
  }

  /** Every entry under the prefix's folder, recursively, without following links; hidden ones included. */
  async #entries(prefix: string): Promise<{ key: string; kind: UnreadableEntry['kind'] | 'file' }[]> {
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const dir = join(this.root, folder);
    try {
      // readdir follows a link named in its own path: refuse a listed folder that is (or sits under) a link.
      // Synchronous, like every local read here (fs-keys.ts): a build lists each month's folders several times.
      if (realpathSync(dir) !== join(realpathSync(this.root), folder).replace(/(.)\/+$/, '$1')) return [{ key: folder.replace(/\/$/, ''), kind: 'symlink' }];
      const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
      // Keys by slicing each entry's folder, not path.relative per entry (which resolves both paths: most of a
      // 240-month listing's time). readdir's paths all start with `dir`, itself `root` joined with `folder`.
      const base = join(dir, '.');
      const found: { key: string; kind: UnreadableEntry['kind'] | 'file' }[] = [];
      for (const e of entries) {
        const below = e.parentPath.length > base.length ? e.parentPath.slice(base.length + (base.endsWith(sep) ? 0 : 1)) : '';
        const rel = `${folder}${below ? `${sep === '/' ? below : below.split(sep).join('/')}/` : ''}${e.name}`;
        const kind = e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'folder' : 'other';
        const key = kind === 'folder' ? `${rel}/` : rel;
        if (key.startsWith(prefix)) found.push({ key, kind });
      }
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw err;
    }
  }
}
