import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Receives before a message is moved to the DLQ: enough to ride out throttling and a few crashes. */
export const MAX_RECEIVE_COUNT = 5;
/** AWS's advice for Lambda consumers: visibility ≥ 6 × the function timeout, so retries never overlap a running batch. */
export const VISIBILITY_FACTOR = 6;

export interface QueueWithDlq {
  queue: Queue;
  dlq: Queue;
}

/**
 * A work queue and its dead-letter queue: SSE, TLS-only, redrive after
 * MAX_RECEIVE_COUNT receives, visibility from the consumer's timeout.
 * The DLQ keeps messages 14 days (the maximum) for a person to look at.
 */
export function queueWithDlq(scope: Construct, id: string, options: { consumerTimeout: Duration }): QueueWithDlq {
  const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
  const dlq = new Queue(scope, `${id}Dlq`, { ...common, retentionPeriod: Duration.days(14) });
  Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is a dead-letter queue; a DLQ of a DLQ would only hide failures. An alarm fires when it is not empty.' });
  const queue = new Queue(scope, id, {
    ...common,
    visibilityTimeout: Duration.seconds(options.consumerTimeout.toSeconds() * VISIBILITY_FACTOR),
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: dlq, maxReceiveCount: MAX_RECEIVE_COUNT },
  });
  return { queue, dlq };
}
