/**
 * The Mailer on AWS: SES v2 `SendEmail` with `Content.Raw`, so SES sends
 * exactly the MIME the core composed — List-Unsubscribe,
 * List-Unsubscribe-Post (RFC 8058), List-Id and the Message-ID travel in
 * those bytes; nothing is re-assembled here. The configuration set routes
 * bounce/complaint/delivery events to the feedback queue.
 *
 * Local-server gap: aws-ses-v2-local parses raw messages and keeps only
 * from/to/subject/text/html — it drops every other header. The headers are
 * therefore checked on the request bytes (test/adapters/ses-mailer.test.ts),
 * and the server is used to prove the message is accepted and readable.
 *
 * SES has no idempotency key and cannot say what it accepted: `idempotent`
 * is false and `wasAccepted` is undefined (the ledger's claim timeout
 * covers a crash between accept and record; see the README).
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMessage } from '../core/ports.js';
import { MailerError } from '../core/send/errors.js';

export interface SesMailerOptions {
  /** The configuration set whose event destination feeds bounces and complaints back. */
  configurationSetName: string;
  /** Envelope sender when it differs from the MIME `From:` (normally unset). */
  fromEmailAddress?: string;
}

// Worth another attempt: SES or the network asked us to slow down or try again.
const THROTTLED = new Set(['TooManyRequestsException', 'Throttling', 'ThrottlingException', 'LimitExceededException']);
const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'ServiceUnavailable', 'InternalFailure']);

/** SES's failure as a MailerError: throttling and transient faults retryable, everything else final for that recipient. */
export function classifySesError(err: unknown): MailerError {
  const e = err as { name?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? e?.code ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const message = `SES ${name}: ${e?.message ?? String(err)}`;
  if (THROTTLED.has(name) || status === 429) return new MailerError('SES_THROTTLED', message, true, { cause: err });
  if (TRANSIENT.has(name) || TRANSIENT.has(e?.code ?? '') || e?.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new MailerError('SES_UNAVAILABLE', message, true, { cause: err });
  }
  if (name === 'MessageRejected') return new MailerError('SES_REJECTED', message, false, { cause: err });
  return new MailerError(`SES_${snake(name.replace(/Exception$/, ''))}`, message, false, { cause: err });
}

/** `AccountSuspended` → `ACCOUNT_SUSPENDED`: a stable code for the send report. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

export class SesMailer implements Mailer {
  readonly idempotent = false;

  constructor(
    readonly client: SESv2Client,
    readonly options: SesMailerOptions,
  ) {}

  async send(message: OutgoingMessage): Promise<{ status: 'accepted' }> {
    try {
      await this.client.send(new SendEmailCommand({
        ...(this.options.fromEmailAddress ? { FromEmailAddress: this.options.fromEmailAddress } : {}),
        // The envelope recipient only: a header-parsed list could mail a Cc/Bcc by mistake.
        Destination: { ToAddresses: [message.to] },
        Content: { Raw: { Data: message.raw } },
        ConfigurationSetName: this.options.configurationSetName,
      }));
      return { status: 'accepted' };
    } catch (err) {
      throw classifySesError(err);
    }
  }

  async wasAccepted(): Promise<undefined> {
    return undefined;
  }
}
