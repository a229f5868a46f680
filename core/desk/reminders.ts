/**
 * Calls for updates and reminders: who is chased (owners of required
 * workstreams whose update is missing, invalid or late — never one whose
 * update is valid, never a skipped one), what they are sent (plain text
 * from templates/email/reminder*.txt.hbs), and the send itself, each
 * (month, workstream, kind, date) at most once through a create-once ledger.
 */
import Handlebars from 'handlebars';
import type { Publication } from '../content/schema.js';
import { monthLabel } from '../render/format.js';
import type { MonthStatus } from './month-status.js';
import { sendOnce, type SendOnceDeps } from './send-once.js';
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

export type { ReminderLedger } from './send-once.js';

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
 * Sends each reminder unless the ledger already holds it (at most once, by
 * design: see sendOnce).
 */
export async function sendReminders(reminders: readonly Reminder[], deps: SendOnceDeps): Promise<ReminderOutcome[]> {
  const outcomes: ReminderOutcome[] = [];
  for (const reminder of reminders) {
    const result = await sendOnce({
      key: reminder.key, issueId: `reminders-${reminder.month}`, recipientKey: `${reminder.kind}-${reminder.date}-${reminder.workstream}`,
      idPart: `${reminder.kind}.${reminder.month}.${reminder.date}.${reminder.workstream}`, to: reminder.owner, subject: reminder.subject, text: reminder.text,
    }, deps);
    outcomes.push({ reminder, result });
  }
  return outcomes;
}
