/**
 * A create-once ledger of notices in DynamoDB (the stateful stack's send
 * table): one item per key — `pk = notice`, `sk = <key>` — written with
 * `attribute_not_exists(pk)`, so of any number of concurrent writers of
 * the same key exactly one succeeds and sends. Ingest's invalid-file
 * notices use it; it implements the reminders' ledger port.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReminderLedger } from '../core/desk/reminders.js';

/** The partition every notice item lives in (the IAM grant is scoped to it with `dynamodb:LeadingKeys`). */
export const NOTICE_PARTITION = 'notice';

export class DynamoNoticeLedger implements ReminderLedger {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string) {}

  async create(key: string, record: { messageId: string; to: string; sentAt: string }): Promise<boolean> {
    try {
      await this.client.send(new PutCommand({
        TableName: this.table,
        Item: { pk: NOTICE_PARTITION, sk: key, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.table, Key: { pk: NOTICE_PARTITION, sk: key } }));
    return Item !== undefined;
  }
}
