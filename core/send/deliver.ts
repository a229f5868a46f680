/**
 * One recipient of an issue send, following the ledger protocol:
 *
 *   claim ─► personalise ─► mailer accepts ─► mark DONE
 *
 * A recipient already DONE is skipped. A recipient CLAIMED by someone else
 * (a crashed run, or a worker still going) is resolved by asking the mailer
 * whether it already accepted the Message-ID: yes → mark DONE, skip; no, and
 * the mailer is idempotent → take the claim over and send (the mailer itself
 * refuses a second copy); cannot tell (SES) → take over only once the claim
 * is older than the claim timeout, else leave it `deferred` for a later run.
 * A failed send releases the claim, so a later run retries that recipient.
 * A DAMAGED row (unreadable) says neither sent nor held: with a mailer that
 * can tell, the mailer decides (accepted → done; not → send); otherwise the
 * recipient is reported failed with the row to repair, and never mailed.
 */
import type { Clock, LedgerClaim, Mailer, OutgoingMessage, SendLedger } from '../ports.js';
import { personaliseMessage, type PreparedEmail } from './personalise-message.js';
import { messageIdFor, type SendEnvelope } from './envelope.js';
import { SendError } from './errors.js';
import type { Limiter, Sleep } from './rate-limiter.js';
import { withRetry, type RetryPolicy } from './retry.js';
import type { Recipient } from './select-recipients.js';
import { failureOf, type SendFailure } from './send-report.js';
import type { TokenSigner } from './tokens.js';

/** Everything one recipient's delivery needs; built once per send by `sendIssue`. */
export interface DeliverContext {
  issueId: string;
  runId: string;
  prepared: PreparedEmail;
  envelope: SendEnvelope;
  tokens: TokenSigner;
  ledger: SendLedger;
  mailer: Mailer;
  limiter: Limiter;
  clock: Clock;
  sleep: Sleep;
  retry: RetryPolicy;
  claimTimeoutMs: number;
  isSuppressed?: (email: string) => boolean | Promise<boolean>;
}

/** How one recipient was settled; `sendIssue` counts these into the report. */
export type Outcome =
  | { kind: 'submitted' | 'skipped' | 'suppressed' | 'deferred' }
  | { kind: 'failed'; failure: SendFailure };

/** Ledger trouble is not one recipient's problem: it stops the send (a re-run is safe). */
async function ledgerStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    throw new SendError('LEDGER_FAILED', `the send ledger could not ${what}: ${(cause as Error).message}`, { cause });
  }
}

/** Sends the issue to one recipient at most once; see the module comment for the protocol. */
export async function deliver(ctx: DeliverContext, recipient: Recipient): Promise<Outcome> {
  const { issueId, ledger, mailer, clock } = ctx;
  if (recipient.suppressed || (await ctx.isSuppressed?.(recipient.email))) return { kind: 'suppressed' };
  const recipientKey = recipient.key ?? ctx.tokens.recipientKey(recipient.email);
  const messageId = messageIdFor(issueId, recipientKey, ctx.envelope);
  const claim: LedgerClaim = { owner: ctx.runId, messageId, claimedAt: clock.now().toISOString() };
  const done = () => ledgerStep('mark a recipient done', () => ledger.markDone(issueId, recipientKey, { owner: ctx.runId, messageId, doneAt: clock.now().toISOString() }));

  const outcome = await ledgerStep('claim a recipient', () => ledger.claim(issueId, recipientKey, claim));
  if (outcome.status === 'done') return { kind: 'skipped' };
  let version: number;
  if (outcome.status === 'claimed') version = outcome.version;
  else {
    const accepted = await mailer.wasAccepted({ issueId, kind: 'issue', recipientKey, messageId }).catch(() => undefined);
    if (accepted === true) {
      await done();
      return { kind: 'skipped' };
    }
    const exact = accepted === false && mailer.idempotent;
    if (outcome.status === 'damaged' && !exact) {
      return { kind: 'failed', failure: failureOf(recipient.email, new SendError('LEDGER_ROW_DAMAGED', outcome.what), 0) };
    }
    // An unreadable claim time counts as stale: better one possible duplicate than a recipient stuck for ever.
    const stale = outcome.status === 'held' && !(clock.now().getTime() - Date.parse(outcome.claim.claimedAt) < ctx.claimTimeoutMs);
    if (!exact && !stale) return { kind: 'deferred' };
    const taken = await ledgerStep('take over a claim', () => ledger.takeOver(issueId, recipientKey, outcome.version, claim));
    if (taken === undefined) return { kind: 'deferred' };
    version = taken;
  }

  const failed = async (error: unknown, attempts: number): Promise<Outcome> => {
    await ledgerStep('release a claim', () => ledger.release(issueId, recipientKey, version, claim));
    return { kind: 'failed', failure: failureOf(recipient.email, error, attempts) };
  };
  let message: OutgoingMessage;
  try {
    message = personaliseMessage({ ...ctx, kind: 'issue', to: recipient.email, recipientKey, date: clock.now() });
  } catch (error) {
    return failed(error, 0);
  }
  const result = await withRetry(() => mailer.send(message), ctx.limiter, ctx.sleep, ctx.retry);
  if (!result.ok) return failed(result.error, result.attempts);
  await done();
  return { kind: result.value.status === 'duplicate' ? 'skipped' : 'submitted' };
}
