/**
 * One plain-text desk message (a reminder, a digest) sent at most once:
 * the ledger entry is created first, so a re-run, a duplicate schedule
 * delivery or a crash after sending never mails twice. The subject and
 * address come from the config, never from an author's file
 * (core/send/notice-message.ts composes it).
 */
import type { Clock, Mailer } from '../ports.js';
import type { SendEnvelope } from '../send/envelope.js';
import { noticeMessage } from '../send/notice-message.js';

/** Create-once records of desk messages sent: a second `create` of a key returns false and writes nothing. */
export interface ReminderLedger {
  create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean>;
  /** Whether `key` was already recorded (for a dry run). */
  has(key: string): Promise<boolean>;
}

/**
 * `reminders/<month>/<kind>-<date>/<name>`: the only keys a ledger accepts
 * (each part is checked before it names a file or an item).
 */
export const REMINDER_KEY = /^reminders\/(\d{4}-\d{2})\/((?:call|reminder|digest)-\d{4}-\d{2}-\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*)$/;

export interface DeskMessage {
  /** The ledger key (REMINDER_KEY). */
  key: string;
  /** Outbox folder / SES issue id, e.g. `reminders-2010-10`. */
  issueId: string;
  recipientKey: string;
  /** Message-ID without the domain; the list id is added. */
  idPart: string;
  to: string;
  subject: string;
  text: string;
}

export interface SendOnceDeps {
  mailer: Mailer;
  ledger: ReminderLedger;
  envelope: SendEnvelope;
  clock: Clock;
}

/** Sends `message` unless the ledger already holds its key; says which. */
export async function sendOnce(message: DeskMessage, deps: SendOnceDeps): Promise<'sent' | 'already-sent'> {
  const now = deps.clock.now();
  const messageId = `<${message.idPart}@${deps.envelope.listId}>`;
  if (!(await deps.ledger.create(message.key, { messageId, to: message.to, sentAt: now.toISOString() }))) return 'already-sent';
  await deps.mailer.send(await noticeMessage(deps.envelope, {
    issueId: message.issueId, recipientKey: message.recipientKey, messageId, to: message.to, subject: message.subject, text: message.text, date: now,
  }));
  return 'sent';
}
