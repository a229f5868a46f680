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
 * only a few hundred bytes are new: `mimeChunks` hands the pieces to a file
 * writer as they are (writev), `mimeOf` joins them.
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

function bodyOf(email: PreparedEmail): BodyTemplate {
  let body = bodies.get(email);
  if (!body) {
    body = { text: compileMimePart(email.text, 'text/plain'), html: compileMimePart(email.html, 'text/html') };
    bodies.set(email, body);
  }
  return body;
}

// Values the composer's encoder provably leaves as they are (a plain-ASCII dot-atom address the subscriber
// schema accepts, a bracketed id, printable ASCII without `"` or `=?`), so the encoder can be skipped for them:
// the byte-for-byte comparison in test/send/mime-message.test.ts holds either way.
const PLAIN_ADDRESS = /^[a-z0-9_+'-]+(?:\.[a-z0-9_+'-]+)*@(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,}$/;
const PLAIN_ID = /^<[\x21-\x3d\x3f-\x7e]+>$/;
const PLAIN_TEXT = /^[\x20\x21\x23-\x7e]*$/;
const ADDRESS_HEADERS = new Set(['From', 'To', 'Reply-To', 'Sender', 'Cc', 'Bcc']);
/** Lines that repeat for every message of a send (From, Subject …), encoded once; bounded. */
const repeated = new Map<string, string>();

function encodeValue(name: string, value: string | Date | { name: string; address: string }): string {
  if (value instanceof Date) return value.toUTCString().replace(/GMT/, '+0000');
  if (typeof value === 'string') {
    if (ADDRESS_HEADERS.has(name) ? PLAIN_ADDRESS.test(value) : name === 'Message-ID' ? PLAIN_ID.test(value) : PLAIN_TEXT.test(value) && !value.includes('=?')) return value;
    if (/[\r\n]/.test(value)) throw new PersonaliseError('VALUE_INVALID', `the ${name} header value holds a line break`);
  }
  const encoded = encoder.encodeHeaderValue(name, value);
  if (/[\r\n]/.test(encoded)) throw new PersonaliseError('VALUE_INVALID', `the ${name} header value holds a line break`);
  return encoded;
}

/** `Name: value` encoded and folded as the composer writes it; throws PersonaliseError if it could break the header block. */
function headerLine(name: string, value: string | Date | { name: string; address: string }, repeats = false): string {
  const key = repeats ? `${name}\n${typeof value === 'object' && !(value instanceof Date) ? `${value.name}\n${value.address}` : String(value)}` : '';
  const known = repeats ? repeated.get(key) : undefined;
  if (known !== undefined) return known;
  if (!HEADER_NAME.test(name)) throw new PersonaliseError('VALUE_INVALID', `"${name}" is not a header name`);
  const line = foldLines(`${name}: ${encodeValue(name, value)}`, 76);
  if (repeats) {
    if (repeated.size >= 256) repeated.clear();
    repeated.set(key, line);
  }
  return line;
}

/** The boundary nodemailer derives from `baseBoundary` (the first multipart node is Part_1). */
export function boundaryFor(messageId: string): string {
  return `--_NmP-${createHash('sha256').update(messageId).digest('hex').slice(0, 16)}-Part_1`;
}

function headerBlock(message: OutgoingMessage, boundary: string): string {
  const { content } = message;
  const lines = content.headers.map((h: MessageHeader) => headerLine(h.name, h.value, h.name !== 'List-Unsubscribe'));
  const from = content.from.name ? { name: content.from.name, address: content.from.address } : content.from.address;
  lines.push(headerLine('From', from, true), headerLine('To', message.to));
  if (content.replyTo) lines.push(headerLine('Reply-To', content.replyTo, true));
  lines.push(
    headerLine('Subject', content.subject, true), headerLine('Message-ID', message.messageId), headerLine('Date', content.date),
    'MIME-Version: 1.0', foldLines(`Content-Type: multipart/alternative; boundary="${boundary}"`, 76),
  );
  return lines.join('\r\n');
}

/**
 * The message's exact MIME bytes (CRLF) as a list of chunks, in order: `raw`
 * when the sender composed it, else the issue's once-encoded pieces (shared,
 * never copied) with this recipient's few new chunks between them — what a
 * file writer hands to writev(2) as is. Throws PersonaliseError when the
 * message carries neither, or a value is unsafe.
 */
export function mimeChunks(message: OutgoingMessage): readonly Uint8Array[] {
  if (message.raw) return [message.raw];
  if (!message.mime) throw new PersonaliseError('VALUE_MISSING', `message ${message.messageId} has neither raw MIME nor the parts to fill it`);
  const body = bodyOf(message.mime.email);
  const boundary = boundaryFor(message.messageId);
  const out: Buffer[] = [Buffer.from(`${headerBlock(message, boundary)}\r\n\r\n--${boundary}\r\n`, 'utf8')];
  const encoded = new Map<string, Buffer>();
  body.text.fill(message.mime.values, out, encoded);
  out.push(Buffer.from(`\r\n--${boundary}\r\n`, 'latin1'));
  body.html.fill(message.mime.values, out, encoded);
  out.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'));
  return out;
}

/** The message's exact MIME bytes (CRLF) in one buffer: `mimeChunks` joined. */
export function mimeOf(message: OutgoingMessage): Uint8Array {
  const chunks = mimeChunks(message);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
