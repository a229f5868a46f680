import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSubscriberStore } from '../../adapters/file-subscribers.js';
import type { StoredSubscriber } from '../../core/ports.js';
import { eraseAddress, exportAddress } from '../../core/subscribers/erase.js';
import { subscribe } from '../../core/subscribers/subscribe.js';
import { unsubscribeAddress } from '../../core/subscribers/unsubscribe.js';
import { updateRecord } from '../../core/subscribers/update-record.js';
import { harness, type Harness } from './support.js';

let h: Harness;
afterEach(async () => h?.close());

const record = (h: Harness, email: string, extra: Partial<StoredSubscriber> = {}): StoredSubscriber =>
  ({ email, status: 'active', id: h.tokens.subscriberId(email), version: 1, ...extra });

describe('the list file as a writable store', () => {
  it('writes only when the version is still the one read (compare-and-set)', async () => {
    h = await harness();
    const store = h.store as FileSubscriberStore;
    const ann = record(h, 'ann@example.org');
    expect(await store.put(ann, undefined)).toBe(true);
    expect(await store.put({ ...ann, version: 2 }, undefined)).toBe(false); // it exists now
    expect(await store.put({ ...ann, status: 'unsubscribed', version: 2 }, 1)).toBe(true);
    expect(await store.put({ ...ann, version: 2 }, 1)).toBe(false); // someone moved first
    expect(await store.get(ann.id)).toMatchObject({ status: 'unsubscribed', version: 2 });
    expect(await store.remove(ann.id, 1)).toBe(false);
    expect(await store.remove(ann.id, 2)).toBe(true);
    expect(await store.get(ann.id)).toBeUndefined();
  });

  it('loses no change when many writers race on one file', async () => {
    h = await harness();
    const emails = Array.from({ length: 20 }, (_, i) => `user${i}@example.org`);
    await Promise.all(emails.map((email) => subscribe(h.deps, { email })));
    await Promise.all(emails.map((email) => updateRecord(h.store, h.tokens.subscriberId(email), (c) => ({ result: 0, next: { ...c!, topics: ['specials'] } }))));
    const list = await h.store.list();
    expect(list.problems).toEqual([]);
    expect(list.subscribers.map((s) => s.email).sort()).toEqual([...emails].sort());
    expect(list.subscribers.every((s) => s.topics?.[0] === 'specials' && s.version === 2)).toBe(true);
    expect((await readdir(dirname(h.file!))).sort()).toEqual(['subscribers.json']); // no lock or temporary file left
  });

  it('keeps entries it does not understand, and they keep blocking their address', async () => {
    const odd = { email: ' Ann@Example.org', status: 'Unsubscribed' };
    h = await harness({ entries: [{ email: 'ann@example.org', status: 'active' }, odd, { email: 'bob@example.org', status: 'active' }] });
    const ann = await h.store.get(h.tokens.subscriberId('ann@example.org'));
    expect(ann).toMatchObject({ status: 'unsubscribed' }); // the most restrictive reading
    await unsubscribeAddress(h.deps, 'bob@example.org');
    const text = await readFile(h.file!, 'utf8');
    expect(JSON.parse(text)).toContainEqual(odd);
    expect((await h.store.list()).blocked.sort()).toEqual(['ann@example.org', 'bob@example.org']);
  });

  it('never overwrites a damaged list, and says which file and where', async () => {
    h = await harness();
    await writeFile(h.file!, '[{"email": "ann@example.org", "status": "active"},');
    await expect(subscribe(h.deps, { email: 'bob@example.org' })).rejects.toThrow(/subscribers\.json:\d+:\d+: .*fix it/);
    expect(await readFile(h.file!, 'utf8')).toBe('[{"email": "ann@example.org", "status": "active"},');
  });

  it('takes over a lock left by a writer that was killed', async () => {
    h = await harness();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(`${h.file!}.lock`, dead);
    await unsubscribeAddress(h.deps, 'ann@example.org');
    expect((await h.store.list()).blocked).toEqual(['ann@example.org']);
  });
});

describe('erasure and export', () => {
  it('erases everything about an address but a keyed-hash marker that still blocks a re-import', async () => {
    h = await harness();
    await subscribe(h.deps, { email: 'ann@example.org', topics: ['specials'] });
    expect(await exportAddress(h.deps, 'ann@example.org')).toMatchObject({ email: 'ann@example.org', status: 'pending', topics: ['specials'] });
    expect(await eraseAddress(h.deps, 'Ann@Example.org')).toBe(true);
    expect(await eraseAddress(h.deps, 'ann@example.org')).toBe(false);
    const text = await readFile(h.file!, 'utf8');
    expect(text.toLowerCase()).not.toMatch(/ann|example\.org|specials|pendinguntil|confirmsentat/);
    expect(await exportAddress(h.deps, 'ann@example.org')).toMatchObject({ status: 'suppressed', reason: 'erased' });
    expect(await eraseAddress(h.deps, 'never@example.org')).toBe(false); // no marker for someone never stored
    expect(JSON.parse(await readFile(h.file!, 'utf8'))).toHaveLength(1);
  });
});

describe('expired sign-ups', () => {
  it('forgets an unconfirmed address after 7 days, but keeps an earlier opt-out', async () => {
    const { purgeExpiredPending } = await import('../../core/subscribers/purge-expired.js');
    h = await harness();
    await subscribe(h.deps, { email: 'typed-by-someone@example.org' });
    await unsubscribeAddress(h.deps, 'left@example.org');
    await subscribe(h.deps, { email: 'left@example.org' });
    h.time.ms += 6 * 86_400_000;
    expect(await purgeExpiredPending(h.deps)).toBe(0);
    h.time.ms += 86_400_000;
    expect(await purgeExpiredPending(h.deps)).toBe(2);
    const list = await h.store.list();
    expect(list.subscribers).toEqual([expect.objectContaining({ email: 'left@example.org', status: 'unsubscribed', reason: 'unsubscribed' })]);
    expect(await readFile(h.file!, 'utf8')).not.toContain('typed-by-someone');
  });
});
