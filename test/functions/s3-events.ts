/**
 * S3 notification shapes as AWS delivers them (fixtures/ follow the
 * documented event structure, version 2.1), parameterised by bucket, key
 * and event name, with the key form-URL-encoded the way S3 encodes it.
 * Wrapped in SQS records as the S3 → SQS → Lambda path delivers them.
 */
import { readFileSync } from 'node:fs';
import type { S3Event, SQSEvent, SQSRecord } from 'aws-lambda';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** S3's key encoding in notifications: form-URL-encoding (space → `+`), `/` kept. */
export function s3EncodeKey(key: string): string {
  return key.split('/').map((part) => encodeURIComponent(part).replace(/%20/g, '+')).join('/');
}

export function s3Event(bucket: string, key: string, eventName = 'ObjectCreated:Put', sequencer = '0055AED6DCD90281E5'): S3Event {
  const event = JSON.parse(fixture('s3-object-created.json')) as S3Event;
  const record = event.Records[0]!;
  record.eventName = eventName;
  record.s3.bucket = { ...record.s3.bucket, name: bucket, arn: `arn:aws:s3:::${bucket}` };
  record.s3.object = { ...record.s3.object, key: s3EncodeKey(key), sequencer };
  return event;
}

export function s3TestEventBody(bucket: string): string {
  return fixture('s3-test-event.json').replace('BUCKET', bucket);
}

let n = 0;
/** An SQS batch whose bodies are the given S3 notifications (or raw bodies). */
export function sqsBatch(bodies: (S3Event | string)[]): SQSEvent {
  const Records = bodies.map((b): SQSRecord => ({
    messageId: `msg-${++n}`,
    receiptHandle: `rh-${n}`,
    body: typeof b === 'string' ? b : JSON.stringify(b),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1280308365402', SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1280308365410' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:111111111111:MetForwardStateful-IngestQueue',
    awsRegion: 'eu-west-2',
  }));
  return { Records };
}
