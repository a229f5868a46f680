/**
 * The local SubscriberStore: a JSON array in a file (the CLI's default is
 * `content/subscribers.json`). A missing or broken file is reported as a
 * problem, like a bad entry — loading never throws for bad data.
 */
import { readFile } from 'node:fs/promises';
import type { SubscriberStore } from '../core/ports.js';
import { parseSubscribers, type LoadedSubscribers } from '../core/send/subscriber.js';

/** SubscriberStore over one JSON file, read afresh on every `list()`. */
export class FileSubscriberStore implements SubscriberStore {
  constructor(readonly path: string) {}

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
}

/** Reads and validates the list at `path`: valid subscribers, and one problem per bad entry. */
export function loadSubscribers(path: string): Promise<LoadedSubscribers> {
  return new FileSubscriberStore(path).list();
}
