/**
 * The editor's gate, through the real `bulletin publish`: a month is
 * published only when approved, complete and valid. A refusal names the
 * file and the field to fix, exits 1, and leaves no record and no message.
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD } from '../content/fixture-copy.js';
import { bulletin, messagesIn, SPECIALS_SENTENCE, STACK_FRAME, workspaceSet } from './support.js';

const { work, removeAll } = workspaceSet();
afterAll(removeAll);

/** Nothing published and nothing sent: no record, no archive page, no outbox. */
function expectNothingPublished(dir: string, month: string): void {
  expect(existsSync(join(dir, 'archive', 'records', month))).toBe(false);
  expect(existsSync(join(dir, 'archive', 'site', ...month.split('-')))).toBe(false);
  expect(existsSync(join(dir, 'dist', 'outbox'))).toBe(false);
}

describe.concurrent('bulletin publish refuses a month that is not ready', () => {
  it('an unapproved month (2010-10 is a draft): exit 1, one line naming the manifest and its status', async () => {
    // Arrange
    const dir = await work('gate-draft');

    // Act
    const run = await bulletin(dir, ['publish', '--month', '2010-10']);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.lines).toEqual([
      'bulletin: 2010-10 was not published:',
      expect.stringMatching(/^content\/issues\/2010-10\/issue\.md: status: is "draft"; set "status: approved" to publish$/),
    ]);
    expectNothingPublished(dir, '2010-10');
  });

  it('a month with an invalid file: exit 1, naming the file, line and field', async () => {
    // Arrange: the author's Specials update, with a typo in a front-matter field.
    const dir = await work('gate-invalid');
    await copyFile(join(BAD, 'updates', '2010-07', 'specials.md'), join(dir, 'content', 'updates', '2010-07', 'specials.md'));

    // Act
    const run = await bulletin(dir, ['publish', '--month', '2010-07']);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.lines[0]).toBe('bulletin: 2010-07 was not published:');
    expect(run.lines).toContain('content/updates/2010-07/specials.md:5:1: figurs: unknown field; did you mean "figures"?');
    expectNothingPublished(dir, '2010-07');
  });

  it('a missing required workstream: exit 1 naming it; once skipped in the manifest, the month publishes without it', async () => {
    // Arrange
    const dir = await work('gate-missing');
    await rm(join(dir, 'content', 'updates', '2010-07', 'specials.md'));

    // Act
    const refused = await bulletin(dir, ['publish', '--month', '2010-07']);

    // Assert
    expect(refused.code).toBe(1);
    expect(refused.lines).toEqual([
      'bulletin: 2010-07 was not published:',
      'content/updates/2010-07/specials.md: file: required workstream "Specials and Volunteers" has no valid update; write one, or add it to "skip:" in the manifest',
    ]);
    expectNothingPublished(dir, '2010-07');

    // Arrange: the editor skips it this month.
    const manifest = join(dir, 'content', 'issues', '2010-07', 'issue.md');
    const text = await readFile(manifest, 'utf8');
    expect(text).toMatch(/^status: approved$/m);
    await writeFile(manifest, text.replace(/^status: approved$/m, 'status: approved\nskip:\n  - specials'));

    // Act
    const published = await bulletin(dir, ['publish', '--month', '2010-07']);

    // Assert
    expect(published.code, published.stderr).toBe(0);
    expect(published.stderr).toContain('Published 2010-07 (revision 1)');
    expect(existsSync(join(dir, 'archive', 'records', '2010-07', 'rev-1.json'))).toBe(true);
    const page = await readFile(join(dir, 'archive', 'site', '2010', '07', 'index.html'), 'utf8');
    expect(page).toContain('dna@mpa.gov.uk');
    expect(page).not.toContain(SPECIALS_SENTENCE);
    expect(await messagesIn(join(dir, 'dist', 'outbox', '2010-07'))).toHaveLength(3);
  });
});
