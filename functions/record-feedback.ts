/**
 * Feedback: SES events (bounce, complaint, delivery …) → SNS → the feedback
 * queue → here. Hard bounces and complaints suppress the address in the
 * subscriber table (never mailed again; idempotent, so SQS's duplicates
 * are harmless); soft bounces and deliveries are counted in the log (the
 * send report's feedback counts). A message that holds no SES event fails
 * alone and, after five receives, goes to the DLQ (an alarm fires).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { systemClock } from '../adapters/system-clock.js';
import type { Clock, SuppressionList } from '../core/ports.js';
import { maskAddress } from '../core/send/send-report.js';
import { awsSubscriberStore } from './aws-subscribers.js';
import { feedbackOf, sesEventOf } from './ses-feedback.js';

export interface FeedbackDeps {
  suppressions: SuppressionList;
  clock: Clock;
  logger: Logger;
}

/** Counts per invocation, logged once (`feedback recorded`): addresses suppressed per reason, and events only counted. */
export interface FeedbackCounts {
  bounce: number;
  complaint: number;
  softBounce: number;
  delivery: number;
  other: number;
}

export function createHandler(deps: () => Promise<FeedbackDeps>) {
  let ready: Promise<FeedbackDeps> | undefined;
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = await (ready ??= deps());
    const counts: FeedbackCounts = { bounce: 0, complaint: 0, softBounce: 0, delivery: 0, other: 0 };
    const record = async (r: SQSRecord) => {
      const feedback = feedbackOf(sesEventOf(r.body), d.clock.now());
      if (feedback.kind === 'count') {
        counts[feedback.event === 'soft-bounce' ? 'softBounce' : feedback.event] += 1;
        return;
      }
      for (const email of feedback.emails) await d.suppressions.suppress(email, feedback.reason, feedback.at);
      counts[feedback.reason] += feedback.emails.length;
      d.logger.info('address suppressed', { reason: feedback.reason, addresses: feedback.emails.map(maskAddress) });
    };
    const result = await processPartialResponse(event, record, new BatchProcessor(EventType.SQS), { ...(context ? { context } : {}), throwOnFullBatchFailure: false });
    d.logger.info('feedback recorded', { ...counts, failed: result.batchItemFailures.length });
    return result;
  };
}

async function awsDeps(): Promise<FeedbackDeps> {
  // The table is keyed by the list's subscriber ids, so the store comes with the publication's token signer.
  return { suppressions: (await awsSubscriberStore()).store, clock: systemClock, logger: new Logger() };
}

export const handler = createHandler(awsDeps);
