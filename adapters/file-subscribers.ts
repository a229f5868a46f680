/**
 * The local SubscriberStore: a JSON array in a file (the CLI's default is
 * `content/subscribers.json`). A missing or broken file is reported as a
 * problem, like a bad entry — loading never throws for bad data.
 *
 * Writes (the subscribers API, `bulletin subscribers …`) are safe against
 * crashes and against two writers: each one takes a lock file (created
 * exclusively; a lock left by a dead process is taken over), re-reads the
 * file, checks the record's version (compare-and-set), and replaces the
 * file by rename of a complete, fsynced temporary file — so a reader or a
 * crash never sees half a list. Entries it does not understand are kept
 * as they are. A file that is not a valid JSON array is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { setTimeout as wait } from 'node:timers/promises';
import { basename, dirname, join } from 'node:path';
import { parseJson } from '../core/content/structured.js';
import type { StoredSubscriber, WritableSubscriberStore } from '../core/ports.js';
import { parseSubscribers, type LoadedSubscribers } from '../core/send/subscriber.js';
import { entriesFor, recordOf, replaceEntries } from '../core/subscribers/list-entries.js';

export interface FileSubscriberStoreOptions {
  /** The subscriber id of an address (`TokenSigner.subscriberId`): finds hand-written entries, which have no `id`. */
  idOf?: (email: string) => string;
  /** How long a writer waits for the lock before giving up (ms). */
  lockTimeoutMs?: number;
}

/** A problem with the list file that makes it unsafe to write. */
export class SubscriberFileError extends Error {
  override readonly name = 'SubscriberFileError';
  readonly code = 'SUBSCRIBERS_DAMAGED';
}

/** SubscriberStore over one JSON file, read afresh on every call. */
export class FileSubscriberStore implements WritableSubscriberStore {
  constructor(readonly path: string, readonly options: FileSubscriberStoreOptions = {}) {}

  get source(): string {
    return this.path;
  }

  async list(): Promise<LoadedSubscribers> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'does not exist; create a JSON array of { "email", "status" } objects' : `cannot be read (${code ?? (err as Error).message})`;
      return { subscribers: [], problems: [{ path: this.path, field: 'file', message }], blocked: [] };
    }
    return parseSubscribers(this.path, text);
  }

  async get(id: string): Promise<StoredSubscriber | undefined> {
    const entries = await this.#entries();
    return recordOf(entries, entriesFor(entries, id, this.options.idOf), id);
  }

  put(record: StoredSubscriber, expectedVersion: number | undefined): Promise<boolean> {
    return this.#change(record.id, expectedVersion, record);
  }

  remove(id: string, expectedVersion: number): Promise<boolean> {
    return this.#change(id, expectedVersion, undefined);
  }

  async #change(id: string, expected: number | undefined, record: StoredSubscriber | undefined): Promise<boolean> {
    const release = await this.#lock();
    try {
      const entries = await this.#entries();
      const indices = entriesFor(entries, id, this.options.idOf);
      if (recordOf(entries, indices, id)?.version !== expected) return false;
      await this.#write(replaceEntries(entries, indices, record));
      return true;
    } finally {
      await release();
    }
  }

  /** The raw entries; [] when the file does not exist yet. Throws rather than let a write replace a damaged list. */
  async #entries(): Promise<unknown[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const parsed = parseJson(this.path, text);
    if (!parsed.ok) throw new SubscriberFileError(`${this.path}:${parsed.problem.line ?? 1}:${parsed.problem.col ?? 1}: ${parsed.problem.message}; fix it before subscribers can change`);
    if (!Array.isArray(parsed.value.data)) throw new SubscriberFileError(`${this.path}: must be a JSON array of { "email", "status" } objects; fix it before subscribers can change`);
    return parsed.value.data;
  }

  async #write(entries: unknown[]): Promise<void> {
    const text = entries.length ? `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n` : '[]\n';
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }

  /** Takes `<file>.lock` (exclusive create); resolves to its release. */
  async #lock(): Promise<() => Promise<void>> {
    const lock = `${this.path}.lock`;
    const deadline = Date.now() + (this.options.lockTimeoutMs ?? 10_000);
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => unlink(lock).catch(() => undefined);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await this.#stale(lock)) continue;
      if (Date.now() > deadline) throw new SubscriberFileError(`${lock} is held by another process; if none is running, delete it`);
      await wait(delay + Math.random() * delay);
    }
  }

  /** Removes a lock whose process is gone (killed mid-write); true when it did. */
  async #stale(lock: string): Promise<boolean> {
    const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
    // An empty lock is one being written this instant: leave it.
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) return false;
    await unlink(lock).catch(() => undefined);
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads and validates the list at `path`: valid subscribers, and one problem per bad entry. */
export function loadSubscribers(path: string): Promise<LoadedSubscribers> {
  return new FileSubscriberStore(path).list();
}
