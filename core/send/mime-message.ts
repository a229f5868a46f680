/**
 * The MIME form of a personalised message, filled from a buffer composed
 * ONCE per issue: the exact bytes nodemailer's MailComposer would build for
 * that recipient (test/send/mime-message.test.ts compares them), without
 * running it per recipient.
 *
 * Design:
 * - Bodies: each part is quoted-printable encoded once with every slot cut
 *   out (mime-part.ts): static pieces end in a soft break, so a slot's value
 *   is encoded on its own and no soft break ever falls inside a slot.
 * - Framing: `multipart/alternative`, text then HTML, with nodemailer's
 *   boundary `--_NmP-<16 hex>-Part_1`, the hex being a hash of the
 *   Message-ID (deterministic per recipient, unguessable by an author).
 * - Headers: built per message with nodemailer's own `encodeHeaderValue` and
 *   `foldLines` (addresses punycoded or kept UTF-8 exactly as the composer
 *   does, quoted local parts bracketed, non-ASCII words RFC 2047 encoded),
 *   in the composer's order. Values are trusted ones (the envelope, the
 *   normalised address, the token URL); a value that would still hold a line
 *   break after encoding is refused, so nothing can add a header.
 * The heavy part (≈ 80 KB of encoded body) is shared Buffers; per recipient
 * only a few hundred bytes are new, then one concat.
 */
import { createHash } from 'node:crypto';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import type { MessageHeader, OutgoingMessage } from '../ports.js';
import { PersonaliseError } from './errors.js';
import { compileMimePart, type MimePartTemplate } from './mime-part.js';
import type { PreparedEmail } from './personalise-message.js';

interface BodyTemplate {
  text: MimePartTemplate;
  html: MimePartTemplate;
}

const bodies = new WeakMap<PreparedEmail, BodyTemplate>();
// One node, only for its header encoding (the same code path MailComposer's headers take).
const encoder = new MimeNode();
const HEADER_NAME = /^[!-9;-~]+$/;
const CRLF = Buffer.from('\r\n');

function bodyOf(email: PreparedEmail): BodyTemplate {
  let body = bodies.get(email);
  if (!body) {
    body = { text: compileMimePart(email.text, 'text/plain'), html: compileMimePart(email.html, 'text/html') };
    bodies.set(email, body);
  }
  return body;
}

/** `Name: value` encoded and folded as the composer writes it; throws PersonaliseError if it could break the header block. */
function headerLine(name: string, value: string | Date | { name: string; address: string }): string {
  if (!HEADER_NAME.test(name)) throw new PersonaliseError('VALUE_INVALID', `"${name}" is not a header name`);
  if (typeof value === 'string' && /[\r\n]/.test(value)) throw new PersonaliseError('VALUE_INVALID', `the ${name} header value holds a line break`);
  const encoded = encoder.encodeHeaderValue(name, value);
  if (/[\r\n]/.test(encoded)) throw new PersonaliseError('VALUE_INVALID', `the ${name} header value holds a line break`);
  return foldLines(`${name}: ${encoded}`, 76);
}

/** The boundary nodemailer derives from `baseBoundary` (the first multipart node is Part_1). */
export function boundaryFor(messageId: string): string {
  return `--_NmP-${createHash('sha256').update(messageId).digest('hex').slice(0, 16)}-Part_1`;
}

function headerBlock(message: OutgoingMessage, boundary: string): string {
  const { content } = message;
  const lines = content.headers.map((h: MessageHeader) => headerLine(h.name, h.value));
  const from = content.from.name ? { name: content.from.name, address: content.from.address } : content.from.address;
  lines.push(headerLine('From', from), headerLine('To', message.to));
  if (content.replyTo) lines.push(headerLine('Reply-To', content.replyTo));
  lines.push(
    headerLine('Subject', content.subject), headerLine('Message-ID', message.messageId), headerLine('Date', content.date),
    'MIME-Version: 1.0', foldLines(`Content-Type: multipart/alternative; boundary="${boundary}"`, 76),
  );
  return lines.join('\r\n');
}

/**
 * The message's exact MIME bytes (CRLF): `raw` when the sender composed it,
 * else filled from the once-composed buffer. Throws PersonaliseError
 * when the message carries neither, or a value is unsafe.
 */
export function mimeOf(message: OutgoingMessage): Uint8Array {
  if (message.raw) return message.raw;
  if (!message.mime) throw new PersonaliseError('VALUE_MISSING', `message ${message.messageId} has neither raw MIME nor the parts to fill it`);
  const body = bodyOf(message.mime.email);
  const boundary = boundaryFor(message.messageId);
  const delimiter = Buffer.from(`\r\n--${boundary}\r\n`, 'latin1');
  const out: Buffer[] = [Buffer.from(`${headerBlock(message, boundary)}\r\n\r\n--${boundary}\r\n`, 'utf8')];
  body.text.fill(message.mime.values, out);
  out.push(delimiter);
  body.html.fill(message.mime.values, out);
  out.push(Buffer.from(`\r\n--${boundary}--`, 'latin1'), CRLF);
  return Buffer.concat(out);
}
