import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectAudience } from '../../core/send/select-recipients.js';
import { subscribe } from '../../core/subscribers/subscribe.js';
import { suppressAddress } from '../../core/subscribers/suppress.js';
import { unsubscribeAddress } from '../../core/subscribers/unsubscribe.js';
import { confirmSubscription } from '../../core/subscribers/confirm.js';
import { eraseAddress } from '../../core/subscribers/erase.js';
import { form, harness, MemoryStore, signUp, type Harness } from './support.js';

const DAY = 86_400_000;
let h: Harness;
afterEach(async () => h?.close());

/** Puts `email` into one of the five states a sign-up must not reveal. */
async function into(h: Harness, email: string, state: 'new' | 'pending' | 'active' | 'unsubscribed' | 'suppressed'): Promise<void> {
  if (state === 'new') return;
  await subscribe(h.deps, { email });
  if (state === 'pending') return;
  const token = h.deps.tokens.signId('confirm', h.tokens.subscriberId(email), { expiresAt: new Date(Math.floor((h.time.ms + 7 * DAY) / 1000) * 1000) });
  expect(await confirmSubscription(h.deps, token)).toBe('confirmed');
  if (state === 'unsubscribed') await unsubscribeAddress(h.deps, email);
  if (state === 'suppressed') await suppressAddress(h.deps, email, 'bounce');
}

// Addresses the API accepts (its own check), so every state is reached through the same accepted input.
const address = fc.emailAddress().filter((e) => e.length <= 254 && z.email().safeParse(e).success);

describe('sign-up reveals nothing about an address', () => {
  it('answers new, pending, active, unsubscribed and suppressed addresses identically, with one write and the same padding', async () => {
    h = await harness({ store: 'memory' });
    const store = h.store as MemoryStore;
    await fc.assert(fc.asyncProperty(fc.uniqueArray(address, { minLength: 5, maxLength: 5, selector: (e) => e.toLowerCase() }), async (emails) => {
      store.records.clear();
      const states = ['new', 'pending', 'active', 'unsubscribed', 'suppressed'] as const;
      for (const [i, s] of states.entries()) await into(h, emails[i]!, s);
      h.time.ms += 2 * 3600_000; // past the resend window, so the pending address is due a resend like a new one
      const answers = [];
      for (const email of emails) {
        const writes = store.writes;
        const sleeps = h.time.sleeps.length;
        const r = await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: form({ email }) });
        answers.push({ ...r, writes: store.writes - writes, padded: h.time.sleeps.slice(sleeps) });
      }
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answers[0]).toMatchObject({ status: 200, writes: 1, padded: [400] });
    }), { numRuns: 15 });
  });

  it('answers JSON sign-ups identically too', async () => {
    h = await harness({ store: 'memory' });
    await into(h, 'ann@example.org', 'active');
    const ask = (email: string) => h.call('POST', '/subscribe', { type: 'application/json', body: JSON.stringify({ email, topics: ['specials'] }) });
    const [known, fresh] = [await ask('ann@example.org'), await ask('zed@example.org')];
    expect(known).toEqual(fresh);
    expect(JSON.parse(known.body)).toMatchObject({ ok: true });
  });
});

describe('sign-up with double opt-in', () => {
  it('creates a pending subscriber who is never mailed, and sends one confirmation', async () => {
    h = await harness();
    await signUp(h, 'Ann@Example.org', ['specials']);
    const list = await h.store.list();
    expect(list.subscribers).toEqual([expect.objectContaining({ email: 'ann@example.org', status: 'pending', topics: ['specials'] })]);
    expect(selectAudience(list, ['specials']).recipients).toEqual([]);
  });

  it('sends no second confirmation within the window, and one after it', async () => {
    h = await harness();
    await signUp(h, 'ann@example.org');
    h.time.ms += 30 * 60_000;
    await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: form({ email: 'ann@example.org' }) });
    expect(h.mailer.sent).toHaveLength(1);
    h.time.ms += 31 * 60_000;
    await signUp(h, 'ann@example.org');
    expect(h.mailer.sent).toHaveLength(2);
  });

  it('lets a pending sign-up expire after 7 days: its link no longer confirms', async () => {
    h = await harness();
    const token = await signUp(h, 'ann@example.org');
    h.time.ms += 7 * DAY;
    const r = await h.call('POST', '/confirm', { type: 'application/x-www-form-urlencoded', body: form({ token }) });
    expect(r.status).toBe(400);
    expect((await h.store.list()).subscribers[0]).toMatchObject({ status: 'pending' });
    await signUp(h, 'ann@example.org'); // a new sign-up starts again
  });

  it('keeps a bounced or complaining address suppressed: no confirmation, never active', async () => {
    h = await harness();
    for (const reason of ['bounce', 'complaint'] as const) {
      const email = `${reason}@example.org`;
      await suppressAddress(h.deps, email, reason);
      await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: form({ email }) });
      expect(h.mailer.sent).toHaveLength(0);
      expect((await h.store.list()).blocked).toContain(email);
    }
  });

  it('makes an address that unsubscribed or was erased confirm afresh before it is mailed again', async () => {
    h = await harness();
    for (const leave of [unsubscribeAddress, eraseAddress]) {
      const email = `${leave.name.toLowerCase()}@example.org`;
      await into(h, email, 'active');
      await leave(h.deps, email);
      const token = await signUp(h, email);
      expect(selectAudience(await h.store.list(), []).recipients.map((r) => r.email)).not.toContain(email);
      expect(await confirmSubscription(h.deps, token)).toBe('confirmed');
      expect(selectAudience(await h.store.list(), []).recipients.map((r) => r.email)).toContain(email);
    }
  });

  it('refuses a bad address or an unknown topic with a page, whatever the address', async () => {
    h = await harness();
    for (const body of [form({ email: 'not an address' }), form({ email: 'ann@example.org', topics: 'no-such-workstream' }), form({ email: 'ann@example.org', admin: 'yes' })]) {
      const r = await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body });
      expect(r.status).toBe(400);
      expect(r.body).toContain('<h1>');
    }
    expect(h.mailer.sent).toHaveLength(0);
  });

  it('still answers the same when the mail service fails, and lets a retry send at once', async () => {
    h = await harness();
    const errors: string[] = [];
    h.deps.onError = (what) => errors.push(what);
    h.mailer.fail = true;
    const r = await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: form({ email: 'ann@example.org' }) });
    expect(r.status).toBe(200);
    expect(errors).toEqual(['the confirmation email could not be sent']);
    h.mailer.fail = false;
    await signUp(h, 'ann@example.org');
  });

  it('throttles per IP with 429 and per address silently (the same answer, nothing sent)', async () => {
    h = await harness();
    const refused = new Set(['ip:203.0.113.9', `subscriber:${h.tokens.subscriberId('ann@example.org')}`]);
    h.apiDeps.allow = (key) => !refused.has(key);
    const post = (email: string, sourceIp: string) => h.api({ method: 'POST', path: '/subscribe', query: {}, sourceIp, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form({ email })) });
    expect((await post('bob@example.org', '203.0.113.9')).status).toBe(429);
    const [limited, normal] = [await post('ann@example.org', '198.51.100.1'), await post('bob@example.org', '198.51.100.1')];
    expect(limited).toEqual(normal);
    expect(h.mailer.sent.map((m) => m.to)).toEqual(['bob@example.org']);
  });
});
