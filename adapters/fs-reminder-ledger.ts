/**
 * The reminder ledger on disk: one create-once JSON file per
 * (month, kind, date, workstream) — and one per digest — under `<archive>/reminders/`, written with
 * the same exclusive create as the outbox, so two runs can never both send.
 */
import { join } from 'node:path';
import { REMINDER_KEY, type ReminderLedger } from '../core/desk/send-once.js';
import { createExclusive, exists } from './fs-exclusive.js';

/** Keys are REMINDER_KEY (`reminders/<month>/<kind>-<date>/<name>`), checked before they name a file. */
export class FsReminderLedger implements ReminderLedger {
  constructor(readonly archiveDir: string) {}

  #path(key: string): string {
    if (!REMINDER_KEY.test(key)) throw new Error(`unsafe reminder key "${key}"`);
    return join(this.archiveDir, `${key}.json`);
  }

  async create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean> {
    return createExclusive(this.#path(key), `${JSON.stringify(record, null, 2)}\n`);
  }

  async has(key: string): Promise<boolean> {
    return exists(this.#path(key));
  }
}
