import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenSigner } from '../../core/send/tokens.js';
import { SECRET } from '../send/support.js';

const LIST = 'met-forward.metforward.example.org';
const signer = new TokenSigner({ secret: SECRET, listId: LIST });
const PURPOSES = ['unsubscribe', 'confirm', 'preferences'] as const;

/** Every spelling of `s` a token might leak it in. */
function encodings(s: string): string[] {
  const b = Buffer.from(s, 'utf8');
  return [s, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(s)].map((x) => x.replace(/=+$/, '').toLowerCase());
}

describe('subscriber tokens carry no personal data', () => {
  it('never contain the address, or its local part, in any encoding', () => {
    fc.assert(fc.property(fc.emailAddress(), fc.constantFrom(...PURPOSES), (email, purpose) => {
      const token = signer.opaque().sign(purpose, email);
      const local = email.split('@')[0]!;
      for (const leak of [...encodings(email.toLowerCase()), ...(local.length >= 4 ? encodings(local.toLowerCase()) : [])]) expect(token.toLowerCase()).not.toContain(leak);
      expect(signer.verifyId(purpose, token)).toEqual({ ok: true, id: signer.subscriberId(email) });
    }));
  });

  it('name the same subscriber as the legacy address token of the same address', () => {
    fc.assert(fc.property(fc.emailAddress(), (email) => {
      expect(signer.verifyId('unsubscribe', signer.sign('unsubscribe', email))).toEqual({ ok: true, id: signer.subscriberId(email) });
    }));
  });
});

describe('subscriber tokens refuse anything not issued as is', () => {
  const id = signer.subscriberId('ann@example.org');
  const token = signer.signId('unsubscribe', id);
  const expiring = signer.signId('confirm', id, { expiresAt: new Date('2010-08-12T00:00:00Z') });

  it('refuses every single-character change, including the unused bits of the last base64 character', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (const t of [token, expiring]) {
      for (let i = 0; i < t.length; i++) {
        for (const c of alphabet) {
          if (c === t[i]) continue;
          const altered = t.slice(0, i) + c + t.slice(i + 1);
          expect(signer.verifyId(t === token ? 'unsubscribe' : 'confirm', altered, new Date('2010-08-05T00:00:00Z')).ok, altered).toBe(false);
        }
      }
    }
  });

  it('refuses truncated, extended, wrong-purpose, other-list and expired tokens', () => {
    const now = new Date('2010-08-05T00:00:00Z');
    for (let n = 0; n < token.length; n++) expect(signer.verifyId('unsubscribe', token.slice(0, n)).ok).toBe(false);
    expect(signer.verifyId('unsubscribe', `${token}A`).ok).toBe(false);
    expect(signer.verifyId('unsubscribe', `${token}.1`).ok).toBe(false);
    for (const p of PURPOSES) if (p !== 'unsubscribe') expect(signer.verifyId(p, token, now).ok).toBe(false);
    expect(new TokenSigner({ secret: SECRET, listId: 'other.example.org' }).verifyId('unsubscribe', token).ok).toBe(false);
    expect(signer.verifyId('confirm', expiring, now)).toMatchObject({ ok: true, id });
    expect(signer.verifyId('confirm', expiring, new Date('2010-08-12T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
    expect(signer.verifyId('confirm', expiring)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rotates keys: new tokens with the current secret, old ones still accepted, ids stable with the id secret', () => {
    const NEXT = `${SECRET}-rotated-2011`;
    const rotated = new TokenSigner({ secret: NEXT, previousSecrets: [SECRET], idSecret: SECRET, listId: LIST });
    expect(rotated.verifyId('unsubscribe', token)).toEqual({ ok: true, id });
    expect(rotated.subscriberId('ann@example.org')).toBe(id);
    const fresh = rotated.signId('unsubscribe', id);
    expect(signer.verifyId('unsubscribe', fresh).ok).toBe(false);
    expect(new TokenSigner({ secret: NEXT, listId: LIST }).verifyId('unsubscribe', token).ok).toBe(false); // previous key retired
    expect(rotated.recipientKey('ann@example.org')).toBe(new TokenSigner({ secret: NEXT, listId: LIST }).recipientKey('ann@example.org'));
  });
});
