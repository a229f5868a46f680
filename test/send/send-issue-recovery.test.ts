import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../core/ports.js';
import { sendIssue } from '../../core/send/send-issue.js';
import { formatSendReport } from '../../core/send/send-report.js';
import { ledgerDyingAtMark, sendFixture } from './send-fixture.js';
import { emlFiles, tempDir } from './support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('recovery');
});
afterEach(() => dir.remove());

describe('sendIssue after a crash', () => {
  it('settles a crash between the mailer accepting and the ledger marking done, without a duplicate', async () => {
    const { input, ledger } = await sendFixture(dir.path);
    // Fault: the ledger dies right after the third message was accepted.
    const dying = ledgerDyingAtMark(ledger, 3);
    await expect(sendIssue({ ...input, ledger: dying })).rejects.toMatchObject({ code: 'LEDGER_FAILED', cause: expect.objectContaining({ message: 'disk full' }) });
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(3);
    const rerun = await sendIssue(input);
    expect(rerun).toMatchObject({ intended: 5, submitted: 2, skippedAlreadySent: 3 });
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(5);
  });

  it('takes over a claim left by a crashed run, and resends only if the message never reached the outbox', async () => {
    const { input, ledger, time } = await sendFixture(dir.path, { recipients: [{ email: 'user0000@example.org' }] });
    const key = input.tokens.recipientKey('user0000@example.org');
    await ledger.claim('2010-07', key, { owner: 'crashed-run', messageId: 'm', claimedAt: time.now().toISOString() });
    const report = await sendIssue(input);
    expect(report).toMatchObject({ submitted: 1, deferred: 0 });
    expect(await emlFiles(`${dir.path}/outbox`)).toHaveLength(1);
  });

  it('with a mailer that cannot tell (like SES), defers a fresh foreign claim and takes over a stale one', async () => {
    const { input, ledger, time, outbox } = await sendFixture(dir.path, { recipients: [{ email: 'user0000@example.org' }] });
    const sesLike: Mailer = { idempotent: false, wasAccepted: async () => undefined, send: (m) => outbox.send(m) };
    const key = input.tokens.recipientKey('user0000@example.org');
    await ledger.claim('2010-07', key, { owner: 'other-worker', messageId: 'm', claimedAt: time.now().toISOString() });
    expect(await sendIssue({ ...input, mailer: sesLike })).toMatchObject({ deferred: 1, submitted: 0 });
    expect(formatSendReport(await sendIssue({ ...input, mailer: sesLike }))).toContain('1 deferred');
    time.ms += 15 * 60_000;
    expect(await sendIssue({ ...input, mailer: sesLike })).toMatchObject({ deferred: 0, submitted: 1 });
  });

});
