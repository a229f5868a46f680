/**
 * `--test-to`: the real email, marked as a test, to the given addresses
 * only. It bypasses the ledger entirely (a test never counts as the issue
 * having been sent to anyone), and each test run gets its own Message-IDs,
 * so sending the same test twice delivers it twice, filed apart from the
 * issue's messages.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Clock, Mailer } from '../ports.js';
import { personaliseMessage, prepareEmail, type IssueEmail } from './personalise-message.js';
import type { SendEnvelope } from './envelope.js';
import { SendError } from './errors.js';
import type { Limiter, Sleep } from './rate-limiter.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { assertIssueId } from './send-issue.js';
import { closeReport, failureOf, openReport, type SendReport } from './send-report.js';
import { normaliseEmail, type TokenSigner } from './tokens.js';

/** Subject prefix of every test send. */
export const TEST_PREFIX = '[TEST] ';

/** A test send: like `SendIssueInput` without ledger or recipient list. */
export interface SendTestInput {
  issueId: string;
  /** Render it with `{ test: true }` (the banner); the subject gets `[TEST] ` here if it lacks it. */
  email: IssueEmail;
  to: readonly string[];
  envelope: SendEnvelope;
  tokens: TokenSigner;
  mailer: Mailer;
  limiter: Limiter & { ratePerSecond?: number };
  clock: Clock;
  sleep: Sleep;
  retry?: RetryPolicy;
  runId?: string;
}

/** Sends a test copy to each address in `to` (deduplicated). Never touches the ledger. */
export async function sendTest(input: SendTestInput): Promise<SendReport> {
  assertIssueId(input.issueId);
  if (!input.to.length) throw new SendError('OPTIONS_INVALID', 'a test send needs at least one address');
  const subject = input.email.subject.startsWith(TEST_PREFIX.trim()) ? input.email.subject : `${TEST_PREFIX}${input.email.subject}`;
  const prepared = prepareEmail({ ...input.email, subject });
  const runId = input.runId ?? randomUUID();
  const to = [...new Set(input.to.map(normaliseEmail))];
  const bad = to.find((a) => !z.email().safeParse(a).success);
  if (bad !== undefined) throw new SendError('OPTIONS_INVALID', `"${bad}" is not an email address`);
  const report = openReport({
    issueId: input.issueId, kind: 'test', runId, startedAt: input.clock.now(), intended: to.length,
    ...(input.limiter.ratePerSecond !== undefined ? { ratePerSecond: input.limiter.ratePerSecond } : {}),
  });
  for (const address of to) {
    const result = await Promise.resolve()
      .then(() => personaliseMessage({ ...input, prepared, kind: 'test', to: address, date: input.clock.now(), variant: `test-${runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}` }))
      .then((message) => withRetry(() => input.mailer.send(message), input.limiter, input.sleep, input.retry))
      .catch((error: unknown) => ({ ok: false as const, error, attempts: 0 }));
    if (result.ok) {
      if (result.value.status === 'duplicate') report.skippedAlreadySent++;
      else report.submitted++;
      continue;
    }
    report.failed++;
    report.failures.push(failureOf(address, result.error, result.attempts));
  }
  return closeReport(report, input.clock.now());
}
