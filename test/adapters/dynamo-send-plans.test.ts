import { PutCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import { chunkRecipients, DynamoSendPlanStore } from '../../adapters/dynamo-send-plans.js';
import type { SendPlan } from '../../core/send/send-plan.js';
import { StateError } from '../../core/state-error.js';
import { documentClient, freshTable } from './dynamo-table.js';

const client = documentClient();
let table: string;
let store: DynamoSendPlanStore;
beforeEach(async () => {
  table = await freshTable('plans');
  store = new DynamoSendPlanStore(client, table);
});

const hex = (n: number) => n.toString(16).padStart(32, '0');
/** A plan for `n` recipients; 5,000 of them are ~0.5 MB of JSON: more than one 400 KB item. */
const planOf = (n: number, issueId = '2010-07'): SendPlan => ({
  issueId, createdAt: '2010-08-01T09:00:00.000Z', keyFingerprint: 'fp1',
  recipients: Array.from({ length: n }, (_, i) => ({ email: `reader-${i}@example.org`, key: hex(i), reason: i % 3 ? 'all' : 'topics: specials, civil-liberties' })),
  excluded: { suppressed: 2, notInTopics: 1 },
});
const items = async (issueId = '2010-07') => (await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `plan#${issueId}` } }))).Items ?? [];

it('stores a plan too big for one item in chunks, and reads back exactly that plan', async () => {
  // Arrange
  const plan = planOf(5000);
  // Act
  const created = await store.create(plan);
  // Assert
  expect(created).toBe(true);
  expect((await items()).filter((i) => String(i.sk).startsWith('chunk#')).length).toBeGreaterThan(1);
  expect(await store.read('2010-07')).toEqual(plan);
  expect(await store.read('2010-08')).toBeUndefined();
});

it('is create-only: the first plan wins and a second create writes nothing', async () => {
  await store.create(planOf(3));
  expect(await store.create(planOf(7))).toBe(false);
  expect((await store.read('2010-07'))?.recipients).toHaveLength(3);
});

it('of racing creators exactly one wins, and the losers leave no chunk the plan reads', async () => {
  const results = await Promise.all([1, 2, 3, 4].map((n) => store.create(planOf(n * 10))));
  expect(results.filter(Boolean)).toHaveLength(1);
  const winner = (results.indexOf(true) + 1) * 10;
  expect((await store.read('2010-07'))?.recipients).toHaveLength(winner);
});

it('refuses an incomplete or altered plan with a StateError naming it, never a smaller audience', async () => {
  const damage: [string, (all: Record<string, unknown>[]) => Promise<unknown>][] = [
    ['a chunk deleted', (all) => client.send(new DeleteCommand({ TableName: table, Key: { pk: 'plan#2010-07', sk: all.find((i) => String(i.sk).startsWith('chunk#'))!.sk } }))],
    ['a recipient removed from a chunk', async (all) => {
      const chunk = all.find((i) => String(i.sk).startsWith('chunk#'))!;
      const recipients = (JSON.parse(chunk.recipients as string) as unknown[]).slice(1);
      await client.send(new PutCommand({ TableName: table, Item: { ...chunk, recipients: JSON.stringify(recipients) } }));
    }],
    ['the header without its chunk count', async (all) => {
      const { chunks: _, ...header } = all.find((i) => i.sk === 'header')!;
      await client.send(new PutCommand({ TableName: table, Item: header }));
    }],
    ['an unknown header field', async (all) => client.send(new PutCommand({ TableName: table, Item: { ...all.find((i) => i.sk === 'header')!, extra: 1 } }))],
  ];
  for (const [what, harm] of damage) {
    // Arrange
    table = await freshTable('plans');
    store = new DynamoSendPlanStore(client, table);
    await store.create(planOf(5000));
    await harm(await items());
    // Act / Assert
    const error = await store.read('2010-07').catch((e: unknown) => e);
    expect(error, what).toBeInstanceOf(StateError);
    expect((error as StateError).message, what).toContain(`${table} plan#2010-07`);
  }
});

it('chunks recipients losslessly, each chunk within the limit', () => {
  const recipient = fc.record({ email: fc.emailAddress(), key: fc.stringMatching(/^[0-9a-f]{32}$/), reason: fc.string() });
  fc.assert(fc.property(fc.array(recipient, { maxLength: 200 }), fc.integer({ min: 400, max: 5000 }), (recipients, limit) => {
    const chunks = chunkRecipients(recipients, limit);
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(recipients);
    // A chunk over the limit only ever holds one (oversized) recipient.
    for (const c of chunks) if (Buffer.byteLength(c) > limit) expect(JSON.parse(c)).toHaveLength(1);
  }));
});
