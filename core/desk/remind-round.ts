/**
 * One round on the editor's desk, written once for every edge (`bulletin
 * remind`, the remind Lambda): the month's status from the one status
 * function, the reminders of each kind due, then the comms lead's digest —
 * every message at most once through the reminder ledger, so re-running a
 * round or a duplicate schedule delivery sends nothing new.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import type { Clock, Mailer } from '../ports.js';
import { envelopeFromPublication } from '../send/envelope.js';
import { planDigest } from './digest.js';
import { monthStatus, type MonthStatus } from './month-status.js';
import { planReminders, sendReminders, type Reminder, type ReminderKind, type ReminderOutcome } from './reminders.js';
import { sendOnce, type DeskMessage, type ReminderLedger } from './send-once.js';

export interface RoundPlan {
  status: MonthStatus;
  kinds: ReminderKind[];
  date: string;
  reminders: Reminder[];
  digest: DeskMessage;
}

export interface RoundInput {
  config: SiteConfig;
  content: MonthContent;
  kinds: readonly ReminderKind[];
  /** Judges who is late. */
  now: Date;
  /** The round's London date, YYYY-MM-DD. */
  date: string;
  templates: Readonly<Record<string, string>>;
}

/** What a round will send; pure, so a dry run shows exactly what a real run sends. */
export function planRound({ config, content, kinds, now, date, templates }: RoundInput): RoundPlan {
  const status = monthStatus({ config, content, now });
  const { publication } = config;
  const reminders = kinds.flatMap((kind) => planReminders({ publication, status, kind, date, templates }));
  return { status, kinds: [...kinds], date, reminders, digest: planDigest({ publication, status, kinds, date, reminders, templates }) };
}

export interface RoundOutcome {
  outcomes: ReminderOutcome[];
  digest: 'sent' | 'already-sent';
}

/** Sends the round: owners first, then the digest (so it is only recorded once the owners' sends got through). */
export async function sendRound(plan: RoundPlan, config: SiteConfig, deps: { mailer: Mailer; ledger: ReminderLedger; clock: Clock }): Promise<RoundOutcome> {
  const send = { ...deps, envelope: envelopeFromPublication(config.publication) };
  const outcomes = await sendReminders(plan.reminders, send);
  return { outcomes, digest: await sendOnce(plan.digest, send) };
}
