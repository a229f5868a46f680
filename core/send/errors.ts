/**
 * The send path's errors: `<What>Error` with a stable `code` a caller can
 * branch on, and the underlying `cause` kept. Expected per-recipient
 * failures are not thrown out of a send — they become report entries.
 */

/** The send as a whole cannot go on (bad input, a ledger that cannot record). */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly code: 'ISSUE_ID_INVALID' | 'OPTIONS_INVALID' | 'EMAIL_TOO_LARGE' | 'LEDGER_FAILED' | 'LEDGER_ROW_DAMAGED',
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** A template or value cannot be personalised safely. */
export class PersonaliseError extends Error {
  override readonly name = 'PersonaliseError';
  constructor(
    readonly code: 'PLACEHOLDER_UNKNOWN' | 'PLACEHOLDER_MANGLED' | 'PLACEHOLDER_MISSING' | 'VALUE_MISSING' | 'VALUE_INVALID',
    message: string,
  ) {
    super(message);
  }
}

/** Token signing was set up wrongly (a verification failure is a result, not an error). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(readonly code: 'SECRET_WEAK' | 'LIST_ID_INVALID', message: string) {
    super(message);
  }
}

/**
 * What a Mailer adapter throws when it did not accept a message.
 * `retryable: true` marks throttling-type failures worth another attempt
 * (SES `Throttling`, `TooManyRequests`, timeouts); anything else is final
 * for that recipient. Any error with `retryable === true` is treated alike.
 */
export class MailerError extends Error {
  override readonly name = 'MailerError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** True when `err` asks to be retried (`retryable: true`), whatever its class. */
export function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === true;
}

/** A stable code for any thrown value, for reports. */
export function errorCode(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code ? code : err instanceof Error ? err.name : 'UNKNOWN';
}
