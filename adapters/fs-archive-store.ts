import { mkdir, rename, writeFile } from 'node:fs/promises';
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

  async write(key: string, body: string | Uint8Array): Promise<boolean> {
    const file = join(this.root, key);
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    const existing = await this.read(key);
    if (existing && Buffer.compare(Buffer.from(existing), bytes) === 0) return false;
    await mkdir(dirname(file), { recursive: true });
    const partial = join(this.root, '.partial');
    await mkdir(partial, { recursive: true });
    sweepOnce(partial);
    const tmp = join(partial, temporaryName(basename(file)));
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return true;
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
