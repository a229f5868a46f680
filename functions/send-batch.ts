/**
 * Send: SQS batches from the send queue → for each message, the batch's
 * planned recipients, re-checked against the subscriber table (an opt-out
 * since publish wins), sent through core/send `sendPlanned` with the SES
 * mailer, the DynamoDB ledger (each recipient once per issue) and this
 * worker's share of the SES rate. The email is publish's stored copy
 * (functions/send-message.ts): nothing is rendered here.
 *
 * A message fails alone (Powertools batch, ReportBatchItemFailures) and
 * SQS redelivers it when it is unreadable, when a recipient is deferred
 * (another worker's claim) or failed for a transient reason (throttling,
 * SES unavailable after the retries), or when the ledger failed. Permanent
 * failures (SES rejected the address) are recorded in the batch's send
 * report and not retried. After five receives a message goes to the DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoSendLedger } from '../adapters/dynamo-send-ledger.js';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscribers.js';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { systemClock, systemSleep } from '../adapters/system-clock.js';
import type { ArchiveStore, Clock, Mailer, SendLedger } from '../core/ports.js';
import { RateLimiter, type Limiter, type Sleep } from '../core/send/rate-limiter.js';
import { sendPlanned } from '../core/send/send-planned.js';
import { formatSendReport, type SendReport } from '../core/send/send-report.js';
import type { TokenSigner } from '../core/send/tokens.js';
import { StateError } from '../core/state-error.js';
import { awsTokens, documents, required, s3, ses } from './aws-env.js';
import { SendBatchMessageSchema, storedEmailKey, StoredEmailSchema, type StoredEmail } from './send-message.js';

export interface SendDeps {
  archive: ArchiveStore;
  /** Of these addresses, the ones not to mail now (no valid active subscriber item); `tokens` give the items' keys. */
  blockedAmong: (emails: readonly string[], tokens: TokenSigner) => Promise<Set<string>>;
  tokens: (listId: string) => Promise<TokenSigner>;
  ledger: SendLedger;
  mailer: Mailer;
  /** Shared by every message this worker sends: the cap holds across records and invocations. */
  limiter: Limiter & { ratePerSecond?: number };
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  claimTimeoutMs?: number;
}

/** Failures worth a redelivery; any other code is final for that recipient (recorded, not retried). */
const TRANSIENT = new Set(['SES_THROTTLED', 'SES_UNAVAILABLE', 'LEDGER_ROW_DAMAGED']);

/** One SQS message's batch; throws to have SQS redeliver it. */
export async function sendBatch(deps: SendDeps, body: string, emails: Map<string, Promise<StoredEmail>>): Promise<SendReport> {
  const message = SendBatchMessageSchema.parse(JSON.parse(body));
  let cached = emails.get(message.issueId);
  if (!cached) {
    cached = loadEmail(deps.archive, message.issueId);
    emails.set(message.issueId, cached);
    // A failed read is not cached: the next message tries again.
    cached.catch(() => emails.delete(message.issueId));
  }
  const stored = await cached;
  if (stored.month !== message.month || stored.revision !== message.revision) {
    throw new StateError(storedEmailKey(message.issueId), `is the email of ${stored.month} revision ${stored.revision}, not ${message.month} revision ${message.revision}`, 'publish wrote it; compare with records/ before sending more');
  }
  const tokens = await deps.tokens(stored.envelope.listId);
  const blocked = await deps.blockedAmong(message.recipients.map((r) => r.email), tokens);
  const report = await sendPlanned({
    send: {
      issueId: message.issueId, email: stored.email, blocked, skippedEntries: 0,
      // This batch's slice of the plan: sendPlanned sends `batch` only and counts nothing else.
      plan: { issueId: message.issueId, createdAt: '', keyFingerprint: '', recipients: message.recipients, excluded: { suppressed: 0, notInTopics: 0 } },
    },
    batch: message.recipients,
    envelope: stored.envelope,
    tokens,
    ledger: deps.ledger, mailer: deps.mailer, limiter: deps.limiter, clock: deps.clock, sleep: deps.sleep,
    ...(deps.claimTimeoutMs !== undefined ? { claimTimeoutMs: deps.claimTimeoutMs } : {}),
  });
  const permanent = report.failures.filter((f) => !TRANSIENT.has(f.code)).map((f) => f.code);
  deps.logger.info('batch sent', { issueId: message.issueId, report: formatSendReport(report), permanentFailures: permanent });
  if (report.deferred || report.failures.some((f) => TRANSIENT.has(f.code))) {
    throw new Error(`${message.issueId}: ${report.deferred} deferred, ${report.failed - permanent.length} failed transiently; SQS redelivers the batch (the ledger skips those already sent)`);
  }
  return report;
}

async function loadEmail(archive: ArchiveStore, issueId: string): Promise<StoredEmail> {
  const key = storedEmailKey(issueId);
  const bytes = await archive.read(key);
  if (!bytes) throw new Error(`${key} does not exist yet; publish writes it before queueing`);
  const parsed = StoredEmailSchema.safeParse((() => {
    try { return JSON.parse(new TextDecoder().decode(bytes)); } catch { return undefined; }
  })());
  const wrong = !parsed.success ? (parsed.error.issues[0]?.path.join('.') || 'not JSON') : parsed.data.issueId !== issueId ? `the email of ${parsed.data.issueId}` : undefined;
  if (wrong || !parsed.success) throw new StateError(key, `is damaged (${wrong})`, 'publish the month again by hand to rewrite it (the plan and ledger are unaffected)');
  return parsed.data;
}

/** The handler over lazily built deps: each record succeeds or fails alone. */
export function createHandler(deps: () => Promise<SendDeps>) {
  let ready: Promise<SendDeps> | undefined;
  const emails = new Map<string, Promise<StoredEmail>>();
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = await (ready ??= deps());
    const record = async (r: SQSRecord) => {
      try {
        await sendBatch(d, r.body, emails);
      } catch (err) {
        d.logger.warn('batch not finished', { messageId: r.messageId, error: (err as Error).message });
        throw err;
      }
    };
    // In order, one at a time: the rate cap is per worker, and one message in flight bounds a crash's duplicates.
    return processPartialResponse(event, record, new BatchProcessor(EventType.SQS), { ...(context ? { context } : {}), processInParallel: false, throwOnFullBatchFailure: false });
  };
}

async function awsDeps(): Promise<SendDeps> {
  const table = required('SUBSCRIBERS_TABLE');
  return {
    archive: new S3ArchiveStore(s3, required('ARCHIVE_BUCKET')),
    blockedAmong: (emails, tokens) => new DynamoSubscriberStore(documents, table, (e) => tokens.subscriberId(e)).blockedAmong(emails),
    tokens: awsTokens,
    ledger: new DynamoSendLedger(documents, required('SEND_TABLE')),
    mailer: new SesMailer(ses, { configurationSetName: required('CONFIGURATION_SET') }),
    limiter: new RateLimiter({ ratePerSecond: required('SEND_RATE_PER_WORKER'), clock: systemClock, sleep: systemSleep }),
    clock: systemClock, sleep: systemSleep, logger: new Logger(),
  };
}

export const handler = createHandler(awsDeps);
