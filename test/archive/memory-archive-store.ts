/**
 * An in-memory ArchiveStore for core tests, with the same contract as the
 * real ones: `write` skips identical bytes and returns false; `create` never
 * overwrites. It records every write attempt, so a test can tell "not
 * written" from "written with the same bytes".
 */
import type { ArchiveStore } from '../../core/ports.js';

export class MemoryArchiveStore implements ArchiveStore {
  readonly files = new Map<string, Uint8Array>();
  /** Every key `write` was called with, in order (written or not). */
  readonly attempts: string[] = [];

  async write(key: string, body: string | Uint8Array): Promise<boolean> {
    this.attempts.push(key);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const existing = this.files.get(key);
    if (existing && Buffer.compare(Buffer.from(existing), Buffer.from(bytes)) === 0) return false;
    this.files.set(key, bytes);
    return true;
  }

  async create(key: string, body: string | Uint8Array): Promise<boolean> {
    if (this.files.has(key)) return false;
    return this.write(key, body);
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    return this.files.get(key);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.files.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  /** The text at `key`; throws when absent, so a test fails on a missing file. */
  text(key: string): string {
    const bytes = this.files.get(key);
    if (!bytes) throw new Error(`${key} was not written`);
    return new TextDecoder().decode(bytes);
  }
}
