/**
 * HMAC-SHA256 tokens for unsubscribe, confirm and preferences links, plus
 * the keyed hashes that stand for an address: the recipient key (ledger
 * rows, file names) and the subscriber id (what tokens name).
 *
 * Subscriber tokens (`s1.<id>[.<expiry>].<signature>`) carry NO personal
 * data: `<id>` is a keyed hash of the address, meaningless without the
 * secret. The signature binds id, expiry, purpose and list id with a
 * per-purpose key, so a token for one purpose or list never passes for
 * another. Key rotation: sign with `secret`, still accept `previousSecrets`.
 *
 * Legacy tokens (`<base64url address>.<signature>`, from `sign` without
 * `subjects: 'opaque'`) still verify, so links in emails already sent keep
 * working; they hold the address and should no longer be issued.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TokenError } from './errors.js';

/** What a token may be used for; each purpose has its own derived key. */
export type TokenPurpose = 'unsubscribe' | 'confirm' | 'preferences';
/** The shortest secret accepted (256 bits). */
export const MIN_SECRET_BYTES = 32;

/** A verification result: the address on success, else why not (never which part was wrong beyond that). */
export type TokenCheck =
  | { ok: true; email: string; expiresAt?: Date }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

/** A subscriber-token verification: the opaque subscriber id on success. */
export type IdTokenCheck =
  | { ok: true; id: string; expiresAt?: Date }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const B64URL = /^[A-Za-z0-9_-]+$/;
const ID = /^[0-9a-f]{32}$/;
const EXPIRY = /^[1-9]\d{0,11}$/;

/** Lower-cased, trimmed address: the one form tokens, keys and dedup use. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type Secret = string | Uint8Array;
type KeySet = Record<TokenPurpose | 'recipient', Buffer>;

export interface TokenSignerOptions {
  /** At least 32 bytes of secret (a string is taken as UTF-8); new tokens are signed with it. */
  secret: Secret;
  /** The list these tokens belong to, e.g. `met-forward.metforward.example.org`. */
  listId: string;
  /** Earlier secrets whose tokens still verify (rotation); never used to sign. */
  previousSecrets?: readonly Secret[];
  /** Derives subscriber ids; defaults to `secret`. Keep it when rotating, or stored ids no longer match. */
  idSecret?: Secret;
  /** `opaque`: `sign(purpose, email)` issues subscriber tokens (no personal data). Default `address` (legacy). */
  subjects?: 'address' | 'opaque';
}

function bytesOf(secret: Secret): Buffer {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new TokenError('SECRET_WEAK', `the token secret must be at least ${MIN_SECRET_BYTES} bytes; it is ${bytes.length}`);
  }
  return bytes;
}

// One derived key per purpose: purpose separation does not rest on message formatting alone.
const derive = (bytes: Buffer, purpose: string) => createHmac('sha256', bytes).update(`met-forward-bulletin/v1/${purpose}`).digest();
const keySet = (bytes: Buffer): KeySet => ({
  unsubscribe: derive(bytes, 'unsubscribe'), confirm: derive(bytes, 'confirm'), preferences: derive(bytes, 'preferences'), recipient: derive(bytes, 'recipient'),
});

/** Signs and verifies tokens for one list. Verification compares in constant time. */
export class TokenSigner {
  readonly listId: string;
  readonly #options: TokenSignerOptions;
  /** Current key set first, then previous ones. */
  readonly #keys: KeySet[];
  readonly #idKey: Buffer;

  constructor(options: TokenSignerOptions) {
    const { secret, listId } = options;
    const bytes = bytesOf(secret);
    if (!/^[A-Za-z0-9._-]+$/.test(listId)) throw new TokenError('LIST_ID_INVALID', `list id "${listId}" must be letters, digits, dots and hyphens`);
    this.listId = listId;
    this.#options = options;
    this.#keys = [keySet(bytes), ...(options.previousSecrets ?? []).map((s) => keySet(bytesOf(s)))];
    this.#idKey = derive(options.idSecret === undefined ? bytes : bytesOf(options.idSecret), 'subscriber-id');
  }

