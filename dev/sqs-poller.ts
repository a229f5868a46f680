/**
 * What Lambda's SQS event source mapping does, on one machine: long-polls
 * the queue, hands each received batch to the handler as an `SQSEvent`,
 * deletes the records that succeeded and leaves the `batchItemFailures`
 * to reappear after the visibility timeout (the queue's redrive policy
 * moves them to the DLQ after five receives). Stops when `stop()` is called.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export function pollQueue(sqs: SQSClient, queueUrl: string, batchSize: number, handler: (event: SQSEvent) => Promise<SQSBatchResponse>, onError: (err: unknown) => void) {
  let running = true;
  const name = queueUrl.split('/').pop()!;
  const loop = (async () => {
    while (running) {
      try {
        const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: batchSize, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
        const messages = res.Messages ?? [];
        if (!messages.length) continue;
        const event: SQSEvent = {
          Records: messages.map((m) => ({
            messageId: m.MessageId!, receiptHandle: m.ReceiptHandle!, body: m.Body!, md5OfBody: m.MD5OfBody ?? '',
            attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0', ...(m.Attributes ?? {}) },
            messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:eu-west-2:000000000000:${name}`, awsRegion: 'eu-west-2',
          })),
        };
        // A handler that throws fails the whole batch, as on Lambda: nothing is deleted.
        const failed = new Set((await handler(event).catch((err: unknown) => {
          onError(err);
          return { batchItemFailures: messages.map((m) => ({ itemIdentifier: m.MessageId! })) };
        })).batchItemFailures.map((f) => f.itemIdentifier));
        const done = messages.filter((m) => !failed.has(m.MessageId!));
        if (done.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
      } catch (err) {
        if (running) onError(err);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return { stop: async () => { running = false; await loop; } };
}
