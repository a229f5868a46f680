/**
 * The Mailer on AWS: SES v2 `SendEmail` with `Content.Simple` — subject,
 * text and HTML bodies (UTF-8), and `Headers` for List-Unsubscribe,
 * List-Unsubscribe-Post (RFC 8058) and List-Id — so the send path needs the
 * message's parts only and never composes (or bundles) MIME; SES builds the
 * MIME itself. The configuration set routes bounce/complaint/delivery
 * events to the feedback queue.
 *
 * SES rules kept here (docs: "Amazon SES header fields", `MessageHeader`):
 * a header name is printable ASCII without `:`, a value printable ASCII on
 * one line, name + value at most 996 characters; each list header at most
 * once. SES sets its own Message-ID and Date, so ours (the outbox's
 * idempotency key) are not sent. A message that breaks a rule fails for
 * that recipient, final (`SES_HEADER_INVALID`), and is never sent half-made.
 * aws-ses-v2-local keeps these headers only for Simple content, which is
 * how a local run can show both List-Unsubscribe headers in `GET /store`.
 *
 * SES has no idempotency key and cannot say what it accepted: `idempotent`
 * is false and `wasAccepted` is undefined (the ledger's claim timeout
 * covers a crash between accept and record; see the README).
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MessageContent, Mailer, OutgoingMessage } from '../core/ports.js';
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
    const { content } = message;
    const headers = sesHeaders(content);
    try {
      await this.client.send(new SendEmailCommand({
        FromEmailAddress: this.options.fromEmailAddress ?? fromAddress(content.from),
        ...(content.replyTo ? { ReplyToAddresses: [content.replyTo] } : {}),
        // The envelope recipient only: a header-parsed list could mail a Cc/Bcc by mistake.
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: content.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: content.text, Charset: 'UTF-8' }, ...(content.html !== undefined ? { Html: { Data: content.html, Charset: 'UTF-8' } } : {}) },
            ...(headers.length ? { Headers: headers } : {}),
          },
        },
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

const HEADER_NAME = /^[!-9;-~]{1,126}$/;
const HEADER_VALUE = /^[ -~]*$/;

/** The message's extra headers as SES takes them; throws a final MailerError for one SES would refuse (or that could break a header). */
export function sesHeaders(content: MessageContent): { Name: string; Value: string }[] {
  const seen = new Set<string>();
  return content.headers.map(({ name, value }) => {
    const bad = !HEADER_NAME.test(name) ? 'is not a header name' : !HEADER_VALUE.test(value) ? 'has a value that is not printable ASCII on one line'
      : name.length + value.length > 996 ? 'is longer than SES allows (996 characters)' : seen.has(name.toLowerCase()) ? 'appears twice' : undefined;
    if (bad) throw new MailerError('SES_HEADER_INVALID', `header "${name.slice(0, 40)}" ${bad}`, false);
    seen.add(name.toLowerCase());
    return { Name: name, Value: value };
  });
}

/** `Name <address>`, the name quoted or RFC 2047 encoded when it must be (SES reads FromEmailAddress as a header). */
export function fromAddress(from: MessageContent['from']): string {
  if (!from.name) return from.address;
  const name = /^[A-Za-z0-9 ]+$/.test(from.name) ? from.name
    : /^[ -~]+$/.test(from.name) ? `"${from.name.replace(/["\\]/g, '\\$&')}"`
      : `=?UTF-8?B?${Buffer.from(from.name, 'utf8').toString('base64')}?=`;
  return `${name} <${from.address}>`;
}
