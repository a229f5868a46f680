/**
 * The once-per-issue MIME buffer against nodemailer's composer, the
 * reference: for many recipients (addresses the subscriber schema accepts,
 * and harder ones), the filled buffer is byte-identical to MailComposer's
 * message for that recipient, and parses to the same headers, structure and
 * decoded parts as a plain MailComposer message built from the personalised
 * text and HTML (which differs only in where its soft line breaks fall).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutgoingMessage } from '../../core/ports.js';
import { listHeaders } from '../../core/send/envelope.js';
import { mimeChunks, mimeOf } from '../../core/send/mime-message.js';
import { compileMimePart } from '../../core/send/mime-part.js';
import { personaliseMessage, prepareEmail, type PreparedEmail } from '../../core/send/personalise-message.js';
import type { SendEnvelope } from '../../core/send/envelope.js';
import type { TokenSigner } from '../../core/send/tokens.js';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import { julyEmail, signerFor, tempDir } from './support.js';

let prepared: PreparedEmail;
let envelope: SendEnvelope;
let tokens: TokenSigner;
const DATE = new Date('2010-08-05T08:00:00Z');

beforeAll(async () => {
  const july = await julyEmail();
  prepared = prepareEmail(july.email);
  envelope = july.envelope;
  tokens = signerFor(envelope);
});

const options = (m: OutgoingMessage) => ({
  from: envelope.from, to: m.to, ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
  subject: prepared.subject, date: DATE, messageId: m.messageId,
  headers: listHeaders(envelope, /token=([^&>]+)/.exec(m.mime!.values.unsubscribe_url!)![1]!),
  baseBoundary: createHash('sha256').update(m.messageId).digest('hex').slice(0, 16),
  normalizeHeaderKey: (key: string) => (key.toLowerCase() === 'list-id' ? 'List-Id' : key),
  disableFileAccess: true, disableUrlAccess: true,
});

/** The composer path as it was: MailComposer per recipient, over the same pre-encoded parts. */
function composerWithParts(m: OutgoingMessage): Promise<Buffer> {
  const part = (kind: 'text' | 'html') => {
    const chunks: Buffer[] = [];
    compileMimePart(prepared[kind], kind === 'text' ? 'text/plain' : 'text/html').fill(m.mime!.values, chunks);
    return Buffer.concat(chunks).toString('latin1');
  };
  return new MailComposer({ ...options(m), alternatives: [{ raw: part('text') }, { raw: part('html') }] }).compile().build();
}

/** The plain composer: it encodes the personalised text and HTML itself. */
function plainComposer(m: OutgoingMessage): Promise<Buffer> {
  return new MailComposer({ ...options(m), text: m.content.text.replace(/\r?\n/g, '\r\n'), html: m.content.html!.replace(/\r?\n/g, '\r\n') }).compile().build();
}

const headersOf = (mail: ParsedMail) => mail.headerLines.map((h) => h.line.replace(/\r\n[ \t]+/g, ' '));

const accepted = fc.oneof(
  fc.emailAddress(),
  fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z0-9+'._-]{0,12}$/), fc.constantFrom('example.org', 'xn--bcher-kva.example', 'sub.mpa.gov.uk'))
    .map(([a, b, d]) => `${a}+${b}@${d}`),
).map((a) => a.toLowerCase()).filter((a) => z.email().safeParse(a).success);
const harder = ['josé@exämple.org', 'bob+tag@bücher.example', '"quoted \\"x\\""@example.org', "o'brien@example.org"];

describe('mimeOf', () => {
  it('is byte-identical to the composer for every recipient, and parses like the plain composer', async () => {
    const check = async (to: string) => {
      // Arrange
      const message = personaliseMessage({ prepared, envelope, tokens, issueId: '2010-07', kind: 'issue', to, date: DATE });
      // Act
      const mime = Buffer.from(mimeOf(message));
      // Assert: the bytes the composer writes…
      expect(mime.equals(await composerWithParts(message))).toBe(true);
      // …the same headers, structure and decoded parts as the plain composer's message
      const [ours, plain] = await Promise.all([simpleParser(mime), simpleParser(await plainComposer(message))]);
      expect(headersOf(ours).filter((l) => !/^content-type/i.test(l))).toEqual(headersOf(plain).filter((l) => !/^content-type/i.test(l)));
      expect(ours.headers.get('content-type')).toEqual(plain.headers.get('content-type'));
      expect(ours.text).toBe(plain.text);
      expect(ours.html).toBe(plain.html);
      expect(ours.text).toBe(message.content.text.replace(/\r?\n/g, '\n'));
      expect(ours.text).toContain(message.mime!.values.unsubscribe_url);
      expect(mime.toString('latin1').split('\r\n').every((l) => l.length <= 998)).toBe(true);
    };
    for (const to of harder) await check(to);
    await fc.assert(fc.asyncProperty(accepted, check), { numRuns: 60 });
  });

  it('refuses a header value that would add a header', () => {
    const message = personaliseMessage({ prepared, envelope, tokens, issueId: '2010-07', kind: 'issue', to: 'a@example.org', date: DATE });
    for (const value of ['x\r\nBcc: evil@example.org', 'x\nBcc: evil@example.org']) {
      const bad = { ...message, content: { ...message.content, headers: [{ name: 'List-Id', value }] } };
      expect(() => mimeOf(bad)).toThrow(expect.objectContaining({ code: 'VALUE_INVALID' }));
    }
    expect(() => mimeOf({ ...message, to: 'a@example.org\r\nBcc: evil@example.org' })).toThrow(expect.objectContaining({ code: 'VALUE_INVALID' }));
  });

  it('returns the sender\'s own raw MIME unchanged, and refuses a message with neither', () => {
    const message = personaliseMessage({ prepared, envelope, tokens, issueId: '2010-07', kind: 'issue', to: 'a@example.org', date: DATE });
    const raw = Buffer.from('Subject: x\r\n\r\nHello\r\n');
    expect(mimeOf({ ...message, raw })).toBe(raw);
    const { mime: _, ...bare } = message;
    expect(() => mimeOf(bare)).toThrow(expect.objectContaining({ code: 'VALUE_MISSING' }));
  });

  it('is, as chunks, the same bytes: the issue\'s pieces shared between recipients, never copied, and the outbox files exactly them', async () => {
    const [a, b] = ['a@example.org', 'b@example.org'].map((to) => personaliseMessage({ prepared, envelope, tokens, issueId: '2010-07', kind: 'issue', to, date: DATE }));
    const [ca, cb] = [mimeChunks(a!), mimeChunks(b!)];
    expect(Buffer.concat(ca).equals(Buffer.from(mimeOf(a!)))).toBe(true);
    // The big static pieces are the very same Buffer objects in both messages.
    const big = ca.filter((c) => c.length > 1000);
    expect(big.length).toBeGreaterThan(0);
    for (const piece of big) expect(cb).toContain(piece);
    const dir = await tempDir('mime-chunks');
    try {
      const outbox = new OutboxMailer(dir.path);
      expect(await outbox.send(a!)).toEqual({ status: 'accepted' });
      expect((await readFile(outbox.pathFor(a!))).equals(Buffer.from(mimeOf(a!)))).toBe(true);
    } finally {
      await dir.remove();
    }
  });
});
