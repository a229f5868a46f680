import { afterEach, describe, expect, it } from 'vitest';
import { selectAudience } from '../../core/send/select-recipients.js';
import { JULY_FACTS } from '../send/support.js';
import { form, harness, signUp, snapshot, tokenIn, type Harness } from './support.js';

let h: Harness;
afterEach(async () => h?.close());

const FORM = 'application/x-www-form-urlencoded';
const audience = async (h: Harness, workstreams: string[] = []) => selectAudience(await h.store.list(), workstreams).recipients.map((r) => r.email);

/** An active subscriber, and the tokens of their confirm link and welcome email's unsubscribe link. */
async function active(h: Harness, email = 'ann@example.org') {
  const confirm = await signUp(h, email);
  const r = await h.call('POST', '/confirm', { type: FORM, body: form({ token: confirm }) });
  expect(r.status).toBe(200);
  const welcome = await h.mailer.parse(h.mailer.sent.length - 1);
  return { confirm, welcome, unsubscribe: tokenIn(welcome.text ?? '', 'unsubscribe') };
}

/** A multipart/form-data body as RFC 7578 writes it. */
function multipart(fields: Record<string, string>, boundary = '----bulletin7MA4YWxkTrZu0gW'): { body: string; type: string } {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe('confirm', () => {
  it('activates only on POST, then sends one welcome email carrying the latest issue', async () => {
    h = await harness();
    const token = await signUp(h, 'ann@example.org');
    const page = await h.call('GET', '/confirm', { query: { token } });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<form[^>]+action="confirm" method="post"/);
    expect(await audience(h)).toEqual([]);
    expect((await h.call('POST', '/confirm', { type: FORM, body: form({ token }) })).status).toBe(200);
    const welcome = await h.mailer.parse(1);
    expect(await audience(h)).toEqual(['ann@example.org']);
    expect(welcome.subject).toMatch(/^Welcome to Met Forward: /);
    for (const fact of JULY_FACTS) expect(welcome.text).toContain(fact);
    expect(welcome.html).toContain('your subscription is confirmed');
    expect(Buffer.from(h.mailer.sent[1]!.raw!).toString()).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
  });

  it('is harmless to repeat: no second welcome, no change', async () => {
    h = await harness();
    const { confirm } = await active(h);
    const before = await snapshot(h);
    const again = await h.call('POST', '/confirm', { type: FORM, body: form({ token: confirm }) });
    expect(again.status).toBe(200);
    expect(h.mailer.sent).toHaveLength(2);
    expect(await snapshot(h)).toBe(before);
  });

  it('never re-activates with the link of an earlier sign-up after an unsubscribe', async () => {
    h = await harness();
    const { confirm, unsubscribe } = await active(h);
    await h.call('POST', '/unsubscribe', { query: { token: unsubscribe }, type: FORM, body: 'List-Unsubscribe=One-Click' });
    expect((await h.call('POST', '/confirm', { type: FORM, body: form({ token: confirm }) })).status).toBe(400);
    expect(await audience(h)).toEqual([]);
  });
});

