/**
 * Ingest's invalid-file notices, sent once per (file, version): the
 * create-once ledger (adapters/dynamo-create-once.ts) in the stateful
 * stack's send table, every item in one partition — `pk = notice`,
 * `sk = <key>` — so the IAM grant can be scoped to it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCreateOnceLedger } from './dynamo-create-once.js';

/** The partition every notice item lives in (the IAM grant is scoped to it with `dynamodb:LeadingKeys`). */
export const NOTICE_PARTITION = 'notice';

export class DynamoNoticeLedger extends DynamoCreateOnceLedger {
  constructor(client: DynamoDBDocumentClient, table: string) {
    super(client, table, (key) => ({ pk: NOTICE_PARTITION, sk: key }));
  }
}
