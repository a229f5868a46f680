/**
 * What every DynamoDB adapter here shares: a conditional write that lost
 * (`ConditionalCheckFailedException`) is an answer, not an error; and the
 * create-once ledger behind the reminders' and the ingest notices' ports —
 * one item per key, written with `attribute_not_exists(pk)`, so of any
 * number of concurrent writers of one key exactly one succeeds (and sends).
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReminderLedger } from '../core/desk/send-once.js';

/** True when `err` is DynamoDB refusing a write because its condition failed. */
export const failedCondition = (err: unknown): boolean => (err as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';

/** A ReminderLedger over a table with string keys `pk`/`sk`; `itemKey` maps a ledger key to them (and refuses unsafe ones). */
export class DynamoCreateOnceLedger implements ReminderLedger {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly table: string,
    readonly itemKey: (key: string) => { pk: string; sk: string },
  ) {}

  async create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean> {
    const item = { ...this.itemKey(key), ...record };
    try {
      await this.client.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if (failedCondition(err)) return false;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.client.send(new GetCommand({ TableName: this.table, Key: this.itemKey(key), ConsistentRead: true }))).Item !== undefined;
  }
}
