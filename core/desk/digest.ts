/**
 * The comms lead's digest after a round of calls for updates and
 * reminders: who is missing, invalid (with the problems), skipped, and
 * whether the month will be ready by its publish date — all read from the
 * one status function, so it says exactly what `bulletin status` says.
 * Plain text from templates/email/digest.txt.hbs; the subject and the
 * address come from the config alone, never from an author's file, and
 * problems are the escaped one-line form (formatProblem).
 */
import Handlebars from 'handlebars';
import type { Publication } from '../content/schema.js';
import { monthLabel } from '../render/format.js';
import type { MonthStatus } from './month-status.js';
import type { Reminder, ReminderKind } from './reminders.js';
import type { DeskMessage } from './send-once.js';
import { dayLabel } from './status-text.js';

/**
 * Where the digest goes: `editorEmail`, else `replyTo` (where owners'
 * replies reach the comms lead), else the contact email, else `fromAddress`.
 */
export function editorAddress(p: Publication): string {
  return p.editorEmail ?? p.replyTo ?? p.contact.email ?? p.fromAddress;
}

export interface DigestInput {
  publication: Publication;
  status: MonthStatus;
  /** The kinds of this round (usually one). */
  kinds: readonly ReminderKind[];
  /** The round's London date, YYYY-MM-DD: one digest per (month, date) whatever the kinds. */
  date: string;
  /** The reminders the round planned (sent now or earlier the same day). */
  reminders: readonly Reminder[];
  templates: Readonly<Record<string, string>>;
}

/** The digest message, keyed `reminders/<month>/digest-<date>/editor` in the reminder ledger. */
export function planDigest({ publication, status, kinds, date, reminders, templates }: DigestInput): DeskMessage {
  const source = templates['email/digest.txt.hbs'];
  if (source === undefined) throw new Error('templates/email/digest.txt.hbs is missing');
  // Plain text: nothing is HTML-escaped; values are registry fields, dates and printable problem lines.
  const render = Handlebars.create().compile(source, { noEscape: true, strict: true });
  const ws = status.workstreams;
  const pick = (...states: string[]) => ws.filter((w) => states.includes(w.state));
  const label = monthLabel(status.month);
  const publishOn = status.dates ? dayLabel(status.dates.publish.date) : 'its publish date';
  // Past the deadline an invalid update is `late` too: its problems are what make it invalid.
  const invalid = ws.filter((w) => w.problems.length > 0);
  // An optional workstream with nothing in is not news; one with a bad file is (it blocks the month).
  const missing = pick('missing', 'late').filter((w) => w.required && !w.problems.length);
  const verdict = status.ready ? 'ready' : 'not ready';
  const round = kinds.map((k) => (k === 'call' ? 'call for updates' : 'reminders')).join(' and ') || 'round';
  return {
    key: `reminders/${status.month}/digest-${date}/editor`,
    issueId: `digest-${status.month}`,
    recipientKey: `digest-${date}`,
    idPart: `digest.${status.month}.${date}`,
    to: editorAddress(publication),
    subject: `Digest: ${publication.name} ${label}: ${missing.length} missing, ${invalid.length} invalid, ${verdict} to publish on ${publishOn}`,
    text: render({
      publication: publication.name, month: status.month, monthLabel: label, date: dayLabel(date), round, ready: status.ready, reasons: status.reasons, publishOn,
      deadline: status.dates ? dayLabel(status.dates.deadline.date) : 'the deadline',
      missing: missing.map((w) => ({ id: w.id, title: w.title, owner: w.owner, late: w.state === 'late' })),
      invalid: invalid.map((w) => ({ id: w.id, title: w.title, owner: w.owner, late: w.state === 'late', problems: w.problems })),
      skipped: pick('skipped').map((w) => ({ id: w.id, title: w.title })),
      valid: pick('valid').length, total: ws.length,
      chased: [...new Set(reminders.map((r) => r.owner))].join(', '),
    }),
  };
}
