/**
 * The reminder ledger on disk: one create-once JSON file per
 * (month, kind, date, workstream) under `<archive>/reminders/`, written with
 * the same exclusive create as the outbox, so two runs can never both send.
 */
import { join } from 'node:path';
import type { ReminderLedger } from '../core/desk/reminders.js';
import { createExclusive, exists } from './fs-exclusive.js';

/** Keys are `reminders/<month>/<kind>-<date>/<workstream-id>`, each part checked before it names a file. */
export class FsReminderLedger implements ReminderLedger {
  constructor(readonly archiveDir: string) {}

  #path(key: string): string {
    if (!/^reminders\/\d{4}-\d{2}\/(call|reminder)-\d{4}-\d{2}-\d{2}\/[a-z0-9]+(-[a-z0-9]+)*$/.test(key)) throw new Error(`unsafe reminder key "${key}"`);
    return join(this.archiveDir, `${key}.json`);
  }

  create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean> {
    return createExclusive(this.#path(key), `${JSON.stringify(record, null, 2)}\n`);
  }

  has(key: string): Promise<boolean> {
    return exists(this.#path(key));
  }
}
