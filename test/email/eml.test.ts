/**
 * The July 2010 issue, sent for real into an outbox, read back with
 * mailparser: every .eml must be a complete, correct bulletin for its reader.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSendLedger } from '../../adapters/fs-send-ledger.js';
import { loadSubscribers } from '../../adapters/file-subscribers.js';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import { composeMessage, prepareEmail } from '../../core/send/compose-message.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { selectAudience } from '../../core/send/select-recipients.js';
import { sendIssue } from '../../core/send/send-issue.js';
import type { TokenSigner } from '../../core/send/tokens.js';
import { CONTENT_DIR, emlFiles, fakeTime, JULY_FACTS, julyEmail, signerFor, tempDir } from '../send/support.js';

interface Sent {
  raw: string;
  mail: ParsedMail;
  /** Header name (lower case) → unfolded `Name: value` line as written. */
  lines: Map<string, string>;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let sent: Sent[];
let tokens: TokenSigner;
const SENT_AT = new Date('2010-08-05T08:00:00Z');

beforeAll(async () => {
  dir = await tempDir('eml');
  const { email, envelope } = await julyEmail();
  tokens = signerFor(envelope);
  const time = fakeTime(SENT_AT.getTime());
  const list = await loadSubscribers(join(CONTENT_DIR, 'subscribers.json'));
  await sendIssue({
    issueId: '2010-07', email, envelope, recipients: selectAudience(list, []).recipients, tokens,
    ledger: new FsSendLedger(join(dir.path, 'ledger')), mailer: new OutboxMailer(join(dir.path, 'outbox')),
    limiter: new RateLimiter({ ratePerSecond: 1000, clock: time, sleep: time.sleep }), clock: time, sleep: time.sleep,
  });
  sent = await Promise.all((await emlFiles(join(dir.path, 'outbox'))).map(async (file) => {
    const raw = await readFile(file, 'utf8');
    const mail = await simpleParser(raw);
    const lines = new Map(mail.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, ' ')]));
    return { raw, mail, lines };
  }));
});
afterAll(() => dir?.remove());

function to(s: Sent): string {
  const value = s.mail.to;
  return (Array.isArray(value) ? value[0] : value)!.value[0]!.address!;
}

function tokenOf(s: Sent): string {
  return /unsubscribe\?token=([A-Za-z0-9_.-]+)>/.exec(s.lines.get('list-unsubscribe')!)![1]!;
}

describe('each sent .eml', () => {
  it('goes to each active subscriber once', () => {
    expect(sent.map(to).sort()).toEqual(['alice.active@example.org', 'bob.active@example.org', 'chandra.active@example.org']);
  });

  it('is multipart/alternative with a plain-text and an HTML part', () => {
    for (const s of sent) {
      expect(s.mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      expect(s.raw.match(/^Content-Type: (text\/(plain|html)); charset=utf-8\r$/gm)).toHaveLength(2);
      expect(s.mail.text?.length).toBeGreaterThan(2000);
      expect(typeof s.mail.html === 'string' && s.mail.html.length).toBeGreaterThan(10_000);
    }
  });

  it('carries the one-click unsubscribe and list headers exactly as RFC 2369/8058/2919 want them', () => {
    for (const s of sent) {
      const token = tokenOf(s);
      expect(s.lines.get('list-unsubscribe')).toBe(
        `List-Unsubscribe: <https://metforward.example.org/unsubscribe?token=${token}>, <mailto:metforward@mpa.gov.uk?subject=unsubscribe%20${token}>`,
      );
      expect(s.lines.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(s.lines.get('list-id')).toBe('List-Id: Met Forward <met-forward.metforward.example.org>');
      expect(tokens.verify('unsubscribe', token)).toEqual({ ok: true, email: to(s) });
    }
    expect(new Set(sent.map(tokenOf)).size).toBe(sent.length);
  });

  it('has From, Reply-To, Subject, the clock\'s Date and a Message-ID derived from issue and recipient', () => {
    for (const s of sent) {
      expect(s.lines.get('from')).toBe('From: Met Forward bulletin <metforward@mpa.gov.uk>');
      expect(s.lines.get('reply-to')).toBe('Reply-To: metforward@mpa.gov.uk');
      expect(s.mail.subject).toBe('Met Forward: Monthly progress bulletin (July 2010)');
      expect(s.mail.date?.toISOString()).toBe(SENT_AT.toISOString());
      expect(s.mail.messageId).toBe(`<2010-07.${tokens.recipientKey(to(s))}@met-forward.metforward.example.org>`);
    }
  });

  it('links to the same unsubscribe URL in the header, the HTML and the text, and leaves no placeholder', () => {
    for (const s of sent) {
      const url = `https://metforward.example.org/unsubscribe?token=${tokenOf(s)}`;
      expect(s.mail.html).toContain(`href="${url}"`);
      expect(s.mail.text).toContain(`<${url}>`);
      expect(`${s.mail.html}${s.mail.text}`).not.toMatch(/%%\{|\}%%|%25%25/);
      expect(s.mail.html).toContain('href="https://metforward.example.org/2010/07/"');
    }
  });

  it('carries every key fact of the July 2010 bulletin in both parts', () => {
    for (const s of sent) {
      for (const fact of JULY_FACTS) {
        expect(s.mail.text, `text: ${fact}`).toContain(fact);
        expect(s.mail.html, `html: ${fact}`).toContain(fact);
      }
    }
  });

  it('keeps the HTML under 90 KB, with no images, pixels or per-reader links besides unsubscribe', () => {
    const strip = (s: Sent) => (s.mail.html as string).replaceAll(`https://metforward.example.org/unsubscribe?token=${tokenOf(s)}`, 'UNSUBSCRIBE');
    for (const s of sent) {
      expect(Buffer.byteLength(s.mail.html as string)).toBeLessThan(90 * 1024);
      expect(s.mail.html).not.toMatch(/<img\b|background=|url\(/i);
      expect(strip(s)).toBe(strip(sent[0]!));
    }
  });

  it('is well-formed on the wire: CRLF only, header lines within 998 and body lines within 76 characters', () => {
    for (const s of sent) {
      expect(s.raw).not.toMatch(/[^\r]\n|\r[^\n]/);
      const [head, ...body] = s.raw.split('\r\n\r\n');
      expect(Math.max(...head!.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(998);
      expect(Math.max(...body.join('\r\n\r\n').split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(76);
    }
  });

  it('is exactly reproducible: composing the same message again yields the same bytes', async () => {
    const { email, envelope } = await julyEmail();
    const s = sent[0]!;
    const again = await composeMessage({ prepared: prepareEmail(email), envelope, tokens, issueId: '2010-07', kind: 'issue', to: to(s), date: SENT_AT });
    expect(Buffer.from(again.raw!).toString('utf8')).toBe(s.raw);
  });
});
