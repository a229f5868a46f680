import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ArchiveStore } from '../core/ports.js';
import { createExclusive, sweepOnce, temporaryName } from './fs-exclusive.js';
import { listKeys, readKey } from './fs-keys.js';

/**
 * ArchiveStore over a local folder (`dist/` or `archive/`), the stand-in for
 * the archive bucket. Every write is whole or absent, even under kill -9:
 * bytes go to a temporary file in the hidden `.partial/` folder (never inside
 * `site/`), then are renamed (`write`) or hard-linked (`create`) into place.
 * Temporary files a killed run left behind are removed by the next run's
 * first write, so nothing half-written outlives the crash.
 */
export class FsArchiveStore implements ArchiveStore {
  constructor(readonly root: string) {}

  // Folders this store has made (or found) already: one mkdir per folder, not per file.
  readonly #folders = new Set<string>();

  // Synchronous, like fs-keys.ts reads: small local files, where each async call's thread-pool round trip costs more than the work.
  async write(key: string, body: string | Uint8Array): Promise<boolean> {
    const file = join(this.root, key);
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    const existing = await this.read(key);
    if (existing && Buffer.compare(existing, bytes) === 0) return false;
    const partial = join(this.root, '.partial');
    const put = () => {
      this.#folder(dirname(file));
      this.#folder(partial);
      sweepOnce(partial);
      const tmp = join(partial, temporaryName(basename(file)));
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    };
    try {
      put();
    } catch (err) {
      // A folder removed since this store made it: make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.#folders.clear();
      put();
    }
    return true;
  }

  #folder(dir: string): void {
    if (this.#folders.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#folders.add(dir);
  }

  /** Create-only: false (nothing written) when `key` exists. Never leaves an empty or half-written file. */
  create(key: string, body: string | Uint8Array): Promise<boolean> {
    return createExclusive(join(this.root, key), body);
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return readKey(this.root, key);
  }

  list(prefix: string): Promise<string[]> {
    return listKeys(this.root, prefix);
  }
}
