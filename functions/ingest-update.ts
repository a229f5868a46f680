/**
 * Ingest: S3 notifications (via SQS on AWS, straight from S3 in `npm run
 * dev`) → reports and draft previews of the months they touch
 * (core/ingest/ingest-changes.ts). This file is the edge only: event
 * parsing, the real adapters, the logger. A failed SQS message is retried,
 * then dead-lettered (an alarm fires).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { ingestChanges, type IngestDeps } from '../core/ingest/ingest-changes.js';
import { compileTemplates } from '../core/render/templates.js';
import { contentChanges, s3RecordsOf } from './s3-event.js';

export type { IngestDeps } from '../core/ingest/ingest-changes.js';

/** The Lambda handler over lazily built deps: SQS batches (partial failures reported) or a plain S3 event. */
export function createHandler(deps: () => Promise<IngestDeps>) {
  let ready: Promise<IngestDeps> | undefined;
  return async (event: SQSEvent | S3Event, context?: Context): Promise<SQSBatchResponse | void> => {
    const d = await (ready ??= deps());
    const first = event.Records[0] as { eventSource?: string } | undefined;
    if (first?.eventSource !== 'aws:sqs') return ingestChanges(d, contentChanges((event as S3Event).Records));
    const record = (r: SQSRecord) => ingestChanges(d, contentChanges(s3RecordsOf(r.body)));
    // One message at a time: two re-derivations of the same month must not interleave their writes.
    return processPartialResponse(event as SQSEvent, record, new BatchProcessor(EventType.SQS), { ...(context ? { context } : {}), processInParallel: false });
  };
}

/** The real adapters: the content bucket named by CONTENT_BUCKET, templates bundled next to this file. */
async function awsDeps(): Promise<IngestDeps> {
  const bucket = process.env.CONTENT_BUCKET;
  if (!bucket) throw new Error('CONTENT_BUCKET is not set');
  const s3 = new S3Client({});
  const content = new S3ContentStore(s3, bucket);
  const templatesDir = join(dirname(fileURLToPath(import.meta.url)), 'templates');
  return {
    content, out: new S3ArchiveStore(s3, bucket), versionOf: (key) => content.versionOf(key),
    templates: compileTemplates(await readTemplateFiles(templatesDir)), assets: await readAssets(templatesDir), logger: new Logger(),
  };
}

export const handler = createHandler(awsDeps);
