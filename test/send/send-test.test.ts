import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsSendLedger } from '../../adapters/fs-send-ledger.js';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { sendIssue } from '../../core/send/send-issue.js';
import { sendTest, type SendTestInput } from '../../core/send/send-test.js';
import { emlFiles, fakeTime, julyEmail, signerFor, tempDir } from './support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('send-test');
});
afterEach(() => dir.remove());

async function setUp(): Promise<SendTestInput> {
  const { email, envelope } = await julyEmail();
  const time = fakeTime();
  return {
    issueId: '2010-07', email, envelope, to: ['Editor@Example.org', 'editor@example.org', 'lead@example.org'],
    tokens: signerFor(envelope), mailer: new OutboxMailer(`${dir.path}/outbox`), clock: time, sleep: time.sleep,
    limiter: new RateLimiter({ ratePerSecond: 14, clock: time, sleep: time.sleep }),
  };
}

describe('sendTest', () => {
  it('sends a [TEST] copy to each given address, filed apart, and every test run anew', async () => {
    const input = await setUp();
    const first = await sendTest({ ...input, runId: 'run-1' });
    const second = await sendTest({ ...input, runId: 'run-2' });
    expect(first).toMatchObject({ kind: 'test', intended: 2, submitted: 2, failed: 0 });
    expect(second).toMatchObject({ submitted: 2 });
    const files = await emlFiles(`${dir.path}/outbox`);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.includes('/2010-07/test/'))).toBe(true);
    const raw = await readFile(files[0]!, 'utf8');
    expect(raw).toMatch(/^Subject: \[TEST\] Met Forward: Monthly progress bulletin \(July 2010\)\r$/m);
  });

  it('never touches the ledger, so the real send still goes to everyone', async () => {
    const input = await setUp();
    const ledger = new FsSendLedger(`${dir.path}/ledger`);
    await sendTest(input);
    await expect(readdir(`${dir.path}/ledger`)).rejects.toMatchObject({ code: 'ENOENT' });
    const report = await sendIssue({ ...input, ledger, recipients: [{ email: 'editor@example.org' }] });
    expect(report).toMatchObject({ submitted: 1, skippedAlreadySent: 0 });
  });

  it('refuses an empty list or a non-address, before sending anything', async () => {
    const input = await setUp();
    await expect(sendTest({ ...input, to: [] })).rejects.toMatchObject({ code: 'OPTIONS_INVALID' });
    await expect(sendTest({ ...input, to: ['editor@example.org', 'not an address'] })).rejects.toMatchObject({ code: 'OPTIONS_INVALID', message: expect.stringContaining('not an address') });
    expect(await emlFiles(`${dir.path}/outbox`)).toEqual([]);
  });
});
