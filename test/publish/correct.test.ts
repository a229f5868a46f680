/**
 * After 2010-07 is published, its content changes: `bulletin publish`
 * refuses to overwrite it and points to `bulletin correct`, which adds a
 * revision with a visible note and keeps the earlier one at `rev-N/`; only
 * `--notify` emails subscribers again, once each, however often it is run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp } from '../content/fixture-copy.js';
import { bulletin, editContent, messagesIn, readMessage, snapshot, SPECIALS_SENTENCE, STACK_FRAME, workspace } from './support.js';

const SAMPLE_ACTIVE = ['alice.active@example.org', 'bob.active@example.org', 'chandra.active@example.org'];
const SECOND = SPECIALS_SENTENCE.replace('a crucial role', 'a vital role');
const THIRD = SPECIALS_SENTENCE.replace('a crucial role', 'an essential role');
const NOTE_2 = 'Corrected the description of the role of Special Constables.';
const NOTE_3 = 'Clarified the role of Special Constables once more.';

let work: string;
const path = (...parts: string[]) => join(work, ...parts);
const read = (...parts: string[]) => readFile(path(...parts), 'utf8');
/** Whitespace collapsed, so a sentence matches across the plain text's line wrapping. */
const flat = (s: string | false | undefined) => (s || '').replace(/\s+/g, ' ');
const specials = () => path('content', 'updates', '2010-07', 'specials.md');

let rev1: Buffer;
let outboxAfterPublish: Map<string, Buffer>;

beforeAll(async () => {
  work = await workspace('correct');
  // The sample subscriber list (content/subscribers.json, three active readers) is the default.
  const published = await bulletin(work, ['publish', '--month', '2010-07']);
  if (published.code !== 0) throw new Error(`publish failed: ${published.stderr}`);
  rev1 = await readFile(path('archive', 'records', '2010-07', 'rev-1.json'));
  outboxAfterPublish = await snapshot(path('dist', 'outbox'));
});
afterAll(() => removeTemp(work));

