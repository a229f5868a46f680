/**
 * The S3 notification edge: records come straight from S3 or inside SQS
 * message bodies (S3 → SQS on AWS). Keys arrive form-URL-encoded (`+` is a
 * space, `%2B` a plus) and are decoded here, once. `s3:TestEvent` (sent
 * when the notification is configured) and anything that is not an object
 * change are ignored.
 */
import type { S3EventRecord } from 'aws-lambda';
import type { ContentChange } from '../core/ingest/ingest-changes.js';

export type { ContentChange } from '../core/ingest/ingest-changes.js';

/** `updates/2010-07/civil+liberties%2B.md` → `updates/2010-07/civil liberties+.md`. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The S3 records an SQS body carries: `[]` for `s3:TestEvent`; throws on a body that is not an S3 notification. */
export function s3RecordsOf(body: string): S3EventRecord[] {
  const parsed = JSON.parse(body) as { Event?: string; Records?: S3EventRecord[] };
  if (parsed.Event === 's3:TestEvent') return [];
  if (!Array.isArray(parsed.Records)) throw new Error('SQS message is not an S3 event notification');
  return parsed.Records;
}

/** Object changes in `records`, duplicates collapsed (the handler re-reads current state, so order is irrelevant). */
export function contentChanges(records: readonly S3EventRecord[]): ContentChange[] {
  const byKey = new Map<string, ContentChange>();
  for (const r of records) {
    if (r.eventSource !== 'aws:s3' || !/^Object(Created|Removed):/.test(r.eventName)) continue;
    const key = decodeS3Key(r.s3.object.key);
    byKey.set(key, { key, removed: r.eventName.startsWith('ObjectRemoved') });
  }
  return [...byKey.values()];
}
