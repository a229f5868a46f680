/**
 * The reminder ledger in DynamoDB: one item per desk message sent, in the
 * stateful stack's send table beside the send ledger — `pk =
 * reminders#<month>`, `sk = <kind>-<date>/<name>` (never an address as a
 * key) — through the create-once ledger (adapters/dynamo-create-once.ts),
 * so two deliveries of the same schedule can never both send.
 *
 * No TTL: the send table keeps its items (the proof of who was sent what),
 * and a month's reminders are a few dozen small items.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REMINDER_KEY } from '../core/desk/send-once.js';
import { DynamoCreateOnceLedger } from './dynamo-create-once.js';

/** A reminders/… key as the item's keys; anything else is refused before it names an item. */
function reminderItemKey(key: string): { pk: string; sk: string } {
  const m = REMINDER_KEY.exec(key);
  if (!m) throw new Error(`unsafe reminder key "${key}"`);
  return { pk: `reminders#${m[1]}`, sk: m[2]! };
}

/** ReminderLedger over the send table; safe with any number of concurrent writers. */
export class DynamoReminderLedger extends DynamoCreateOnceLedger {
  constructor(client: DynamoDBDocumentClient, table: string) {
    super(client, table, reminderItemKey);
  }
}