describe('unsubscribe (RFC 8058 one-click and the page)', () => {
  for (const encoding of ['urlencoded', 'multipart'] as const) {
    it(`acts at once on a one-click POST as ${encoding}: 200, no redirect, no cookie; a repeat is harmless`, async () => {
      h = await harness();
      const { unsubscribe } = await active(h);
      const body = encoding === 'urlencoded' ? { body: 'List-Unsubscribe=One-Click', type: FORM } : multipart({ 'List-Unsubscribe': 'One-Click' });
      for (let i = 0; i < 2; i++) {
        const r = await h.call('POST', '/unsubscribe', { query: { token: unsubscribe }, ...body });
        expect(r.status).toBe(200);
        expect(Object.keys(r.headers).map((k) => k.toLowerCase())).not.toEqual(expect.arrayContaining(['location']));
        expect(Object.keys(r.headers).map((k) => k.toLowerCase())).not.toContain('set-cookie');
        expect(await audience(h)).toEqual([]);
      }
      const list = await h.store.list();
      expect(list.blocked).toEqual(['ann@example.org']);
      expect(list.subscribers).toEqual([expect.not.objectContaining({ topics: expect.anything(), confirmedAt: expect.anything() })]);
    });
  }

  it('shows a page with a button and a way to change topics instead; the button acts', async () => {
    h = await harness();
    const { unsubscribe } = await active(h);
    const page = await h.call('GET', '/unsubscribe', { query: { token: unsubscribe } });
    expect(page.body).toMatch(/<button type="submit">Unsubscribe<\/button>/);
    const preferences = tokenIn(page.body.replace(/&#x3D;/g, '='), 'preferences');
    const prefs = await h.call('GET', '/preferences', { query: { token: preferences } });
    expect(prefs.body).toContain('<label for="topic-specials">');
    const saved = await h.call('POST', '/preferences', { type: FORM, body: form({ token: preferences, choice: 'topics', topics: ['specials'] }) });
    expect(saved.status).toBe(200);
    expect(await audience(h, ['civil-liberties'])).toEqual([]);
    expect(await audience(h, ['specials', 'civil-liberties'])).toEqual(['ann@example.org']);
    await h.call('POST', '/preferences', { type: FORM, body: form({ token: preferences, choice: 'all' }) });
    expect(await audience(h, ['civil-liberties'])).toEqual(['ann@example.org']);
    expect((await h.call('POST', '/unsubscribe', { type: FORM, body: form({ token: unsubscribe }) })).status).toBe(200);
    expect(await audience(h, ['specials'])).toEqual([]);
  });

  it('blocks the address in the next send plan (selectAudience), whatever the hand-written list said', async () => {
    h = await harness({ entries: [{ email: 'ann@example.org', status: 'active' }, { email: 'bob@example.org', status: 'active' }] });
    const token = h.tokens.opaque().sign('unsubscribe', 'ann@example.org'); // as the send path's emails carry it
    expect(await audience(h)).toEqual(['ann@example.org', 'bob@example.org']);
    expect((await h.call('POST', '/unsubscribe', { query: { token }, type: FORM, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect(await audience(h)).toEqual(['bob@example.org']);
  });

  it('honours links in emails already sent with the older address tokens', async () => {
    h = await harness({ entries: [{ email: 'ann@example.org', status: 'active' }] });
    const legacy = h.tokens.sign('unsubscribe', 'ann@example.org');
    expect((await h.call('POST', '/unsubscribe', { query: { token: legacy }, type: FORM, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    expect(await audience(h)).toEqual([]);
  });
});

describe('refused tokens: a page, never a stack, and nothing changes', () => {
  it('refuses forged, altered, truncated, expired and wrong-purpose tokens on every route', async () => {
    h = await harness();
    const { unsubscribe } = await active(h);
    const confirmLater = await signUp(h, 'bob@example.org');
    const id = h.tokens.subscriberId('ann@example.org');
    const sig = unsubscribe.split('.').at(-1)!;
    const bad = [
      `s1.${'0'.repeat(32)}.${sig}`, // forged id
      `${unsubscribe.slice(0, -1)}${unsubscribe.endsWith('A') ? 'B' : 'A'}`, // altered last character
      unsubscribe.slice(0, -3), // truncated
      h.tokens.signId('confirm', id), // no expiry: never issued for confirming
      h.tokens.signId('unsubscribe', id, { expiresAt: new Date(h.time.ms + 86_400_000) }), // wrong purpose on /confirm
      '', 'not-a-token', '%%{unsubscribe_url}%%', '<script>alert(1)</script>',
    ];
    h.time.ms += 8 * 86_400_000;
    bad.push(confirmLater); // expired
    const prefs = h.tokens.signId('preferences', id); // wrong purpose except on /preferences
    const before = await snapshot(h);
    for (const token of [...bad, prefs]) {
      for (const path of ['/confirm', '/unsubscribe', '/preferences']) {
        if ((path !== '/confirm' && token === confirmLater) || (path === '/preferences' && token === prefs)) continue;
        for (const method of ['GET', 'POST']) {
          const r = await h.call(method, path, { query: { token }, type: FORM, body: method === 'POST' ? 'List-Unsubscribe=One-Click' : '' });
          expect(r.status, `${method} ${path} ${token}`).toBe(400);
          expect(r.body).toContain('<h1>This link is not valid</h1>');
          expect(r.body).not.toMatch(/at \w+ \(|Error:|<script>/);
        }
      }
    }
    expect(await snapshot(h)).toBe(before);
  });
});

describe('GET never changes state', () => {
  it('leaves the store untouched for GET and HEAD of every route, with valid tokens', async () => {
    h = await harness();
    const { unsubscribe } = await active(h);
    const pending = await signUp(h, 'bob@example.org');
    const preferences = h.tokens.signId('preferences', h.tokens.subscriberId('ann@example.org'));
    const before = await snapshot(h);
    const sent = h.mailer.sent.length;
    const calls: [string, Record<string, string>][] = [
      ['/subscribe', { email: 'carol@example.org' }], ['/confirm', { token: pending }], ['/unsubscribe', { token: unsubscribe }],
      ['/unsubscribe', { token: unsubscribe, 'List-Unsubscribe': 'One-Click' }], ['/preferences', { token: preferences, choice: 'all' }], ['/nowhere', {}],
    ];
    for (const [path, query] of calls) {
      for (const method of ['GET', 'HEAD']) {
        const r = await h.call(method, path, { query });
        expect(r.status).toBeLessThan(500);
        if (method === 'HEAD') expect(r.body).toBe('');
      }
    }
    expect(await snapshot(h)).toBe(before);
    expect(h.mailer.sent).toHaveLength(sent);
  });
});