// One editor's session, in order: each step starts from the state the previous one left.
describe('correcting a published issue', () => {
  it('publish after a content change: exit 1, refused, pointing to bulletin correct; nothing overwritten or sent', async () => {
    // Arrange
    await editContent(specials(), SPECIALS_SENTENCE, SECOND);

    // Act
    const run = await bulletin(work, ['publish', '--month', '2010-07']);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.lines).toHaveLength(2);
    expect(run.lines[1]).toMatch(/content has changed since revision 1.*never overwritten.*bulletin correct --month 2010-07 --note/);
    expect((await readFile(path('archive', 'records', '2010-07', 'rev-1.json'))).equals(rev1)).toBe(true);
    expect(existsSync(path('archive', 'records', '2010-07', 'rev-2.json'))).toBe(false);
    expect(await read('archive', 'site', '2010', '07', 'index.html')).toContain(SPECIALS_SENTENCE);
    expect([...(await snapshot(path('dist', 'outbox'))).keys()]).toEqual([...outboxAfterPublish.keys()]);
  });

  it('correct --note: revision 2 with a visible "Corrected on" note; revision 1 stays at rev-1/; nobody emailed', async () => {
    // Act
    const run = await bulletin(work, ['correct', '--month', '2010-07', '--note', NOTE_2]);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Published a correction to 2010-07 (revision 2)');
    expect(run.stderr).toContain('--notify');
    const page = await read('archive', 'site', '2010', '07', 'index.html');
    expect(page).toMatch(new RegExp(`Corrected on <time datetime="\\d{4}-\\d{2}-\\d{2}">[^<]+</time>:</strong> ${NOTE_2}`));
    expect(page).toContain(SECOND);
    expect(page).not.toContain(SPECIALS_SENTENCE);
    const revision1 = await read('archive', 'site', '2010', '07', 'rev-1', 'index.html');
    expect(revision1).toContain(SPECIALS_SENTENCE);
    expect(revision1).not.toContain(SECOND);
    expect(await read('archive', 'site', 'corrections', 'index.html')).toContain(NOTE_2);
    expect((await readFile(path('archive', 'records', '2010-07', 'rev-1.json'))).equals(rev1)).toBe(true);
    expect(JSON.parse(await read('archive', 'records', '2010-07', 'rev-2.json'))).toMatchObject({ revision: 2, note: NOTE_2 });
    const outbox = await snapshot(path('dist', 'outbox'));
    expect([...outbox.keys()]).toEqual([...outboxAfterPublish.keys()]);
    for (const [file, bytes] of outbox) expect(bytes.equals(outboxAfterPublish.get(file)!), file).toBe(true);
  });

  it('correct again with no change: exit 1, "nothing to correct", no revision 3', async () => {
    // Act
    const run = await bulletin(work, ['correct', '--month', '2010-07', '--note', 'Nothing really changed.']);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing to correct');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(path('archive', 'records', '2010-07', 'rev-3.json'))).toBe(false);
  });

  it('correct --notify after another change: revision 3, emailed once to each active reader in dist/outbox/2010-07-r3/', async () => {
    // Arrange
    await editContent(specials(), SECOND, THIRD);

    // Act
    const run = await bulletin(work, ['correct', '--month', '2010-07', '--note', NOTE_3, '--notify']);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2010-07-r3: 3 intended — 3 submitted, 0 already sent');
    const messages = await Promise.all((await messagesIn(path('dist', 'outbox', '2010-07-r3'))).map(readMessage));
    expect(messages.map((m) => m.to).sort()).toEqual(SAMPLE_ACTIVE);
    for (const m of messages) {
      expect(flat(m.mail.html)).toContain(THIRD);
      expect(flat(m.mail.text)).toContain(THIRD);
      // It says it is a correction: in the subject, and first thing in both parts, with the note and a link to the corrected page.
      expect(m.mail.subject).toMatch(/^Correction: Met Forward/);
      const html = flat(m.mail.html);
      expect(html.indexOf(NOTE_3)).toBeGreaterThan(-1);
      expect(html.indexOf(NOTE_3)).toBeLessThan(html.indexOf('<h1'));
      expect(html).toMatch(/Correction \(\d+ \w+ \d{4}\):<\/strong> Clarified .* <a href="https:\/\/metforward\.example\.org\/2010\/07\/"/);
      expect(flat(m.mail.text).startsWith(`CORRECTION (`)).toBe(true);
      expect(flat(m.mail.text).slice(0, 300)).toContain(NOTE_3);
      expect(flat(m.mail.text).slice(0, 300)).toContain('The corrected bulletin: <https://metforward.example.org/2010/07/>');
    }
    expect(await messagesIn(path('dist', 'outbox', '2010-07'))).toHaveLength(3);
    expect(await read('archive', 'site', '2010', '07', 'rev-2', 'index.html')).toContain(SECOND);
    const page = await read('archive', 'site', '2010', '07', 'index.html');
    expect(page).toContain(THIRD);
    expect(page).toContain(NOTE_3);
    expect(page).toContain(NOTE_2);
  });

  it('correct --notify run again: exit 0, already sent, no new message and no revision 4', async () => {
    // Arrange
    const before = await snapshot(path('dist', 'outbox'));

    // Act
    const run = await bulletin(work, ['correct', '--month', '2010-07', '--note', NOTE_3, '--notify']);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/already published \(revision 3, .+\) and unchanged/);
    expect(run.stderr).toContain('2010-07-r3: 3 intended — 0 submitted, 3 already sent');
    const after = await snapshot(path('dist', 'outbox'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of after) expect(bytes.equals(before.get(file)!), file).toBe(true);
    expect(await messagesIn(path('dist', 'outbox', '2010-07-r3'))).toHaveLength(3);
    expect(existsSync(path('archive', 'records', '2010-07', 'rev-4.json'))).toBe(false);
  });
});
