/**
 * One recipient's message as raw MIME: `multipart/alternative` (plain text,
 * then HTML) composed by nodemailer's MailComposer, with the list headers,
 * a deterministic Message-ID and the Date from the injected clock.
 *
 * `prepareEmail` does the per-issue work once (split at placeholders,
 * quoted-printable encode); `composeMessage` does the per-recipient rest.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { listHeaders, messageIdFor, unsubscribeLink, type SendEnvelope } from './envelope.js';
import { compileMimePart, type MimePartTemplate } from './mime-part.js';
import { PersonaliseError } from './errors.js';
import { compileTemplate } from './personalise.js';
import type { TokenSigner } from './tokens.js';
import type { OutgoingMessage } from '../ports.js';

/** The email as rendered once per issue (`renderEmail`), its slots intact. */
export interface IssueEmail {
  subject: string;
  html: string;
  text: string;
  /** Which `%%{name:<key>}%%` are the template's own slots (see render-email.ts). */
  slotKey: string;
}

/** The issue's email, split and encoded once; `composeMessage` fills it per recipient. */
export interface PreparedEmail {
  readonly subject: string;
  readonly html: MimePartTemplate;
  readonly text: MimePartTemplate;
  /** Size of the personalised HTML is this plus the values; for the 90 KB budget. */
  readonly htmlBytes: number;
}

/**
 * Splits and encodes the issue's email once. Throws PersonaliseError for an
 * unknown or mangled placeholder, or a part without its unsubscribe link
 * (no message may go out without one).
 */
export function prepareEmail(email: IssueEmail): PreparedEmail {
  const html = compileTemplate(email.html, 'html', email.slotKey);
  const text = compileTemplate(email.text, 'text', email.slotKey);
  for (const part of [html, text]) {
    if (!part.placeholders.includes('unsubscribe_url')) throw new PersonaliseError('PLACEHOLDER_MISSING', `the ${part.kind} part has no unsubscribe link slot; every message must carry one`);
  }
  return {
    subject: email.subject,
    html: compileMimePart(html, 'text/html'),
    text: compileMimePart(text, 'text/plain'),
    htmlBytes: Buffer.byteLength(email.html),
  };
}

/** One recipient's message: who, when, and the issue's prepared parts. */
export interface ComposeInput {
  prepared: PreparedEmail;
  envelope: SendEnvelope;
  tokens: TokenSigner;
  issueId: string;
  kind: OutgoingMessage['kind'];
  /** Normalised recipient address. */
  to: string;
  /** The key the send plan fixed for this recipient; derived from the address when absent (test sends). */
  recipientKey?: string;
  date: Date;
  /** Makes the Message-ID differ between test sends of the same issue. */
  variant?: string;
}

/** Composes one recipient's message; the same input always yields the same bytes. */
export async function composeMessage(input: ComposeInput): Promise<OutgoingMessage> {
  const { prepared, envelope, tokens, to } = input;
  const recipientKey = input.recipientKey ?? tokens.recipientKey(to);
  const messageId = messageIdFor(input.issueId, recipientKey, envelope, input.variant);
  const token = tokens.sign('unsubscribe', to);
  const values = { unsubscribe_url: unsubscribeLink(envelope, token) };
  const composer = new MailComposer({
    from: envelope.from,
    to,
    ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
    subject: prepared.subject,
    date: input.date,
    messageId,
    headers: listHeaders(envelope, token),
    alternatives: [{ raw: prepared.text.fill(values) }, { raw: prepared.html.fill(values) }],
    // Deterministic boundary: re-composing a message yields identical bytes.
    baseBoundary: createHash('sha256').update(messageId).digest('hex').slice(0, 16),
    // No `newline` option: every part is already CRLF, and the conversion pass would cost a scan per message.
    normalizeHeaderKey: (key) => (key.toLowerCase() === 'list-id' ? 'List-Id' : key),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return { issueId: input.issueId, kind: input.kind, recipientKey, messageId, to, raw };
}
