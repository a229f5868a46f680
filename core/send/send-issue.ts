/**
 * `sendIssue`: one issue to every recipient, at most once each, within the
 * rate cap. The email was rendered once; each message is personalised by
 * substitution into parts (subject, text, HTML, list headers); a mailer that
 * files bytes fills the issue's once-composed MIME from them (mime-message.ts).
 *
 * Safe to retry: recipients already in the ledger are skipped, claims left
 * by a crashed run are resolved with the mailer (see deliver.ts), failed
 * recipients are retried. One bad address never stops the send; a ledger
 * that cannot record does (SendError LEDGER_FAILED — re-run when fixed).
 *
 * What is guaranteed, boundary by boundary (process crashes, kill -9
 * included; not power loss — the local files are not fsync'd):
 * - claim: an atomic conditional create, so no two workers ever hold one
 *   (issue, recipient) at once.
 * - mailer accepted → ledger DONE are two writes; a crash can fall between.
 *   Outbox: exact. The .eml is created atomically, once, under a name from
 *   the Message-ID, so a re-run sees it and marks DONE without sending:
 *   exactly one message per recipient, whatever the crash point.
 *   SES: no idempotency key and no way to ask. A crashed worker's claim is
 *   taken over only after `claimTimeoutMs`, then sent again: if SES had
 *   accepted it, that reader gets it twice — at most the messages in flight
 *   at the crash, i.e. one per crashed worker (`concurrency` per worker if
 *   raised). Before the timeout such recipients are reported `deferred`.
 *   An SES call that times out is ambiguous too; retrying it may duplicate it.
 * - nobody is skipped: each recipient ends DONE, or failed (claim released,
 *   listed, retried by the next run), or deferred (retried after the timeout).
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Mailer, SendLedger } from '../ports.js';
import { prepareEmail, type IssueEmail } from './personalise-message.js';
import { deliver, type DeliverContext, type Outcome } from './deliver.js';
import type { SendEnvelope } from './envelope.js';
import { SendError } from './errors.js';
import type { Limiter, Sleep } from './rate-limiter.js';
import type { RetryPolicy } from './retry.js';
import type { Recipient } from './select-recipients.js';
import { closeReport, openReport, type SendReport } from './send-report.js';
import { normaliseEmail, type TokenSigner } from './tokens.js';

/** Gmail clips a message body beyond ~102 KB, hiding the unsubscribe link: refuse to send one. */
export const MAX_HTML_BYTES = 102 * 1024;
const ISSUE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Counts so far, after each recipient is settled: for a progress bar (no addresses). */
export interface SendProgress {
  done: number;
  total: number;
  submitted: number;
  skippedAlreadySent: number;
  suppressed: number;
  deferred: number;
  failed: number;
}

/** What a send needs: the rendered email, who to, and every effect as a port. */
export interface SendIssueInput {
  /** Ledger and Message-ID key, e.g. `2010-07`; a correction sent as mail needs a new id (`2010-07-r2`). */
  issueId: string;
  /** Rendered once (subject, HTML, text), `%%{unsubscribe_url}%%` intact. */
  email: IssueEmail;
  recipients: readonly Recipient[];
  envelope: SendEnvelope;
  tokens: TokenSigner;
  ledger: SendLedger;
  mailer: Mailer;
  limiter: Limiter & { ratePerSecond?: number };
  clock: Clock;
  /** For retry backoff. */
  sleep: Sleep;
  /** Checked just before each recipient (e.g. a suppression list that changed since the list was read). */
  isSuppressed?: (email: string) => boolean | Promise<boolean>;
  /** Messages in flight at once (default 1). Bounds the duplicates a crash can cause with a non-idempotent mailer. */
  concurrency?: number;
  retry?: RetryPolicy;
  /** A claim older than this is taken to be abandoned (default 15 min, the longest a Lambda runs). */
  claimTimeoutMs?: number;
  runId?: string;
  onProgress?: (progress: SendProgress) => void;
  /** Active subscribers the plan left out as blocked: counted as suppressed (and intended), never mailed. */
  suppressedByPlan?: number;
  /** Entries of the subscriber list left out as invalid (their addresses blocked), for the report. */
  skippedEntries?: number;
}

/** Adds one outcome to the report's counts. */
function count(report: SendReport, outcome: Outcome): void {
  if (outcome.kind === 'failed') {
    report.failed++;
    report.failures.push(outcome.failure);
  } else if (outcome.kind === 'skipped') report.skippedAlreadySent++;
  else report[outcome.kind]++;
}

/** Throws SendError ISSUE_ID_INVALID unless `id` is safe as a file name and in a Message-ID. */
export function assertIssueId(id: string): void {
  if (!ISSUE_ID.test(id)) throw new SendError('ISSUE_ID_INVALID', `issue id "${id}" must be letters, digits, dots, hyphens or underscores (at most 64)`);
}

/** Sends the issue; resolves to the report once every recipient is settled. */
export async function sendIssue(input: SendIssueInput): Promise<SendReport> {
  assertIssueId(input.issueId);
  const concurrency = input.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new SendError('OPTIONS_INVALID', `concurrency must be a whole number ≥ 1, not ${concurrency}`);
  const prepared = prepareEmail(input.email);
  if (prepared.htmlBytes > MAX_HTML_BYTES) throw new SendError('EMAIL_TOO_LARGE', `the email HTML is ${Math.round(prepared.htmlBytes / 1024)} KB; Gmail clips beyond ${MAX_HTML_BYTES / 1024} KB`);

  const unique = new Map<string, Recipient>();
  for (const r of input.recipients) {
    const email = normaliseEmail(r.email);
    const prev = unique.get(email);
    unique.set(email, { ...prev, ...r, email, ...(r.suppressed || prev?.suppressed ? { suppressed: true } : {}) });
  }
  const recipients = [...unique.values()];
  const runId = input.runId ?? randomUUID();
  const byPlan = input.suppressedByPlan ?? 0;
  const report = openReport({
    issueId: input.issueId, kind: 'issue', runId, startedAt: input.clock.now(), intended: recipients.length + byPlan,
    ...(input.limiter.ratePerSecond !== undefined ? { ratePerSecond: input.limiter.ratePerSecond } : {}),
  });
  report.suppressed = byPlan;
  report.skippedEntries = input.skippedEntries ?? 0;
  const ctx: DeliverContext = {
    ...input, runId, prepared, retry: input.retry ?? {}, claimTimeoutMs: input.claimTimeoutMs ?? 15 * 60_000,
  };

  let next = 0;
  let stop: unknown;
  const worker = async () => {
    while (stop === undefined && next < recipients.length) {
      const recipient = recipients[next++]!;
      try {
        count(report, await deliver(ctx, recipient));
        const { submitted, skippedAlreadySent, suppressed, deferred, failed } = report;
        input.onProgress?.({ done: submitted + skippedAlreadySent + suppressed + deferred + failed - byPlan, total: recipients.length, submitted, skippedAlreadySent, suppressed, deferred, failed });
      } catch (err) {
        stop ??= err;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, recipients.length)) }, worker));
  if (stop !== undefined) throw stop;

  return closeReport(report, input.clock.now());
}