  /** The same keys, issuing opaque subscriber tokens from `sign` (for composeMessage on the subscriber path). */
  opaque(): TokenSigner {
    return new TokenSigner({ ...this.#options, subjects: 'opaque' });
  }

  /** A token for `email` (normalised) and `purpose`; with `expiresAt`, it stops verifying after that instant. */
  sign(purpose: TokenPurpose, email: string, options: { expiresAt?: Date } = {}): string {
    if (this.#options.subjects === 'opaque') return this.signId(purpose, this.subscriberId(email), options);
    const exp = options.expiresAt ? `\n${Math.floor(options.expiresAt.getTime() / 1000)}` : '';
    const payload = Buffer.from(`${normaliseEmail(email)}${exp}`, 'utf8').toString('base64url');
    return `${payload}.${this.#mac(this.#keys[0]!, purpose, payload).toString('base64url')}`;
  }

  /** Checks a legacy (address) token for `purpose`; `now` is needed only for tokens that expire. Never throws. */
  verify(purpose: TokenPurpose, token: string, now?: Date): TokenCheck {
    const parts = token.split('.');
    const [payload, signature] = parts;
    if (parts.length !== 2 || !payload || !signature || !B64URL.test(payload) || !B64URL.test(signature)) {
      return { ok: false, reason: 'malformed' };
    }
    if (!this.#signedBy(purpose, payload, signature)) return { ok: false, reason: 'bad-signature' };
    const [email, exp, ...rest] = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
    if (!email || rest.length || email !== normaliseEmail(email)) return { ok: false, reason: 'malformed' };
    if (exp === undefined) return { ok: true, email };
    if (!/^\d+$/.test(exp)) return { ok: false, reason: 'malformed' };
    const expiresAt = new Date(Number(exp) * 1000);
    if (!now || now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, email, expiresAt };
  }

  /**
   * The opaque subscriber id for an address (32 hex): a keyed hash, stable
   * for the id secret and list. Stores key subscribers by it; tokens name it.
   */
  subscriberId(email: string): string {
    return createHmac('sha256', this.#idKey).update(`${this.listId}\n${normaliseEmail(email)}`).digest('hex').slice(0, 32);
  }

  /** A subscriber token naming `id` for `purpose`; with `expiresAt` (whole seconds), it stops verifying then. */
  signId(purpose: TokenPurpose, id: string, options: { expiresAt?: Date } = {}): string {
    if (!ID.test(id)) throw new RangeError('a subscriber id is 32 lower-case hexadecimal digits'); // a programming error, not input
    const payload = `s1.${id}${options.expiresAt ? `.${Math.floor(options.expiresAt.getTime() / 1000)}` : ''}`;
    return `${payload}.${this.#mac(this.#keys[0]!, purpose, payload).toString('base64url')}`;
  }

  /**
   * Checks a subscriber token — or a legacy address token, mapped to its
   * subscriber id — for `purpose`. Every forged, altered (including unused
   * bits of the signature's last character), truncated, expired or
   * wrong-purpose token fails. Never throws.
   */
  verifyId(purpose: TokenPurpose, token: string, now?: Date): IdTokenCheck {
    if (!token.startsWith('s1.')) {
      const legacy = this.verify(purpose, token, now);
      return legacy.ok ? { ok: true, id: this.subscriberId(legacy.email), ...(legacy.expiresAt ? { expiresAt: legacy.expiresAt } : {}) } : legacy;
    }
    const parts = token.split('.');
    const signature = parts.pop()!;
    const [, id, exp, ...rest] = parts;
    if (!id || !ID.test(id) || rest.length || (exp !== undefined && !EXPIRY.test(exp)) || !B64URL.test(signature)) return { ok: false, reason: 'malformed' };
    if (!this.#signedBy(purpose, parts.join('.'), signature)) return { ok: false, reason: 'bad-signature' };
    if (exp === undefined) return { ok: true, id };
    const expiresAt = new Date(Number(exp) * 1000);
    if (!now || now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, id, expiresAt };
  }

  /**
   * A keyed hash of the address (32 hex characters): stable for this secret
   * and list, meaningless without the secret. Ledger keys, outbox file names
   * and Message-IDs use it, so no raw address lands in a file name.
   * Rotating the secret changes every key; a send in progress is safe
   * because its send plan keeps the keys it started with.
   */
  recipientKey(email: string): string {
    return createHmac('sha256', this.#keys[0]!.recipient).update(`${this.listId}\n${normaliseEmail(email)}`).digest('hex').slice(0, 32);
  }

  /**
   * 12 hex digits that identify this secret and list (not the secret: an
   * HMAC of a fixed label). A send plan records it, so a run can say when
   * the secret has changed since its send started.
   */
  fingerprint(): string {
    return createHmac('sha256', this.#keys[0]!.recipient).update(`${this.listId}\nfingerprint`).digest('hex').slice(0, 12);
  }

  /** Whether any current or previous key signed `payload` as `signature` (canonical base64url only). */
  #signedBy(purpose: TokenPurpose, payload: string, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    // A non-canonical spelling (other unused bits in the last character) decodes to the same bytes: refuse it.
    if (given.toString('base64url') !== signature) return false;
    let ok = false;
    for (const keys of this.#keys) {
      const expected = this.#mac(keys, purpose, payload);
      // The length is public (always 32); only the bytes need a constant-time comparison.
      if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
    }
    return ok;
  }

  #mac(keys: KeySet, purpose: TokenPurpose, payload: string): Buffer {
    return createHmac('sha256', keys[purpose]).update(`${this.listId}\n${payload}`).digest();
  }
}
