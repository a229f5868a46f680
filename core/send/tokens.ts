/**
 * HMAC-SHA256 tokens for one-click unsubscribe and double opt-in confirm
 * links, plus the keyed recipient hash used for ledger keys and file names.
 *
 * Token = `<payload>.<signature>`, both URL-safe base64 (no padding). The
 * payload is the normalised address (and an expiry, when given); the
 * signature binds it to the purpose and the list id with a per-purpose key,
 * so an unsubscribe token never passes as a confirm token, nor for another
 * list. The secret comes in as a value (env/config is read at the edge).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TokenError } from './errors.js';

/** What a token may be used for; each purpose has its own derived key. */
export type TokenPurpose = 'unsubscribe' | 'confirm';
/** The shortest secret accepted (256 bits). */
export const MIN_SECRET_BYTES = 32;

/** A verification result: the address on success, else why not (never which part was wrong beyond that). */
export type TokenCheck =
  | { ok: true; email: string; expiresAt?: Date }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const B64URL = /^[A-Za-z0-9_-]+$/;

/** Lower-cased, trimmed address: the one form tokens, keys and dedup use. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface TokenSignerOptions {
  /** At least 32 bytes of secret (a string is taken as UTF-8). */
  secret: string | Uint8Array;
  /** The list these tokens belong to, e.g. `met-forward.metforward.example.org`. */
  listId: string;
}

/** Signs and verifies tokens for one list. Verification compares in constant time. */
export class TokenSigner {
  readonly listId: string;
  readonly #keys: Record<TokenPurpose | 'recipient', Buffer>;

  constructor({ secret, listId }: TokenSignerOptions) {
    const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new TokenError('SECRET_WEAK', `the token secret must be at least ${MIN_SECRET_BYTES} bytes; it is ${bytes.length}`);
    }
    if (!/^[A-Za-z0-9._-]+$/.test(listId)) throw new TokenError('LIST_ID_INVALID', `list id "${listId}" must be letters, digits, dots and hyphens`);
    this.listId = listId;
    // One derived key per purpose: purpose separation does not rest on message formatting alone.
    const derive = (purpose: string) => createHmac('sha256', bytes).update(`met-forward-bulletin/v1/${purpose}`).digest();
    this.#keys = { unsubscribe: derive('unsubscribe'), confirm: derive('confirm'), recipient: derive('recipient') };
  }

  /** A token for `email` (normalised) and `purpose`; with `expiresAt`, it stops verifying after that instant. */
  sign(purpose: TokenPurpose, email: string, options: { expiresAt?: Date } = {}): string {
    const exp = options.expiresAt ? `\n${Math.floor(options.expiresAt.getTime() / 1000)}` : '';
    const payload = Buffer.from(`${normaliseEmail(email)}${exp}`, 'utf8').toString('base64url');
    return `${payload}.${this.#mac(purpose, payload).toString('base64url')}`;
  }

  /** Checks `token` for `purpose`; `now` is needed only for tokens that expire. Never throws. */
  verify(purpose: TokenPurpose, token: string, now?: Date): TokenCheck {
    const parts = token.split('.');
    const [payload, signature] = parts;
    if (parts.length !== 2 || !payload || !signature || !B64URL.test(payload) || !B64URL.test(signature)) {
      return { ok: false, reason: 'malformed' };
    }
    const expected = this.#mac(purpose, payload);
    const given = Buffer.from(signature, 'base64url');
    // The length is public (always 32); only the bytes need a constant-time comparison.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    const [email, exp, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
    if (!email || rest.length || email !== normaliseEmail(email)) return { ok: false, reason: 'malformed' };
    if (exp === undefined) return { ok: true, email };
    if (!/^\d+$/.test(exp)) return { ok: false, reason: 'malformed' };
    const expiresAt = new Date(Number(exp) * 1000);
    if (!now || now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, email, expiresAt };
  }

  /**
   * A keyed hash of the address (32 hex characters): stable for this secret
   * and list, meaningless without the secret. Ledger keys, outbox file names
   * and Message-IDs use it, so no raw address lands in a file name.
   * Rotating the secret changes every key; a send in progress is safe
   * because its send plan keeps the keys it started with.
   */
  recipientKey(email: string): string {
    return createHmac('sha256', this.#keys.recipient).update(`${this.listId}\n${normaliseEmail(email)}`).digest('hex').slice(0, 32);
  }

  /**
   * 12 hex digits that identify this secret and list (not the secret: an
   * HMAC of a fixed label). A send plan records it, so a run can say when
   * the secret has changed since its send started.
   */
  fingerprint(): string {
    return createHmac('sha256', this.#keys.recipient).update(`${this.listId}\nfingerprint`).digest('hex').slice(0, 12);
  }

  #mac(purpose: TokenPurpose, payload: string): Buffer {
    return createHmac('sha256', this.#keys[purpose]).update(`${this.listId}\n${payload}`).digest();
  }
}
