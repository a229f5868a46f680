import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, expect, it } from 'vitest';
import { DynamoSubscriberStore, subscriberKey } from '../../adapters/dynamo-subscribers.js';
import { formatProblem } from '../../core/content/problem.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { SECRET } from '../send/support.js';
import { documentClient, freshTable } from './dynamo-table.js';

const tokens = new TokenSigner({ secret: SECRET, listId: 'met-forward.example.org' });
/** The item key of an address: its opaque subscriber id, never the address. */
const key = (email: string) => subscriberKey(tokens.subscriberId(email));

const client = documentClient();
let table: string;
let store: DynamoSubscriberStore;
beforeEach(async () => {
  table = await freshTable('subscribers');
  store = new DynamoSubscriberStore(client, table, (e) => tokens.subscriberId(e));
});
const put = (item: Record<string, unknown>) => client.send(new PutCommand({ TableName: table, Item: item }));
const entry = (email: string, fields: Record<string, unknown>) => put({ ...key(email), email, ...fields });

it('lists valid subscribers (topics as a list or a string set) and ignores items that are not subscribers', async () => {
  // Arrange
  await entry('ann@example.org', { status: 'active', subscribedAt: '2010-01-01' });
  await entry('bo@example.org', { status: 'active', topics: new Set(['specials', 'civil-liberties']) });
  await entry('cy@example.org', { status: 'active', topics: ['specials'] });
  await put({ pk: 'rate#203.0.113.9', sk: 'window', count: 3 });
  // Act
  const list = await store.list();
  // Assert
  expect(list.problems).toEqual([]);
  expect(list.blocked).toEqual([]);
  expect(list.subscribers.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
    { email: 'ann@example.org', status: 'active' },
    { email: 'bo@example.org', status: 'active', topics: ['civil-liberties', 'specials'] },
    { email: 'cy@example.org', status: 'active', topics: ['specials'] },
  ]);
  expect(store.source).toBe(`dynamodb:${table}`);
});

it('blocks every address an item that is not a valid active entry names, and says which item', async () => {
  // Arrange: opt-outs and damaged items, each of which may be someone's opt-out written wrongly
  await entry('pat@example.org', { status: 'pending' });
  await entry('una@example.org', { status: 'unsubscribed' });
  await entry('tim@example.org', { status: 'Unsubscribed' });
  await entry('sal@example.org', { status: 'active', topics: 'specials' });
  await put({ ...key('key@example.org'), email: 'other@example.org', status: 'active' });
  await put({ ...key('nomail@example.org'), status: 'active' });
  // Act
  const list = await store.list();
  // Assert
  expect(list.subscribers.map((s) => s.email).sort()).toEqual(['pat@example.org', 'una@example.org']);
  // The item without an address names none to block; it is not a subscriber either.
  expect(list.blocked.sort()).toEqual(['other@example.org', 'pat@example.org', 'sal@example.org', 'tim@example.org', 'una@example.org']);
  const lines = list.problems.map(formatProblem);
  expect(lines).toContainEqual(`dynamodb:${table}: [${key('tim@example.org').pk}].status: must be active, pending, unsubscribed or suppressed`);
  expect(lines).toContainEqual(`dynamodb:${table}: [${key('key@example.org').pk}].email: does not match the item's key`);
  expect(lines).toContainEqual(expect.stringContaining(`[${key('sal@example.org').pk}].topics`));
  expect(lines).toContainEqual(expect.stringContaining(`[${key('nomail@example.org').pk}].email`));
  // No key holds an address.
  expect(JSON.stringify(lines.map((l) => l.split(']')[0]))).not.toContain('@');
});

it('re-checks a batch of addresses: only valid active items are mailable; an erased address is blocked', async () => {
  await entry('ann@example.org', { status: 'active' });
  await entry('una@example.org', { status: 'unsubscribed' });
  await entry('tim@example.org', { status: 'Active' });
  const many = Array.from({ length: 120 }, (_, i) => `r${i}@example.org`);
  for (const e of many.slice(0, 60)) await entry(e, { status: 'active' });
  // Act
  const blocked = await store.blockedAmong(['ANN@example.org', 'una@example.org', 'tim@example.org', 'gone@example.org', ...many]);
  // Assert
  expect([...blocked].sort()).toEqual(['gone@example.org', 'tim@example.org', 'una@example.org', ...many.slice(60)].sort());
});

it('suppresses an address for good, idempotently, creating its item if need be; a pending sign-up no longer expires', async () => {
  await entry('ann@example.org', { status: 'active' });
  await entry('pat@example.org', { status: 'pending', expiresAt: 1_900_000_000 });
  const at = new Date('2010-08-02T10:00:00Z');
  // Act
  await store.suppress('Ann@Example.org', 'bounce', at);
  await store.suppress('ann@example.org', 'bounce', at);
  await store.suppress('pat@example.org', 'complaint', at);
  await store.suppress('new@example.org', 'complaint', at);
  // Assert
  const list = await store.list();
  expect(list.subscribers.filter((s) => s.status === 'active')).toEqual([]);
  expect(list.blocked.sort()).toEqual(['ann@example.org', 'new@example.org', 'pat@example.org']);
  const pat = (await client.send(new GetCommand({ TableName: table, Key: key('pat@example.org') }))).Item;
  expect(pat).toMatchObject({ status: 'suppressed', reason: 'complaint', changedAt: at.toISOString(), version: 1 });
  expect(pat).not.toHaveProperty('expiresAt');
});

it('never gives an erased address back, even when it bounces afterwards', async () => {
  const id = tokens.subscriberId('ann@example.org');
  await put({ ...subscriberKey(id), email: `${id}@erased.invalid`, status: 'suppressed', reason: 'erased', version: 3 });
  // Act
  await store.suppress('ann@example.org', 'bounce', new Date('2010-08-02T10:00:00Z'));
  // Assert
  expect(await store.get(id)).toEqual({ id, email: `${id}@erased.invalid`, status: 'suppressed', reason: 'erased', version: 3 });
  expect([...await store.blockedAmong(['ann@example.org'])]).toEqual(['ann@example.org']);
});
