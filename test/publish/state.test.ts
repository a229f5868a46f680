/**
 * The archive's own state, as an editor meets it from the command line:
 * the token secret kept with the archive (so a run from another folder, or
 * with BULLETIN_TOKEN_SECRET set, never mails everyone again), damaged state
 * files named with what to do, and `bulletin build` never writing over a
 * published archive.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp } from '../content/fixture-copy.js';
import { bulletin, messagesIn, snapshot, STACK_FRAME, workspace } from './support.js';

let work: string;
const path = (...parts: string[]) => join(work, ...parts);

beforeAll(async () => {
  work = await workspace('state');
  const published = await bulletin(work, ['publish', '--month', '2010-07']);
  if (published.code !== 0) throw new Error(`publish failed: ${published.stderr}`);
});
afterAll(() => removeTemp(work));

describe('who has been sent the issue survives a change of folder or of secret', () => {
  it('run from another folder: nothing is sent again', async () => {
    // Arrange: the same archive and content, named from a sub-folder.
    await mkdir(path('elsewhere'));
    // Act
    const run = await bulletin(path('elsewhere'), ['publish', '--month', '2010-07', '--content', '../content', '--out', '../archive', '--outbox', '../dist/outbox']);
    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2010-07: 3 intended — 0 submitted, 3 already sent');
    expect(run.stderr).not.toContain('Created a new token secret');
    expect(await messagesIn(path('dist', 'outbox', '2010-07'))).toHaveLength(3);
  });

  it('run with BULLETIN_TOKEN_SECRET set to another secret: nothing is sent again, and it says the secret changed', async () => {
    const run = await bulletin(work, ['publish', '--month', '2010-07'], { BULLETIN_TOKEN_SECRET: 'a-completely-different-secret-0123456789abcdef' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2010-07: 3 intended — 0 submitted, 3 already sent');
    expect(run.stderr).toContain('the token secret has changed since this send started');
    expect(await messagesIn(path('dist', 'outbox', '2010-07'))).toHaveLength(3);
  });
});

describe('bulletin build never writes over a published archive', () => {
  it('refuses --out pointing at it, in one line, and changes nothing', async () => {
    const before = await snapshot(path('archive'));
    const run = await bulletin(work, ['build', '--out', 'archive']);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^bulletin: --out archive: holds a published archive \(1 published record in archive\/records\); build writes draft previews/)]);
    const after = await snapshot(path('archive'));
    expect([...after.keys()]).toEqual([...before.keys()]);
  });

  it('and publish refuses a preview folder', async () => {
    const built = await bulletin(work, ['build', '--out', 'preview']);
    expect(built.code, built.stderr).toBe(0);
    const run = await bulletin(work, ['publish', '--month', '2010-08', '--out', 'preview']);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.stringMatching(/^bulletin: --out preview: holds a preview build/)]);
  });
});

describe('a damaged state file is named, with what to do, and never read as "published" or "sent"', () => {
  const record = () => path('archive', 'records', '2010-07', 'rev-1.json');

  it.each([
    ['cut short', (t: string) => t.slice(0, t.length / 2), /not valid JSON/],
    ['replaced by {}', () => '{}', /"month" is undefined, not 2010-07/],
    ['holding another month', (t: string) => t.replace(/"month": "2010-07"/, '"month": "2010-08"'), /"month" is "2010-08", not 2010-07/],
  ])('a published record %s: exit 1, one line naming it, nothing written or sent', async (_, damage, why) => {
    // Arrange
    const good = await readFile(record(), 'utf8');
    await writeFile(record(), damage(good));
    const before = await snapshot(path('dist', 'outbox'));
    try {
      // Act
      const run = await bulletin(work, ['publish', '--month', '2010-07']);
      // Assert
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.lines).toEqual([expect.stringMatching(new RegExp(`^bulletin: archive/records/2010-07/rev-1\\.json: is damaged \\(.*${why.source}.*\\); it is the permanent record of what was published — restore it from a backup`))]);
      expect([...(await snapshot(path('dist', 'outbox'))).keys()]).toEqual([...before.keys()]);
    } finally {
      await writeFile(record(), good);
    }
  });

  it('a damaged send plan: exit 1 naming it, nothing sent', async () => {
    const plan = path('archive', 'plans', '2010-07.json');
    const good = await readFile(plan, 'utf8');
    await writeFile(plan, good.slice(0, 40));
    try {
      const run = await bulletin(work, ['publish', '--month', '2010-07']);
      expect(run.code).toBe(1);
      expect(run.lines).toEqual([expect.stringMatching(/^bulletin: archive\/plans\/2010-07\.json: is damaged \(not valid JSON.*\); it records who this issue is being sent to/)]);
    } finally {
      await writeFile(plan, good);
    }
  });

  it('a damaged ledger row is settled by the outbox, never taken for "sent" on its own', async () => {
    // Arrange: one reader's "done" row is cut short, and their message is gone from the outbox.
    const ledger = path('archive', 'ledger', '2010-07');
    const { readdir } = await import('node:fs/promises');
    const done = (await readdir(ledger)).filter((n) => n.endsWith('.done.json')).sort();
    await writeFile(join(ledger, done[0]!), '{"owner": "x", "mess');
    const messages = await messagesIn(path('dist', 'outbox', '2010-07'));
    const key = done[0]!.replace('.done.json', '');
    const victim = (await Promise.all(messages.map(async (m) => ({ m, text: await readFile(m, 'utf8') })))).find((x) => x.text.includes(key))!;
    await rm(victim.m);
    // Act
    const run = await bulletin(work, ['publish', '--month', '2010-07']);
    // Assert: the outbox said it was not there, so it was sent once more — and only that one.
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('2010-07: 3 intended — 1 submitted, 2 already sent');
    expect(await messagesIn(path('dist', 'outbox', '2010-07'))).toHaveLength(3);
  });
});
