import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribe } from '../../core/subscribers/subscribe.js';
import { unsubscribeAddress } from '../../core/subscribers/unsubscribe.js';
import { harness, type Harness } from './support.js';

let h: Harness;
afterEach(async () => h?.close());

describe('the list file as a writable store', () => {
  // Compare-and-set, racing writers and erasure: writable-store.test.ts runs them on every store.
  it('leaves no lock or temporary file behind after racing writers', async () => {
    h = await harness();
    const emails = Array.from({ length: 10 }, (_, i) => `user${i}@example.org`);
    await Promise.all(emails.map((email) => subscribe(h.deps, { email })));
    expect((await readdir(dirname(h.file!))).sort()).toEqual(['subscribers.json']);
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
