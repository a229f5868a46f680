import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeEach, expect, it } from 'vitest';
import { DynamoSendLedger } from '../../adapters/dynamo-send-ledger.js';
import type { LedgerClaim } from '../../core/ports.js';
import { documentClient, freshTable } from './dynamo-table.js';

const client = documentClient();
let table: string;
let ledger: DynamoSendLedger;
beforeEach(async () => {
  table = await freshTable('ledger');
  ledger = new DynamoSendLedger(client, table);
});

const KEY = '0123456789abcdef0123456789abcdef';
const claimBy = (owner: string): LedgerClaim => ({ owner, messageId: `<2010-07.${KEY}@list>`, claimedAt: '2010-08-01T09:00:00.000Z' });
const done = { owner: 'run-a', messageId: `<2010-07.${KEY}@list>`, doneAt: '2010-08-01T09:00:01.000Z' };

it('claims once, reports the holder to everyone else, and stays done once done', async () => {
  // Act / Assert
  expect(await ledger.claim('2010-07', KEY, claimBy('run-a'))).toEqual({ status: 'claimed', version: 1 });
  expect(await ledger.claim('2010-07', KEY, claimBy('run-b'))).toEqual({ status: 'held', claim: claimBy('run-a'), version: 1 });
  await ledger.markDone('2010-07', KEY, done);
  await ledger.markDone('2010-07', KEY, { ...done, owner: 'run-b' });
  expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toEqual({ status: 'done', done });
  expect(await ledger.takeOver('2010-07', KEY, 1, claimBy('run-c'))).toBeUndefined();
  // Another issue is another row
  expect(await ledger.claim('2010-08', KEY, claimBy('run-a'))).toEqual({ status: 'claimed', version: 1 });
});

it('takes over by compare-and-swap, and a release lets the next claim through', async () => {
  await ledger.claim('2010-07', KEY, claimBy('run-a'));
  expect(await ledger.takeOver('2010-07', KEY, 1, claimBy('run-b'))).toBe(2);
  // A stale version moves nothing
  expect(await ledger.takeOver('2010-07', KEY, 1, claimBy('run-c'))).toBeUndefined();
  await ledger.release('2010-07', KEY, 1, claimBy('run-a'));
  expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toMatchObject({ status: 'held', claim: { owner: 'run-b' }, version: 2 });
  await ledger.release('2010-07', KEY, 2, claimBy('run-b'));
  expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toEqual({ status: 'claimed', version: 4 });
});

it('of any number of racing workers, exactly one claims (and exactly one takes over)', async () => {
  await fc.assert(fc.asyncProperty(fc.integer({ min: 2, max: 12 }), async (workers) => {
    const key = `${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`;
    const claims = await Promise.all(Array.from({ length: workers }, (_, i) => ledger.claim('race', key, claimBy(`w${i}`))));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    const takes = await Promise.all(Array.from({ length: workers }, (_, i) => ledger.takeOver('race', key, 1, claimBy(`t${i}`))));
    expect(takes.filter((t) => t !== undefined)).toEqual([2]);
  }), { numRuns: 15 });
});

it('names a malformed item damaged — never sent, never held, never free', async () => {
  // Arrange: items edited by hand, each a different way of being unreadable
  const rows = [
    { state: 'claim', version: 1, owner: 'run-a' },
    { state: 'done', version: 1, owner: 'run-a', messageId: 'm' },
    { state: 'claimed', version: 1, owner: 'run-a', messageId: 'm', claimedAt: '2010-08-01T09:00:00Z' },
    { state: 'release', version: 'two', owner: 'run-a' },
    { state: 'claim', version: 2, owner: 'run-a', messageId: 'm', claimedAt: 'yesterday' },
  ];
  for (const [i, row] of rows.entries()) {
    const key = `${'d'.repeat(31)}${i}`;
    await client.send(new PutCommand({ TableName: table, Item: { pk: 'ledger#2010-07', sk: key, ...row } }));
    // Act
    const outcome = await ledger.claim('2010-07', key, claimBy('run-b'));
    // Assert
    expect(outcome).toMatchObject({ status: 'damaged', what: expect.stringContaining(`${table} ledger#2010-07 ${key}: is damaged`) });
  }
});

it('lists the keys done for an issue, and only those', async () => {
  const keys = ['a', 'b', 'c'].map((c) => c.repeat(32));
  for (const k of keys) await ledger.claim('2010-07', k, claimBy('run-a'));
  await ledger.markDone('2010-07', keys[0]!, done);
  await ledger.markDone('2010-07', keys[2]!, done);
  await ledger.claim('2010-08', keys[1]!, claimBy('run-a'));
  await ledger.markDone('2010-08', keys[1]!, done);
  expect([...(await ledger.doneKeys('2010-07'))].sort()).toEqual([keys[0], keys[2]]);
});
