/**
 * Calls for updates and reminders: who is chased (owners of required
 * workstreams whose update is missing, invalid or late — never one whose
 * update is valid, never a skipped one), what they are sent (plain text
 * from templates/email/reminder*.txt.hbs), and the send itself, each
 * (month, workstream, kind, date) at most once through a create-once ledger.
 */
import Handlebars from 'handlebars';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Publication } from '../content/schema.js';
import type { Clock, Mailer } from '../ports.js';
import { monthLabel } from '../render/format.js';
import type { SendEnvelope } from '../send/envelope.js';
import type { MonthStatus } from './month-status.js';
import { dayLabel } from './status-text.js';

export type ReminderKind = 'call' | 'reminder';

/** One message to one owner. */
export interface Reminder {
  month: string;
  workstream: string;
  owner: string;
  kind: ReminderKind;
  /** The round's London date, YYYY-MM-DD: part of what is sent at most once. */
  date: string;
  /** `reminders/<month>/<kind>-<date>/<workstream>`: the ledger entry. */
  key: string;
  subject: string;
  text: string;
}

/** Create-once records of reminders sent: a second `create` of a key returns false and writes nothing. */
export interface ReminderLedger {
  create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean>;
  /** Whether `key` was already recorded (for a dry run). */
  has(key: string): Promise<boolean>;
}

export interface PlanInput {
  publication: Publication;
  status: MonthStatus;
  kind: ReminderKind;
  /** London date of the round (from the Clock at the edge). */
  date: string;
  /** The template sources, keyed `email/reminder.txt.hbs`, `email/reminder-call.txt.hbs`. */
  templates: Readonly<Record<string, string>>;
}

/** The reminders for a round; empty when nobody needs chasing. */
export function planReminders({ publication, status, kind, date, templates }: PlanInput): Reminder[] {
  const name = kind === 'call' ? 'email/reminder-call.txt.hbs' : 'email/reminder.txt.hbs';
  const source = templates[name];
  if (source === undefined) throw new Error(`templates/${name} is missing`);
  // Plain text: nothing is HTML-escaped; every value is a registry field, a date or a printable problem line.
  const render = Handlebars.create().compile(source, { noEscape: true, strict: true });
  const label = monthLabel(status.month);
  const deadline = status.dates ? dayLabel(status.dates.deadline.date) : 'the deadline';
  return status.workstreams
    .filter((w) => w.required && (w.state === 'missing' || w.state === 'invalid' || w.state === 'late'))
    .map((w) => ({
      month: status.month, workstream: w.id, owner: w.owner, kind, date,
      key: `reminders/${status.month}/${kind}-${date}/${w.id}`,
      subject: `${kind === 'call' ? 'Call for updates' : 'Reminder'}: ${w.title} update for ${publication.name} ${label}, due ${deadline}`,
      text: render({ id: w.id, title: w.title, month: status.month, monthLabel: label, publication: publication.name, deadline, late: w.state === 'late', problems: w.problems }),
    }));
}

/** What a round did with each reminder. */
export type ReminderOutcome = { reminder: Reminder; result: 'sent' | 'already-sent' };

/**
 * Sends each reminder unless the ledger already holds it. The ledger entry
 * is created first, so a re-run, a duplicate schedule delivery or a crash
 * after sending never mails twice (at most once, by design).
 */
export async function sendReminders(reminders: readonly Reminder[], deps: { mailer: Mailer; ledger: ReminderLedger; envelope: SendEnvelope; clock: Clock }): Promise<ReminderOutcome[]> {
  const outcomes: ReminderOutcome[] = [];
  for (const reminder of reminders) {
    const now = deps.clock.now();
    const messageId = `<${reminder.kind}.${reminder.month}.${reminder.date}.${reminder.workstream}@${deps.envelope.listId}>`;
    if (!(await deps.ledger.create(reminder.key, { messageId, to: reminder.owner, sentAt: now.toISOString() }))) {
      outcomes.push({ reminder, result: 'already-sent' });
      continue;
    }
    const raw = await new MailComposer({
      from: deps.envelope.from, to: reminder.owner, ...(deps.envelope.replyTo ? { replyTo: deps.envelope.replyTo } : {}),
      subject: reminder.subject, date: now, messageId, text: reminder.text.replace(/\r?\n/g, '\r\n'),
      disableFileAccess: true, disableUrlAccess: true,
    }).compile().build();
    await deps.mailer.send({ issueId: `reminders-${reminder.month}`, kind: 'issue', recipientKey: `${reminder.kind}-${reminder.date}-${reminder.workstream}`, messageId, to: reminder.owner, raw,
      content: { from: deps.envelope.from, ...(deps.envelope.replyTo ? { replyTo: deps.envelope.replyTo } : {}), subject: reminder.subject, date: now, text: reminder.text, headers: [] } });
    outcomes.push({ reminder, result: 'sent' });
  }
  return outcomes;
}
