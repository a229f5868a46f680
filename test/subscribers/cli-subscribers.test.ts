/**
 * `bulletin subscribers unsubscribe|erase|export` as the comms inbox runs
 * them: the real binary over a copy of the sample list, with the archive's
 * secret. Then the send path's own list loading sees the change.
 */
import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubscribers } from '../../adapters/file-subscribers.js';
import { selectAudience } from '../../core/send/select-recipients.js';
import { makeTemp, removeTemp, REPO, SAMPLE_CONTENT } from '../content/fixture-copy.js';

const BIN = join(REPO, 'bin', 'bulletin.js');

function bulletin(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, BULLETIN_DEBUG: '', BULLETIN_TOKEN_SECRET: '' } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

let work: string;
beforeAll(async () => {
  work = await makeTemp('subs-cli');
  await cp(SAMPLE_CONTENT, join(work, 'content'), { recursive: true });
});
afterAll(async () => removeTemp(work));

describe('bulletin subscribers', () => {
  it('unsubscribes an address at once, so the next send leaves it out; a repeat changes nothing', async () => {
    const first = await bulletin(work, 'subscribers', 'unsubscribe', 'Alice.Active@example.org');
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Unsubscribed alice\.active@example\.org/) });
    const list = await loadSubscribers(join(work, 'content', 'subscribers.json'));
    expect(list.problems).toEqual([]);
    expect(selectAudience(list, []).recipients.map((r) => r.email)).toEqual(['bob.active@example.org', 'chandra.active@example.org']);
    expect((await bulletin(work, 'subscribers', 'unsubscribe', 'alice.active@example.org')).stdout).toMatch(/already unsubscribed/);
  });

  it('erases an address, leaving only a keyed hash, and exports what is stored', async () => {
    expect(JSON.parse((await bulletin(work, 'subscribers', 'export', 'bob.active@example.org')).stdout)).toMatchObject({ email: 'bob.active@example.org', status: 'active' });
    const erased = await bulletin(work, 'subscribers', 'erase', 'bob.active@example.org');
    expect(erased.code).toBe(0);
    expect(await readFile(join(work, 'content', 'subscribers.json'), 'utf8')).not.toContain('bob');
    expect(JSON.parse((await bulletin(work, 'subscribers', 'export', 'bob.active@example.org')).stdout)).toMatchObject({ status: 'suppressed', reason: 'erased' });
  });

  it('erases an address from the send plans of past publishes too, keeping their recipient keys', async () => {
    const published = await bulletin(work, 'publish', '--month', '2010-07');
    expect(published.code).toBe(0);
    const planFile = join(work, 'archive', 'plans', '2010-07.json');
    const before = JSON.parse(await readFile(planFile, 'utf8')) as { recipients: { email: string; key: string }[] };
    expect(before.recipients.map((r) => r.email)).toContain('chandra.active@example.org');
    // Act
    expect((await bulletin(work, 'subscribers', 'erase', 'chandra.active@example.org')).code).toBe(0);
    // Assert
    const after = JSON.parse(await readFile(planFile, 'utf8')) as typeof before;
    expect(JSON.stringify(after)).not.toContain('chandra');
    expect(after.recipients.map((r) => r.key)).toEqual(before.recipients.map((r) => r.key));
  });

  it('refuses anything but one address in one line, without a stack', async () => {
    const r = await bulletin(work, 'subscribers', 'erase', 'not-an-address');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
