/**
 * `bulletin publish --month 2010-07 --subscribers FILE`, run for real from a
 * working folder, as an editor would: one personalised, well-formed message
 * per active subscriber, an archive with no personal data in it, and a second
 * run that sends nothing new and says so.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig } from '../../core/content/load-content.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { removeTemp } from '../content/fixture-copy.js';
import { JULY_FACTS } from '../send/support.js';
import { bulletin, messagesIn, readMessage, snapshot, STACK_FRAME, workspace, writeSubscribers, type Message, type Run } from './support.js';

// Seven distinct active readers; Grace is listed twice, differing only in case, and must count once.
const ACTIVE = ['ada.active@example.org', 'ben.active@example.org', 'cleo.active@example.org', 'dan.active@example.net', 'eve.active@example.co.uk', 'fay.active@example.org', 'Grace.Case@Example.ORG'];
const DUPLICATE = 'grace.case@example.org';
const NOT_ACTIVE = [
  { email: 'hal.pending@example.org', status: 'pending' },
  { email: 'ivy.pending@example.org', status: 'pending' },
  { email: 'jon.unsubscribed@example.org', status: 'unsubscribed' },
  { email: 'kim.unsubscribed@example.org', status: 'unsubscribed' },
  { email: 'lee.suppressed@example.org', status: 'suppressed' },
  { email: 'max.suppressed@example.org', status: 'suppressed' },
] as const;
const N = ACTIVE.length;
const EXPECTED_TO = ACTIVE.map((a) => a.toLowerCase()).sort();
const UNSUBSCRIBE = /^List-Unsubscribe: <https:\/\/metforward\.example\.org\/unsubscribe\?token=([A-Za-z0-9_.-]+)>, <mailto:metforward@mpa\.gov\.uk\?subject=unsubscribe%20([A-Za-z0-9_.-]+)>$/;

let work: string;
let outbox: string;
let first: Run;
let second: Run;
let messages: Message[];
let outboxAfterFirst: Map<string, Buffer>;
let recordsAfterFirst: Map<string, Buffer>;
let signer: TokenSigner;

function tokenOf(m: Message): string {
  return UNSUBSCRIBE.exec(m.lines.get('list-unsubscribe') ?? '')?.[1] ?? `(no token in ${m.file})`;
}

beforeAll(async () => {
  // Arrange
  work = await workspace('publish');
  outbox = join(work, 'dist', 'outbox', '2010-07');
  await writeSubscribers(join(work, 'readers.json'), [
    ...ACTIVE.map((email) => ({ email, status: 'active' as const })),
    ...NOT_ACTIVE,
    { email: DUPLICATE, status: 'active' },
  ]);

  // Act: publish, then publish again.
  first = await bulletin(work, ['publish', '--month', '2010-07', '--subscribers', 'readers.json']);
  outboxAfterFirst = await snapshot(outbox);
  recordsAfterFirst = await snapshot(join(work, 'archive', 'records'));
  messages = await Promise.all((await messagesIn(outbox)).map(readMessage));
  second = await bulletin(work, ['publish', '--month', '2010-07', '--subscribers', 'readers.json']);

  const { config } = await loadConfig(new FsContentStore(join(work, 'content')));
  // The secret the run created for itself beside the archive, as a new user's first run does.
  signer = new TokenSigner({ secret: (await readFile(join(work, 'archive', '.bulletin-secret'), 'utf8')).trim(), listId: envelopeFromPublication(config!.publication).listId });
});
afterAll(() => removeTemp(work));

describe('bulletin publish --month 2010-07 --subscribers FILE', () => {
  it('publishes revision 1, exits 0 and reports 7 sent, with no stack trace', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(STACK_FRAME);
    expect(first.stderr).toContain('Published 2010-07 (revision 1)');
    expect(first.stderr).toContain(`2010-07: ${N} intended — ${N} submitted, 0 already sent, 0 suppressed, 0 failed`);
  });

  it('writes exactly one .eml per active address into dist/outbox/2010-07/, none for the others', () => {
    expect(messages).toHaveLength(N);
    expect(messages.map((m) => m.to).sort()).toEqual(EXPECTED_TO);
  });

  it('creates the token secret with the archive (not in the working folder), readable by its owner only, and says so once', async () => {
    expect((await stat(join(work, 'archive', '.bulletin-secret'))).mode & 0o777).toBe(0o600);
    await expect(stat(join(work, '.bulletin-secret'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(first.lines.filter((l) => l.startsWith('Created a new token secret at archive/.bulletin-secret'))).toHaveLength(1);
    expect(second.stderr).not.toContain('Created a new token secret');
  });

  it('makes each message MIME multipart/alternative with a text/plain and a text/html part', () => {
    for (const m of messages) {
      expect(m.mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
      expect(m.raw.match(/^Content-Type: text\/plain; charset=utf-8\r$/gm)).toHaveLength(1);
      expect(m.raw.match(/^Content-Type: text\/html; charset=utf-8\r$/gm)).toHaveLength(1);
      expect(m.mail.text?.length).toBeGreaterThan(2000);
      expect(typeof m.mail.html === 'string' && m.mail.html.length).toBeGreaterThan(10_000);
    }
  });

  it('gives each message the one-click unsubscribe headers exactly, and a List-Id', () => {
    for (const m of messages) {
      const [, webToken, mailToken] = UNSUBSCRIBE.exec(m.lines.get('list-unsubscribe') ?? '') ?? [];
      expect(m.lines.get('list-unsubscribe'), m.file).toMatch(UNSUBSCRIBE);
      expect(mailToken).toBe(webToken);
      expect(m.lines.get('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(m.lines.get('list-id')).toMatch(/^List-Id: .+ <[a-z0-9.-]+>$/);
    }
  });

  it('gives each reader their own token, signed for their subscriber id (no address in it), the same in the header, the HTML and the text', () => {
    for (const m of messages) {
      const token = tokenOf(m);
      const url = `https://metforward.example.org/unsubscribe?token=${token}`;
      expect(signer.verifyId('unsubscribe', token)).toMatchObject({ ok: true, id: signer.subscriberId(m.to) });
      for (const form of [m.to, Buffer.from(m.to).toString('base64url'), encodeURIComponent(m.to)]) expect(token).not.toContain(form);
      expect(m.mail.html).toContain(`href="${url}"`);
      expect(m.mail.text).toContain(url);
      expect(`${m.mail.html}${m.mail.text}`).not.toMatch(/%%\{|\}%%/);
    }
    expect(new Set(messages.map(tokenOf)).size).toBe(N);
  });

  it('carries every key fact of the July 2010 seed bulletin in both parts', () => {
    for (const m of messages) {
      for (const fact of JULY_FACTS) {
        expect(m.mail.text, `text part of ${m.to}: ${fact}`).toContain(fact);
        expect(m.mail.html, `HTML part of ${m.to}: ${fact}`).toContain(fact);
      }
    }
  });

  it('keeps each message\'s HTML under 90 KB', () => {
    for (const m of messages) expect(Buffer.byteLength(m.mail.html as string)).toBeLessThan(90 * 1024);
  });

  it('writes the archive page archive/site/2010/07/index.html with the issue on it', async () => {
    const page = await readFile(join(work, 'archive', 'site', '2010', '07', 'index.html'), 'utf8');
    for (const fact of JULY_FACTS) expect(page, fact).toContain(fact);
  });

  it('keeps every subscriber address and token out of the public site and the published records; the send plan that lists them is private', async () => {
    const archive = await snapshot(join(work, 'archive'));
    expect(archive.has(join('site', '2010', '07', 'index.html'))).toBe(true);
    const secrets = [...ACTIVE, DUPLICATE, ...NOT_ACTIVE.map((s) => s.email)].flatMap((a) => [a, a.toLowerCase()]).concat(messages.map(tokenOf));
    const published = [...archive].filter(([path]) => path.startsWith('site/') || path.startsWith('records/') || path.startsWith('ledger/'));
    expect(published.length).toBeGreaterThan(10);
    for (const [path, bytes] of published) {
      const text = bytes.toString('latin1').toLowerCase();
      for (const secret of secrets) expect(text.includes(secret.toLowerCase()), `${secret} in archive/${path}`).toBe(false);
    }
    expect((await stat(join(work, 'archive', 'plans', '2010-07.json'))).mode & 0o777).toBe(0o600);
  });
});

describe('bulletin publish run again', () => {
  it('exits 0 and says it was already published and already sent', () => {
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/2010-07 is already published \(revision 1, .+\) and unchanged/);
    expect(second.stderr).toContain(`${N} intended — 0 submitted, ${N} already sent`);
    expect(second.stderr).toContain('all already sent, nothing to do');
  });

  it('sends nothing new: the outbox holds the same messages, byte for byte', async () => {
    const after = await snapshot(outbox);
    expect([...after.keys()].filter((k) => k.endsWith('.eml'))).toHaveLength(N);
    expect([...after.keys()]).toEqual([...outboxAfterFirst.keys()]);
    for (const [path, bytes] of after) expect(bytes.equals(outboxAfterFirst.get(path)!), path).toBe(true);
  });

  it('leaves the published record byte-identical and adds no revision', async () => {
    const after = await snapshot(join(work, 'archive', 'records'));
    expect([...after.keys()]).toEqual([join('2010-07', 'rev-1.json')]);
    expect(after.get(join('2010-07', 'rev-1.json'))!.equals(recordsAfterFirst.get(join('2010-07', 'rev-1.json'))!)).toBe(true);
  });
});
