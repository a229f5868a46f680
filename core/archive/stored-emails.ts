/**
 * Emails of unchanged months are not run through MJML again on a rebuild.
 * Beside each month's email the build keeps a record (`cache/email/YYYY-MM.json`,
 * outside `site/`, never served) of the sha256 of the MJML it compiled and
 * the HTML MJML made of it. MJML's output depends only on its input text (for
 * one MJML version and our fixed options, named in MJML_EDITION), so when a
 * rebuild produces the same MJML text the stored HTML is used as it is —
 * byte-identical to compiling it. A record that does not parse, or names
 * other MJML, is ignored: the email is compiled as usual.
 */
import { createHash } from 'node:crypto';
import type { ArchiveStore, OutputFile } from '../ports.js';
import type { MjmlMemo } from '../render/templates.js';
import { readStoredJson } from './stored-json.js';

/** MJML's version and our options: part of every record's key (a test holds it to the installed mjml). */
export const MJML_EDITION = 'mjml@5.4.1 strict no-comments';

interface EmailRecord {
  edition: string;
  /** sha256 of MJML_EDITION and the MJML text. */
  mjml: string;
  html: string;
}

const keyOf = (mjml: string) => createHash('sha256').update(`${MJML_EDITION}\n${mjml}`).digest('hex');

/** Store key of a month's email record. */
export const emailRecordKey = (month: string) => `cache/email/${month}.json`;

/** An MjmlMemo filled from the stored records of the months a build renders, and the records to write back. */
export class StoredEmails implements MjmlMemo {
  private readonly known = new Map<string, string>();
  private last: { mjml: string; html: string } | undefined;

  /** Remembers `month`'s stored record, if any and well formed. */
  async load(out: ArchiveStore, month: string): Promise<void> {
    // Anything else is not a record this build can use: the email is compiled again.
    const r = (await readStoredJson(out, emailRecordKey(month))) as Partial<EmailRecord> | undefined;
    if (r?.edition === MJML_EDITION && typeof r.mjml === 'string' && typeof r.html === 'string') this.known.set(r.mjml, r.html);
  }

  get(mjml: string): string | undefined {
    const key = keyOf(mjml);
    const html = this.known.get(key);
    if (html !== undefined) this.last = { mjml: key, html };
    return html;
  }

  set(mjml: string, html: string): void {
    const key = keyOf(mjml);
    this.known.set(key, html);
    this.last = { mjml: key, html };
  }

  /** The record of the email compiled (or reused) last: call right after rendering `month`'s email. */
  recordFile(month: string): OutputFile | undefined {
    if (!this.last) return undefined;
    const record: EmailRecord = { edition: MJML_EDITION, ...this.last };
    this.last = undefined;
    return { key: emailRecordKey(month), body: `${JSON.stringify(record)}\n`, contentType: 'application/json' };
  }
}
