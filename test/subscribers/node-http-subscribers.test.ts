import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubscribersApi, type SubscribersServer } from '../../adapters/node-http-subscribers.js';
import { selectAudience } from '../../core/send/select-recipients.js';
import { harness, signUp, type Harness } from './support.js';

let h: Harness;
let server: SubscribersServer;
beforeAll(async () => {
  h = await harness();
  h.apiDeps.subscribeFloorMs = 0;
  server = await serveSubscribersApi(h.api);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

async function activate(email: string): Promise<string> {
  const token = await signUp(h, email);
  const r = await fetch(`${server.url}/confirm`, { method: 'POST', body: new URLSearchParams({ token }) });
  expect(r.status).toBe(200);
  return h.tokens.opaque().sign('unsubscribe', email);
}

describe('the API over Node http (real clients, loopback)', () => {
  it('unsubscribes with one-click POSTs as a mail client sends them: multipart and URL-encoded', async () => {
    for (const [email, body] of [['ann@example.org', () => { const f = new FormData(); f.set('List-Unsubscribe', 'One-Click'); return f; }], ['bob@example.org', () => new URLSearchParams({ 'List-Unsubscribe': 'One-Click' })]] as const) {
      const token = await activate(email);
      const r = await fetch(`${server.url}/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST', body: body(), redirect: 'manual' });
      expect(r.status).toBe(200);
      expect(r.headers.get('location')).toBeNull();
      expect(r.headers.get('set-cookie')).toBeNull();
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(selectAudience(await h.store.list(), []).recipients.map((x) => x.email)).not.toContain(email);
    }
  });

  it('refuses a body over the limit with 413, and unknown paths with 404', async () => {
    const big = await fetch(`${server.url}/subscribe`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=a%40b.org&x=${'a'.repeat(64 * 1024)}` });
    expect(big.status).toBe(413);
    expect((await fetch(`${server.url}/admin`)).status).toBe(404);
    expect((await fetch(`${server.url}/subscribe`)).status).toBe(405);
  });
});
