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
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoNoticeLedger } from '../adapters/dynamo-notice-ledger.js';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { systemClock } from '../adapters/system-clock.js';
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

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The real adapters: the content bucket (CONTENT_BUCKET), notices through SES (CONFIGURATION_SET) and the send table (SEND_TABLE). */
async function awsDeps(): Promise<IngestDeps> {
  const bucket = env('CONTENT_BUCKET');
  const docs = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const notices = { mailer: new SesMailer(new SESv2Client({}), { configurationSetName: env('CONFIGURATION_SET') }), ledger: new DynamoNoticeLedger(docs, env('SEND_TABLE')), clock: systemClock };
  const s3 = new S3Client({});
  const content = new S3ContentStore(s3, bucket);
  const templatesDir = join(dirname(fileURLToPath(import.meta.url)), 'templates');
  return {
    content, out: new S3ArchiveStore(s3, bucket), versionOf: (key) => content.versionOf(key),
    templates: compileTemplates(await readTemplateFiles(templatesDir)), assets: await readAssets(templatesDir), logger: new Logger(), notices, clock: systemClock,
  };
}

export const handler = createHandler(awsDeps);
