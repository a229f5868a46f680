/**
 * The reminder ledger in DynamoDB: one item per desk message sent, in the
 * stateful stack's send table beside the send ledger — `pk =
 * reminders#<month>`, `sk = <kind>-<date>/<name>` (never an address as a
 * key). `create` is ONE conditional PutItem (`attribute_not_exists(pk)`),
 * so two deliveries of the same schedule can never both send.
 *
 * No TTL: the send table keeps its items (the proof of who was sent what),
 * and a month's reminders are a few dozen small items.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REMINDER_KEY, type ReminderLedger } from '../core/desk/send-once.js';

/** ReminderLedger over a table with string keys `pk`/`sk`; safe with any number of concurrent writers. */
export class DynamoReminderLedger implements ReminderLedger {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string) {}

  #key(key: string): { pk: string; sk: string } {
    const m = REMINDER_KEY.exec(key);
    if (!m) throw new Error(`unsafe reminder key "${key}"`);
    return { pk: `reminders#${m[1]}`, sk: m[2]! };
  }

  async create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean> {
    const item = { ...this.#key(key), ...record };
    try {
      await this.client.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.client.send(new GetCommand({ TableName: this.table, Key: this.#key(key), ConsistentRead: true }))).Item !== undefined;
  }
}
