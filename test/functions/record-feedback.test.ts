import { readFileSync } from 'node:fs';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, expect, it, vi } from 'vitest';
import { DynamoSubscriberStore, subscriberKey } from '../../adapters/dynamo-subscribers.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { createHandler } from '../../functions/record-feedback.js';
import { SECRET } from '../send/support.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { sqsBatch } from './s3-events.js';

/** SES's documented event records (fixtures/ses), for `address`, SNS-wrapped as the SNS → SQS subscription delivers them, or raw. */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/ses/${name}.json`, import.meta.url), 'utf8');
const sesEvent = (name: string, address: string) => fixture(name).replaceAll('recipient@example.com', address);
const viaSns = (event: string) => fixture('sns-envelope').replace('"__MESSAGE__"', JSON.stringify(event));

const tokens = new TokenSigner({ secret: SECRET, listId: 'met-forward.example.org' });
const key = (email: string) => subscriberKey(tokens.subscriberId(email));
let table: string;
let store: DynamoSubscriberStore;
let logger: Logger;
let handler: ReturnType<typeof createHandler>;
beforeEach(async () => {
  table = await freshTable('subscribers');
  store = new DynamoSubscriberStore(documentClient(), table, (e) => tokens.subscriberId(e));
  logger = new Logger({ logLevel: 'SILENT' });
  handler = createHandler(async () => ({ suppressions: store, clock: { now: () => new Date('2017-08-05T01:00:00Z') }, logger }));
  for (const email of ['hard@example.org', 'angry@example.org', 'full@example.org', 'fine@example.org', 'old@example.org']) {
    await documentClient().send(new PutCommand({ TableName: table, Item: { ...key(email), email, status: 'active' } }));
  }
});

const item = async (email: string) => (await documentClient().send(new GetCommand({ TableName: table, Key: key(email) }))).Item;

it('suppresses hard bounces and complaints, SNS-wrapped or raw, identity notifications too; counts the rest', async () => {
  // Arrange
  const info = vi.spyOn(logger, 'info');
  const bodies = [
    viaSns(sesEvent('bounce-permanent', 'Hard@Example.org')),
    sesEvent('complaint', 'angry@example.org'),
    viaSns(sesEvent('bounce-transient', 'full@example.org')),
    viaSns(sesEvent('delivery', 'fine@example.org')),
    viaSns(sesEvent('identity-bounce', 'old@example.org')),
  ];
  // Act
  const result = await handler(sqsBatch(bodies));
  // Assert
  expect(result).toEqual({ batchItemFailures: [] });
  expect(await item('hard@example.org')).toMatchObject({ status: 'suppressed', reason: 'bounce', changedAt: '2017-08-05T00:41:02.669Z' });
  expect(await item('angry@example.org')).toMatchObject({ status: 'suppressed', reason: 'complaint' });
  expect(await item('old@example.org')).toMatchObject({ status: 'suppressed', reason: 'bounce' });
  for (const e of ['full@example.org', 'fine@example.org']) expect((await item(e))?.status).toBe('active');
  expect((await store.list()).blocked.sort()).toEqual(['angry@example.org', 'hard@example.org', 'old@example.org']);
  expect(info).toHaveBeenCalledWith('feedback recorded', { bounce: 2, complaint: 1, softBounce: 1, delivery: 1, other: 0, failed: 0 });
  // Addresses in the log are masked
  expect(JSON.stringify(info.mock.calls)).not.toContain('hard@example.org');
});

it('is idempotent under duplicate deliveries, and a message without an SES event fails alone', async () => {
  const bounce = viaSns(sesEvent('bounce-permanent', 'hard@example.org'));
  const batch = sqsBatch([bounce, '{"Type":"Notification","Message":"not json"}', bounce, JSON.stringify({ hello: 'world' }), viaSns(sesEvent('bounce-permanent', 'not an address'))]);
  const result = await handler(batch);
  expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([1, 3, 4].map((i) => batch.Records[i]!.messageId));
  expect(await item('hard@example.org')).toMatchObject({ status: 'suppressed', reason: 'bounce' });
});
