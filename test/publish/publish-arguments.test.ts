/**
 * `bulletin publish --test-to` (a marked test copy, nothing published) and
 * the argument mistakes an editor makes: one line each, the right exit code,
 * and nothing published by a command that could not do what was asked.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bulletin, messagesIn, readMessage, STACK_FRAME, workspaceSet } from './support.js';

const { work, removeAll } = workspaceSet();
afterAll(removeAll);

describe.concurrent('bulletin publish --test-to', () => {
  it('sends exactly the two test copies, marked [TEST], to the outbox\'s test folder, and publishes nothing', async () => {
    // Arrange: 2010-08 is approved but not published.
    const dir = await work('test-to');

    // Act
    const run = await bulletin(dir, ['publish', '--month', '2010-08', '--test-to', 'a@example.org,b@example.org']);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Test send only: nothing was published');
    const messages = await Promise.all((await messagesIn(join(dir, 'dist', 'outbox', '2010-08', 'test'))).map(readMessage));
    expect(messages.map((m) => m.to).sort()).toEqual(['a@example.org', 'b@example.org']);
    for (const m of messages) {
      expect(m.mail.subject).toMatch(/^\[TEST\] /);
      expect(m.mail.subject).toContain('August 2010');
    }
    expect(await messagesIn(join(dir, 'dist', 'outbox', '2010-08'))).toEqual([]);
    expect(existsSync(join(dir, 'archive', 'records', '2010-08'))).toBe(false);
    expect(existsSync(join(dir, 'archive', 'site', '2010', '08'))).toBe(false);
    const ledger = join(dir, 'archive', 'ledger');
    expect(existsSync(ledger) ? await readdir(ledger, { recursive: true }) : []).toEqual([]);
  });
});

describe.concurrent('bulletin publish and correct with bad arguments', () => {
  it('--test-to not-an-email: one line naming it, exit 2, nothing written', async () => {
    // Arrange
    const dir = await work('bad-test-to');

    // Act
    const run = await bulletin(dir, ['publish', '--month', '2010-08', '--test-to', 'not-an-email']);

    // Assert
    expect(run.code).toBe(2);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^bulletin: .*--test-to.*"not-an-email" is not an email address/);
    expect(existsSync(join(dir, 'archive'))).toBe(false);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('a missing subscribers file: one line naming it, exit 1, and the month is not published', async () => {
    // Arrange
    const dir = await work('no-subscribers');

    // Act
    const run = await bulletin(dir, ['publish', '--month', '2010-07', '--subscribers', 'readers-typo.json']);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.lines).toEqual([
      'bulletin: 2010-07 was not published:',
      expect.stringMatching(/^readers-typo\.json: file: does not exist; create a JSON array .* \(the subscriber list cannot be read, so nobody can be sent this issue\)$/),
    ]);
    expect(existsSync(join(dir, 'archive', '.bulletin-secret'))).toBe(false);
    expect(existsSync(join(dir, 'archive', 'records'))).toBe(false);
    expect(existsSync(join(dir, 'dist', 'outbox'))).toBe(false);
  });

  it('correct without --note: one line naming --note, exit 2', async () => {
    // Arrange
    const dir = await work('no-note');

    // Act
    const run = await bulletin(dir, ['correct', '--month', '2010-07']);

    // Assert
    expect(run.code).toBe(2);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^bulletin: .*'--note <text>' not specified/);
    expect(existsSync(join(dir, 'archive'))).toBe(false);
  });
});
