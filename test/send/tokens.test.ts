import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { TokenSigner } from '../../core/send/tokens.js';
import { addresses, SECRET } from './support.js';

// A spy around the real comparison (not a replacement), to prove verification goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const LIST = 'met-forward.metforward.example.org';
const signer = new TokenSigner({ secret: SECRET, listId: LIST });

function flip(s: string, at: number): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe('TokenSigner', () => {
  it('verifies its own token and returns the normalised address', () => {
    const token = signer.sign('unsubscribe', '  Alice@Example.ORG ');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(signer.verify('unsubscribe', token)).toEqual({ ok: true, email: 'alice@example.org' });
  });

  it('rejects a tampered payload or signature', () => {
    const token = signer.sign('unsubscribe', 'alice@example.org');
    const [payload, sig] = token.split('.') as [string, string];
    const other = Buffer.from('mallory@example.org').toString('base64url');
    expect(signer.verify('unsubscribe', `${other}.${sig}`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify('unsubscribe', `${payload}.${flip(sig, 5)}`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify('unsubscribe', `${payload}.${sig.slice(0, -2)}`)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const bad of ['', 'abc', `${payload}.${sig}.x`, `${payload}.`, `pay load.${sig}`]) {
      expect(signer.verify('unsubscribe', bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('keeps purposes apart: an unsubscribe token is no confirm token, and back', () => {
    const unsubscribe = signer.sign('unsubscribe', 'alice@example.org');
    const confirm = signer.sign('confirm', 'alice@example.org', { expiresAt: new Date('2010-08-12T00:00:00Z') });
    expect(signer.verify('confirm', unsubscribe, new Date('2010-08-05T00:00:00Z')).ok).toBe(false);
    expect(signer.verify('unsubscribe', confirm).ok).toBe(false);
  });

  it('binds tokens to the list and the secret', () => {
    const token = signer.sign('unsubscribe', 'alice@example.org');
    expect(new TokenSigner({ secret: SECRET, listId: 'other.example.org' }).verify('unsubscribe', token)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(new TokenSigner({ secret: `${SECRET}!`, listId: LIST }).verify('unsubscribe', token)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('lets a confirm token expire', () => {
    const token = signer.sign('confirm', 'bob@example.org', { expiresAt: new Date('2010-08-12T00:00:00Z') });
    expect(signer.verify('confirm', token, new Date('2010-08-11T23:59:59Z'))).toMatchObject({ ok: true, email: 'bob@example.org' });
    expect(signer.verify('confirm', token, new Date('2010-08-12T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(signer.verify('confirm', token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('compares signatures with crypto.timingSafeEqual', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const token = signer.sign('unsubscribe', 'alice@example.org');
    signer.verify('unsubscribe', token);
    signer.verify('unsubscribe', `${token.split('.')[0]}.${flip(token.split('.')[1]!, 0)}`);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.results.map((r) => r.value)).toEqual([true, false]);
  });

  it('refuses a short secret and a list id that cannot go in a header', () => {
    expect(() => new TokenSigner({ secret: 'short', listId: LIST })).toThrow(expect.objectContaining({ code: 'SECRET_WEAK' }));
    expect(() => new TokenSigner({ secret: SECRET, listId: 'a b>' })).toThrow(expect.objectContaining({ code: 'LIST_ID_INVALID' }));
  });

  it('gives a stable, distinct, case-insensitive recipient key that hides the address', () => {
    const keys = addresses(500).map((a) => signer.recipientKey(a));
    expect(new Set(keys).size).toBe(500);
    expect(signer.recipientKey('User0001@Example.org')).toBe(keys[1]);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new TokenSigner({ secret: `${SECRET}!`, listId: LIST }).recipientKey('user0000@example.org')).not.toBe(keys[0]);
  });
});
