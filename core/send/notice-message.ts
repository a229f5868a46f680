/**
 * The one composer of short transactional messages — confirmations,
 * reminders, digests, invalid-file notices: plain text (and optionally
 * HTML) from values the core chose, as both the parts SES sends and the
 * MIME an outbox files. Author text may be in the body, never in a header:
 * every header value here comes from the envelope or the caller's trusted
 * values. The composer is loaded on first use (most ingest runs send none).
 */
import type { MessageContent, OutgoingMessage } from '../ports.js';
import type { SendEnvelope } from './envelope.js';

export interface Notice {
  /** Outbox folder / SES issue id, e.g. `reminders-2010-10`. */
  issueId: string;
  recipientKey: string;
  /** `<…@…>`, deterministic per notice so an outbox files it once. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  date: Date;
  /** Adds `Auto-Submitted: auto-generated` (asks auto-responders not to answer). */
  autoSubmitted?: boolean;
}

/** `notice` as a message ready for any Mailer. */
export async function noticeMessage(envelope: SendEnvelope, notice: Notice): Promise<OutgoingMessage> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const headers = notice.autoSubmitted ? [{ name: 'Auto-Submitted', value: 'auto-generated' }] : [];
  const text = notice.text.replace(/\r?\n/g, '\r\n');
  const raw = await new MailComposer({
    from: envelope.from, to: notice.to, ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
    subject: notice.subject, date: notice.date, messageId: notice.messageId, text,
    ...(notice.html !== undefined ? { html: notice.html } : {}),
    ...(headers.length ? { headers: Object.fromEntries(headers.map((h) => [h.name, h.value])) } : {}),
    disableFileAccess: true, disableUrlAccess: true,
  }).compile().build();
  const content: MessageContent = {
    from: envelope.from, ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
    subject: notice.subject, date: notice.date, text: notice.text, ...(notice.html !== undefined ? { html: notice.html } : {}), headers,
  };
  return { issueId: notice.issueId, kind: 'issue', recipientKey: notice.recipientKey, messageId: notice.messageId, to: notice.to, raw, content };
}
