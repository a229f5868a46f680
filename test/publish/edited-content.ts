/** The sample content, with per-test edits laid over it in memory: the core publish tests' content store. */
import { FsContentStore } from '../../adapters/fs-content-store.js';
import type { ContentStore } from '../../core/ports.js';
import { SAMPLE_CONTENT } from '../content/fixture-copy.js';

/** The sample content with some keys replaced (a string) or deleted (undefined). */
export class EditedContent implements ContentStore {
  readonly #base = new FsContentStore(SAMPLE_CONTENT);
  readonly edits = new Map<string, string | undefined>();

  async list(prefix: string): Promise<string[]> {
    const keys = new Set(await this.#base.list(prefix));
    for (const [key, text] of this.edits) {
      if (!key.startsWith(prefix)) continue;
      if (text === undefined) keys.delete(key);
      else keys.add(key);
    }
    return [...keys].sort();
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    if (!this.edits.has(key)) return this.#base.read(key);
    const text = this.edits.get(key);
    return text === undefined ? undefined : new TextEncoder().encode(text);
  }

  /** Replaces `from` with `to` in the (possibly already edited) file at `key`. */
  async replace(key: string, from: string, to: string): Promise<void> {
    const text = new TextDecoder().decode(await this.read(key));
    if (!text.includes(from)) throw new Error(`${key} does not contain "${from}"`);
    this.edits.set(key, text.replace(from, to));
  }
}

