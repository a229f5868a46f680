/**
 * Ingest: S3 notifications (via SQS on AWS, straight from S3 in `npm run
 * dev`) → reports and draft previews of the months they touch. Never
 * trusts the events' order or count: each affected month is re-derived
 * from the bucket's current objects (functions/ingest-month.ts). A config
 * change re-derives every month. A failed SQS message is retried, then
 * dead-lettered (an alarm fires).
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
import { listMonths, loadConfig } from '../core/content/load-content.js';
import { compileTemplates } from '../core/render/templates.js';
import { ingestMonth, writeReport, type IngestStores } from './ingest-month.js';
import { contentChanges, s3RecordsOf, type ContentChange } from './s3-event.js';

export interface IngestDeps extends IngestStores {
  logger: Logger;
}

const MONTH_KEY = /^(?:updates|issues)\/(\d{4}-(?:0[1-9]|1[0-2]))\//;

/** Handles one set of changes; throws (to be retried) on any unexpected failure. */
export async function ingestChanges(deps: IngestDeps, changes: readonly ContentChange[]): Promise<void> {
  if (!changes.length) return;
  const { config, problems } = await loadConfig(deps.content);
  const configKeys = changes.filter((c) => c.key.startsWith('config/')).map((c) => c.key);
  const configFiles = [...new Set([...configKeys, ...(await deps.content.list('config/'))])].filter((k) => /^config\/[^/]+$/.test(k));
  if (!config || configKeys.length) {
    const present = new Set(await deps.content.list('config/'));
    for (const key of configFiles) await writeReport(deps, key, problems.filter((p) => p.path === key), present.has(key));
  }
  if (!config) {
    deps.logger.warn('config invalid: months not re-derived', { problems: problems.length });
    return;
  }
  const months = new Set(changes.map((c) => MONTH_KEY.exec(c.key)?.[1]).filter((m): m is string => m !== undefined));
  if (configKeys.length) for (const m of await listMonths(deps.content)) months.add(m);
  for (const month of [...months].sort()) {
    await ingestMonth(deps, config, month, changes.filter((c) => c.removed && MONTH_KEY.exec(c.key)?.[1] === month).map((c) => c.key));
    deps.logger.info('month re-derived', { month });
  }
}

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
