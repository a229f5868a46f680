import type { ContentStore } from '../core/ports.js';
import { listKeys, readKey } from './fs-keys.js';

/** ContentStore over a local folder laid out exactly like the content bucket. */
export class FsContentStore implements ContentStore {
  constructor(readonly root: string) {}

  list(prefix: string): Promise<string[]> {
    return listKeys(this.root, prefix);
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return readKey(this.root, key);
  }
}
