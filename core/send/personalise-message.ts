/**
 * One recipient's message as PARTS (subject, text, HTML, list headers):
 * the issue's email is split around its slots once (`prepareEmail`), then
 * each recipient is an escape and a join (`personaliseMessage`). This is all
 * SES needs (`Content.Simple`), so the send path loads no MIME composer;
 * the outbox turns the same message into exact MIME bytes with `mimeOf`
 * (mime-message.ts), from a buffer composed once per issue.
 */
import type { OutgoingMessage } from '../ports.js';
import { listHeaders, messageIdFor, unsubscribeLink, type SendEnvelope } from './envelope.js';
import { PersonaliseError } from './errors.js';
import { compileTemplate, personalise, type CompiledTemplate } from './personalise.js';
import type { TokenSigner } from './tokens.js';

/** The email as rendered once per issue (`renderEmail`), its slots intact. */
export interface IssueEmail {
  subject: string;
  html: string;
  text: string;
  /** Which `%%{name:<key>}%%` are the template's own slots (see render-email.ts). */
  slotKey: string;
}

/** The issue's email, split once; `personaliseMessage` fills it per recipient. Shared by every message of a send. */
export interface PreparedEmail {
  readonly subject: string;
  readonly html: CompiledTemplate;
  readonly text: CompiledTemplate;
  /** Size of the personalised HTML is this plus the values; for the 102 KB budget. */
  readonly htmlBytes: number;
}

/**
 * Splits the issue's email once. Throws PersonaliseError for an unknown or
 * mangled placeholder, or a part without its unsubscribe link (no message
 * may go out without one).
 */
export function prepareEmail(email: IssueEmail): PreparedEmail {
  const html = compileTemplate(email.html, 'html', email.slotKey);
  const text = compileTemplate(email.text, 'text', email.slotKey);
  for (const part of [html, text]) {
    if (!part.placeholders.includes('unsubscribe_url')) throw new PersonaliseError('PLACEHOLDER_MISSING', `the ${part.kind} part has no unsubscribe link slot; every message must carry one`);
  }
  return { subject: email.subject, html, text, htmlBytes: Buffer.byteLength(email.html) };
}

/** One recipient's message: who, when, and the issue's prepared parts. */
export interface ComposeInput {
  prepared: PreparedEmail;
  envelope: SendEnvelope;
  tokens: TokenSigner;
  issueId: string;
  kind: OutgoingMessage['kind'];
  /** Normalised recipient address (the subscriber schema's). */
  to: string;
  /** The key the send plan fixed for this recipient; derived from the address when absent (test sends). */
  recipientKey?: string;
  date: Date;
  /** Makes the Message-ID differ between test sends of the same issue. */
  variant?: string;
}

/** The recipient's message parts; the same input always yields the same message. Throws PersonaliseError for an unsafe value. */
export function personaliseMessage(input: ComposeInput): OutgoingMessage {
  const { prepared, envelope, tokens, to } = input;
  const recipientKey = input.recipientKey ?? tokens.recipientKey(to);
  const messageId = messageIdFor(input.issueId, recipientKey, envelope, input.variant);
  const token = tokens.sign('unsubscribe', to);
  const link = unsubscribeLink(envelope, token);
  const values = { unsubscribe_url: link };
  const headers = Object.entries(listHeaders(envelope, token, link)).map(([name, value]) => ({ name, value }));
  return {
    issueId: input.issueId, kind: input.kind, recipientKey, messageId, to,
    content: {
      from: envelope.from, ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
      subject: prepared.subject, date: input.date,
      text: personalise(prepared.text, values), html: personalise(prepared.html, values), headers,
    },
    mime: { email: prepared, values },
  };
}
