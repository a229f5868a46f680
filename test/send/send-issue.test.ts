import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../core/ports.js';
import { MailerError } from '../../core/send/errors.js';
import { sendIssue } from '../../core/send/send-issue.js';
import { formatFailure, formatSendReport } from '../../core/send/send-report.js';
import { flakyMailer, sendFixture } from './send-fixture.js';
import { addresses, emlFiles, tempDir } from './support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('send');
});
afterEach(() => dir.remove());

describe('sendIssue', () => {
  it('sends one message per recipient and reports it; a second run sends nothing', async () => {
    const { input } = await sendFixture(dir.path, { recipients: [...addresses(3), 'USER0001@example.org'].map((email) => ({ email })) });
    const progress: number[] = [];
    const first = await sendIssue({ ...input, onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ intended: 3, submitted: 3, skippedAlreadySent: 0, suppressed: 0, deferred: 0, failed: 0, failures: [] });
    expect(progress).toEqual([1, 2, 3]);
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(3);
    const second = await sendIssue(input);
    expect(second).toMatchObject({ intended: 3, submitted: 0, skippedAlreadySent: 3 });
    expect(formatSendReport(second)).toMatch(/^2010-07: 3 intended — 0 submitted, 3 already sent, 0 suppressed, 0 failed \(.*\) — all already sent, nothing to do$/);
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(3);
  });

  it('counts suppressed recipients, from the list and from a live check, without mailing them', async () => {
    const { input } = await sendFixture(dir.path, {
      recipients: [{ email: 'user0000@example.org', suppressed: true }, { email: 'user0001@example.org' }, { email: 'user0002@example.org' }],
      isSuppressed: async (email) => email === 'user0002@example.org',
    });
    const report = await sendIssue(input);
    expect(report).toMatchObject({ intended: 3, submitted: 1, suppressed: 2 });
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(1);
  });

  it('retries throttling with backoff, records a hard failure, and carries on; the counts add up', async () => {
    const { input, outbox, time } = await sendFixture(dir.path);
    const throttled = () => new MailerError('Throttling', 'Maximum sending rate exceeded.', true);
    const mailer = flakyMailer(outbox, { 'user0001@example.org': [throttled(), throttled()] }, {
      'user0003@example.org': new MailerError('MessageRejected', 'Address user0003@example.org is on the account suppression list', false),
    });
    const report = await sendIssue({ ...input, mailer });
    expect(report).toMatchObject({ intended: 5, submitted: 4, failed: 1, skippedAlreadySent: 0, suppressed: 0, deferred: 0 });
    expect(report.intended).toBe(report.submitted + report.skippedAlreadySent + report.suppressed + report.deferred + report.failed);
    expect(report.failures).toEqual([{ email: 'user0003@example.org', code: 'MessageRejected', message: expect.stringContaining('suppression list'), attempts: 1 }]);
    expect(formatFailure(report.failures[0]!)).toBe('u***@example.org: MessageRejected: Address u***@example.org is on the account suppression list (after 1 attempt)');
    expect(mailer.calls.filter((a) => a === 'user0001@example.org')).toHaveLength(3);
    expect(time.sleeps.filter((ms) => ms === 200 || ms === 400)).toEqual([200, 400]);
  });

  it('gives up after the last attempt for a retryable error, and a later run retries the failed recipient only', async () => {
    const { input, outbox } = await sendFixture(dir.path);
    const mailer = flakyMailer(outbox, {}, { 'user0004@example.org': Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', retryable: true }) });
    const first = await sendIssue({ ...input, mailer, retry: { maxAttempts: 3 } });
    expect(first).toMatchObject({ submitted: 4, failed: 1, failures: [{ email: 'user0004@example.org', code: 'ECONNRESET', attempts: 3 }] });
    const again = flakyMailer(outbox, {});
    const second = await sendIssue({ ...input, mailer: again });
    expect(second).toMatchObject({ submitted: 1, skippedAlreadySent: 4, failed: 0 });
    expect(again.calls).toEqual(['user0004@example.org']);
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(5);
  });

  it('keeps to the rate cap, sending in parallel when asked', async () => {
    const { input, time, outbox } = await sendFixture(dir.path, { recipients: addresses(60).map((email) => ({ email })), concurrency: 4 });
    const sentAt: number[] = [];
    const timed: Mailer = { idempotent: true, wasAccepted: (r) => outbox.wasAccepted(r), send: (m) => (sentAt.push(time.ms), outbox.send(m)) };
    const report = await sendIssue({ ...input, mailer: timed });
    expect(report.submitted).toBe(60);
    // In any one-second window, at most 14 sends.
    const busiest = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(14);
    expect(report.rate.configured).toBe(14);
    expect(report.rate.achieved).toBeGreaterThan(13);
  });

  it('never puts an address in a file name', async () => {
    const { input } = await sendFixture(dir.path);
    await sendIssue(input);
    const names = [...await readdir(dir.path, { recursive: true })].map(String);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => n.includes('@') || n.includes('user0'))).toEqual([]);
    const record = await readFile(`${dir.path}/ledger/2010-07/${input.tokens.recipientKey('user0000@example.org')}.done.json`, 'utf8');
    expect(record).not.toContain('user0000');
  });

  it('refuses an issue id that is not a safe name, and an email Gmail would clip', async () => {
    const { input } = await sendFixture(dir.path);
    await expect(sendIssue({ ...input, issueId: '../2010-07' })).rejects.toMatchObject({ code: 'ISSUE_ID_INVALID' });
    const huge = { ...input.email, html: `${input.email.html}<!--${'x'.repeat(110 * 1024)}-->` };
    await expect(sendIssue({ ...input, email: huge })).rejects.toMatchObject({ code: 'EMAIL_TOO_LARGE' });
  });
});
