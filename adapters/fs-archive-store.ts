import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ArchiveStore } from '../core/ports.js';
import { listKeys, readKey } from './fs-keys.js';

/** ArchiveStore over a local folder (`dist/` by default), the stand-in for the archive bucket. */
export class FsArchiveStore implements ArchiveStore {
  constructor(readonly root: string) {}

  async write(key: string, body: string | Uint8Array): Promise<boolean> {
    const file = join(this.root, key);
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    const existing = await this.read(key);
    if (existing && Buffer.compare(Buffer.from(existing), bytes) === 0) return false;
    await mkdir(dirname(file), { recursive: true });
    // Write then rename, so a reader (or a crash) never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return true;
  }

  async create(key: string, body: string | Uint8Array): Promise<boolean> {
    const file = join(this.root, key);
    await mkdir(dirname(file), { recursive: true });
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(body);
      } finally {
        await handle.close();
      }
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return readKey(this.root, key);
  }

  list(prefix: string): Promise<string[]> {
    return listKeys(this.root, prefix);
  }
}
