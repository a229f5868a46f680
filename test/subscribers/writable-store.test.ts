/**
 * One suite for every WritableSubscriberStore: the list file and the
 * DynamoDB table (on dynalite) must keep the same compare-and-set rules
 * and give the same lifecycle results as the in-memory model.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredSubscriber } from '../../core/ports.js';
import { confirmSubscription } from '../../core/subscribers/confirm.js';
import { eraseAddress, exportAddress } from '../../core/subscribers/erase.js';
import { purgeExpiredPending } from '../../core/subscribers/purge-expired.js';
import { subscribe } from '../../core/subscribers/subscribe.js';
import { suppressAddress } from '../../core/subscribers/suppress.js';
import { unsubscribeAddress } from '../../core/subscribers/unsubscribe.js';
import { updateRecord } from '../../core/subscribers/update-record.js';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSendPlanStore } from '../../adapters/dynamo-send-plans.js';
import { FsSendPlanStore } from '../../adapters/fs-send-plans.js';
import type { SendPlanStore } from '../../core/ports.js';
import { makeSendPlan } from '../../core/send/send-plan.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { harness, snapshot, type Harness, type StoreKind } from './support.js';

/** A send-plan store of the same technology, and everything it holds as text (to prove an address is gone). */
async function planStore(kind: 'file' | 'dynamo'): Promise<{ plans: SendPlanStore; dump(): Promise<string>; close(): Promise<void> }> {
  if (kind === 'file') {
    const dir = await mkdtemp(join(tmpdir(), 'bulletin-plans-'));
    // Every file, temporary ones included: none may keep the address.
    const dump = async () => {
      const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      return (await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'utf8')))).join('\n');
    };
    return { plans: new FsSendPlanStore(dir), dump, close: () => rm(dir, { recursive: true, force: true }) };
  }
  const table = await freshTable('send');
  const dump = async () => JSON.stringify((await documentClient().send(new ScanCommand({ TableName: table }))).Items);
  return { plans: new DynamoSendPlanStore(documentClient(), table), dump, close: async () => {} };
}

const DAY = 86_400_000;
let open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()));
  open = [];
});
const make = async (store: StoreKind) => {
  const h = await harness({ store });
  open.push(h);
  return h;
};
const record = (h: Harness, email: string, extra: Partial<StoredSubscriber> = {}): StoredSubscriber =>
  ({ email, status: 'active', id: h.tokens.subscriberId(email), version: 1, ...extra });

type Op = { kind: 'subscribe' | 'confirm' | 'unsubscribe' | 'bounce' | 'erase'; who: number; topics?: string[] } | { kind: 'wait'; days: number } | { kind: 'purge' };

/** Applies one operation through the core, as the API and the CLI do. */
async function apply(h: Harness, op: Op, emails: readonly string[]): Promise<void> {
  if (op.kind === 'wait') { h.time.ms += op.days * DAY; return; }
  if (op.kind === 'purge') { await purgeExpiredPending(h.deps); return; }
  const email = emails[op.who]!;
  const id = h.tokens.subscriberId(email);
  if (op.kind === 'subscribe') await subscribe(h.deps, { email, ...(op.topics ? { topics: op.topics } : {}) });
  if (op.kind === 'confirm') {
    const current = await h.store.get(id);
    if (current?.pendingUntil) await confirmSubscription(h.deps, h.tokens.signId('confirm', id, { expiresAt: new Date(current.pendingUntil) }));
  }
  if (op.kind === 'unsubscribe') await unsubscribeAddress(h.deps, email);
  if (op.kind === 'bounce') await suppressAddress(h.deps, email, 'bounce');
  if (op.kind === 'erase') await eraseAddress(h.deps, email);
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('subscribe' as const), who: fc.nat(2), topics: fc.option(fc.subarray(['specials', 'civil-liberties'], { minLength: 1 }), { nil: undefined }) })
    .map(({ topics, ...rest }) => (topics ? { ...rest, topics } : rest)),
  fc.record({ kind: fc.constantFrom('confirm' as const, 'unsubscribe' as const, 'bounce' as const, 'erase' as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 8 }) }),
  fc.constant({ kind: 'purge' as const }),
);

