/**
 * Queue over SQS: messages go as JSON, ten per SendMessageBatch (the SQS
 * maximum), and a batch is also split before it would exceed SQS's request
 * size. SendMessageBatch can succeed for some entries and fail for others
 * with HTTP 200; those entries are retried with backoff (a throttled or
 * internal failure), while a sender fault (a malformed entry) fails at once.
 * A retried entry may in rare cases be enqueued twice — receivers are
 * idempotent (see the Queue port), so that costs a no-op, never a resend.
 */
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { Queue } from '../core/ports.js';

const MAX_ENTRIES = 10;
/** SQS's limit per request and per message (256 KiB; some regions allow more, the lower bound is safe everywhere). */
const MAX_BYTES = 256 * 1024;

/** Messages SQS did not take, with why; `retryable` says whether sending them again may help. */
export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code = 'QUEUE_SEND_FAILED';
  constructor(message: string, readonly retryable: boolean, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

export interface SqsQueueOptions {
  /** Attempts per entry, the first included. */
  attempts?: number;
  /** Waits between attempts; injected so tests need no real time. */
  sleep?: (ms: number) => Promise<void>;
}

export class SqsQueue implements Queue {
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly client: SQSClient, readonly queueUrl: string, options: SqsQueueOptions = {}) {
    this.attempts = options.attempts ?? 5;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async send(messages: readonly object[]): Promise<void> {
    const bodies = messages.map((m) => JSON.stringify(m));
    for (const chunk of chunks(bodies)) await this.sendBatch(chunk);
  }

  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 1; ; attempt++) {
      const res = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
      const failed = res.Failed ?? [];
      if (!failed.length) return;
      const final = failed.filter((f) => f.SenderFault);
      const detail = failed.map((f) => `${f.Id}: ${f.Code}${f.Message ? ` (${f.Message})` : ''}`).join('; ');
      if (final.length) throw new QueueError(`SQS refused ${final.length} message(s): ${detail}`, false);
      if (attempt >= this.attempts) throw new QueueError(`SQS did not take ${failed.length} message(s) after ${attempt} attempts: ${detail}`, true);
      const ids = new Set(failed.map((f) => f.Id));
      pending = pending.filter((e) => ids.has(e.Id));
      await this.sleep(Math.min(100 * 2 ** (attempt - 1), 2_000));
    }
  }
}

/** Groups bodies into batches of at most ten entries and MAX_BYTES; ids are positions, unique per batch. */
function chunks(bodies: string[]): SendMessageBatchRequestEntry[][] {
  const out: SendMessageBatchRequestEntry[][] = [];
  let current: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const [i, body] of bodies.entries()) {
    const size = Buffer.byteLength(body);
    if (size > MAX_BYTES) throw new QueueError(`message ${i} is ${size} bytes; SQS takes at most ${MAX_BYTES}`, false);
    if (current.length === MAX_ENTRIES || bytes + size > MAX_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ Id: `m${i}`, MessageBody: body });
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}