describe.each(['file', 'dynamo'] as const)('the %s store', (kind) => {
  it('writes only when the version is still the one read (compare-and-set)', async () => {
    const h = await make(kind);
    const ann = record(h, 'ann@example.org');
    expect(await h.store.put(ann, undefined)).toBe(true);
    expect(await h.store.put({ ...ann, version: 2 }, undefined)).toBe(false); // it exists now
    expect(await h.store.put({ ...ann, status: 'unsubscribed', version: 2 }, 1)).toBe(true);
    expect(await h.store.put({ ...ann, version: 2 }, 1)).toBe(false); // someone moved first
    expect(await h.store.get(ann.id)).toMatchObject({ status: 'unsubscribed', version: 2 });
    expect(await h.store.remove(ann.id, 1)).toBe(false);
    expect(await h.store.remove(ann.id, 2)).toBe(true);
    expect(await h.store.get(ann.id)).toBeUndefined();
  });

  it('lets exactly one of two racing writers win, and the loser retries without losing either change', async () => {
    const h = await make(kind);
    const id = h.tokens.subscriberId('ann@example.org');
    await h.store.put(record(h, 'ann@example.org'), undefined);
    // Both read version 1 and write at once: one lands, one is refused.
    const read = (await h.store.get(id))!;
    const wins = await Promise.all([
      h.store.put({ ...read, topics: ['specials'], version: 2 }, 1),
      h.store.put({ ...read, confirmedAt: '2010-08-01T00:00:00.000Z', version: 2 }, 1),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    // Through updateRecord, the loser re-reads and re-decides: both changes end up stored.
    await Promise.all([
      updateRecord(h.store, id, (c) => ({ result: 0, next: { ...c!, topics: ['civil-liberties'] } })),
      updateRecord(h.store, id, (c) => ({ result: 0, next: { ...c!, changedAt: '2010-08-02T00:00:00.000Z' } })),
    ]);
    expect(await h.store.get(id)).toMatchObject({ topics: ['civil-liberties'], changedAt: '2010-08-02T00:00:00.000Z', version: 4 });
  });

  it('loses no change when many writers race', async () => {
    const h = await make(kind);
    const emails = Array.from({ length: 20 }, (_, i) => `user${i}@example.org`);
    await Promise.all(emails.map((email) => subscribe(h.deps, { email })));
    await Promise.all(emails.map((email) => updateRecord(h.store, h.tokens.subscriberId(email), (c) => ({ result: 0, next: { ...c!, topics: ['specials'] } }))));
    const list = await h.store.list();
    expect(list.problems).toEqual([]);
    expect(list.subscribers.map((s) => s.email).sort()).toEqual([...emails].sort());
    for (const email of emails) expect(await h.store.get(h.tokens.subscriberId(email))).toMatchObject({ topics: ['specials'], version: 2 });
  });

  it('erases everything about an address but a keyed-hash marker that still blocks a re-import', async () => {
    const h = await make(kind);
    await subscribe(h.deps, { email: 'ann@example.org', topics: ['specials'] });
    expect(await exportAddress(h.deps, 'ann@example.org')).toMatchObject({ email: 'ann@example.org', status: 'pending', topics: ['specials'] });
    expect(await eraseAddress(h.deps, 'Ann@Example.org')).toBe(true);
    expect(await eraseAddress(h.deps, 'ann@example.org')).toBe(false);
    expect((await snapshot(h)).toLowerCase()).not.toMatch(/ann|example\.org|specials|pendinguntil|confirmsentat/);
    expect(await exportAddress(h.deps, 'ann@example.org')).toMatchObject({ status: 'suppressed', reason: 'erased' });
    expect(await eraseAddress(h.deps, 'never@example.org')).toBe(false); // no marker for someone never stored
    expect((await h.store.list()).subscribers).toHaveLength(1);
  });

  it('erasure redacts the address in every send plan, keeping its recipient key, and a re-run changes nothing more', async () => {
    const h = await make(kind);
    const { plans, dump, close } = await planStore(kind);
    try {
      h.deps.plans = plans;
      const audience = (emails: string[]) => ({ recipients: emails.map((email) => ({ email, reason: 'all' })), suppressed: 0, notInTopics: 0 });
      await plans.create(makeSendPlan('2010-07', audience(['ann@example.org', 'bob@example.org']), h.tokens, h.time));
      await plans.create(makeSendPlan('2010-08', audience(['bob@example.org', 'Ann@Example.org']), h.tokens, h.time));
      await plans.create(makeSendPlan('2010-09', audience(['bob@example.org']), h.tokens, h.time));
      await subscribe(h.deps, { email: 'ann@example.org' });
      // Act
      expect(await eraseAddress(h.deps, 'ann@example.org')).toBe(true);
      // Assert: nothing anywhere holds the address; the plans are whole and keep every key
      expect((await dump()).toLowerCase()).not.toContain('ann@');
      const july = (await plans.read('2010-07'))!;
      expect(july.recipients).toEqual([
        { email: `${h.tokens.recipientKey('ann@example.org')}@erased.invalid`, key: h.tokens.recipientKey('ann@example.org'), reason: 'all' },
        { email: 'bob@example.org', key: h.tokens.recipientKey('bob@example.org'), reason: 'all' },
      ]);
      expect((await plans.read('2010-08'))!.recipients.map((r) => r.key)).toEqual(['bob@example.org', 'ann@example.org'].map((e) => h.tokens.recipientKey(e)));
      expect((await plans.read('2010-09'))!.recipients.map((r) => r.email)).toEqual(['bob@example.org']);
      expect(await eraseAddress(h.deps, 'ann@example.org')).toBe(false);
    } finally {
      await close();
    }
  });

  it('gives the same records as the in-memory model for any sequence of lifecycle operations', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
      const [real, model] = [await make(kind), await make('memory')];
      const emails = [0, 1, 2].map((i) => `p${run}-${i}@example.org`);
      run++;
      for (const op of ops) {
        await apply(real, op, emails);
        await apply(model, op, emails);
      }
      for (const email of emails) {
        const id = real.tokens.subscriberId(email);
        expect(await real.store.get(id)).toEqual(await model.store.get(id));
      }
      const mailable = async (h: Harness) => (await h.store.list()).subscribers.filter((s) => s.status === 'active').map((s) => s.email).sort();
      expect(await mailable(real)).toEqual(await mailable(model));
      await Promise.all([real.close(), model.close()]);
    }), { numRuns: kind === 'dynamo' ? 15 : 25 });
  });
});
