/**
 * The start of `npm run dev` as a function tests and the bench can call:
 * the four local servers on random loopback ports, the resources, the
 * seeded content and subscribers, ingest on every S3 notification (one at
 * a time, in arrival order), the send and feedback pollers, the archive
 * served like CloudFront, the subscribers API, and the endpoints file. `stop()` stops all of it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { createHandler as ingestHandler } from '../functions/ingest-update.js';
import { createHandler as feedbackHandler } from '../functions/record-feedback.js';
import { createHandler as sendHandler } from '../functions/send-batch.js';
import { INGEST_PREFIXES } from '../infra/stateful-stack.js';
import { serveArchive } from './archive-server.js';
import { clients, createResources, handlerDeps, NAMES } from './local-aws.js';
import { startServers } from './servers.js';
import { startSubscribersApi } from './subscribers-api.js';
import { pollQueue } from './sqs-poller.js';

export interface DevStackOptions {
  contentDir: string;
  /** Where `endpoints.json` is written. */
  endpointsFile: string;
  secretFile: string;
  ratePerSecond: number;
  /** Called after each ingest of a notification, with its decoded keys and how long it took. */
  onIngest?: (keys: string[], ms: number) => void;
  onError?: (what: string, err: unknown) => void;
}

export type DevStack = Awaited<ReturnType<typeof startDevStack>>;

/** Starts the whole local serverless pipeline; nothing listens beyond 127.0.0.1. */
export async function startDevStack(options: DevStackOptions) {
  const onError = options.onError ?? ((what: string, err: unknown) => console.error(`${what} failed: ${(err as Error).message}`));
  let ingest: ((e: S3Event) => Promise<unknown>) | undefined;
  let chain = Promise.resolve();
  const servers = await startServers((event) => {
    // As the bucket's notification configuration does on AWS: author prefixes only, so ingest's own writes trigger nothing.
    event = { Records: event.Records.filter((r) => r.s3.bucket.name === NAMES.contentBucket && INGEST_PREFIXES.some((p) => r.s3.object.key.startsWith(p))) };
    if (!event.Records.length) return;
    chain = chain.then(async () => {
      const started = performance.now();
      await ingest?.(event);
      const keys = event.Records.map((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')));
      if (ingest) options.onIngest?.(keys, performance.now() - started);
    }).catch((err: unknown) => onError('ingest', err));
  });
  const c = clients(servers.endpoints);
  // The API first, so the seeded publication config can point its links at it.
  const api = await startSubscribersApi(c, options.secretFile);
  const urls = await createResources(c, options.contentDir, options.secretFile, api.url);
  const deps = await handlerDeps(c, urls, options.secretFile, options.ratePerSecond);
  const archive = await serveArchive(deps.publish.archive);
  const endpoints = { ...servers.endpoints, ...NAMES, ...urls, archive: archive.url, api: api.url };
  await mkdir(dirname(options.endpointsFile), { recursive: true });
  await writeFile(options.endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`);
  // Seeding triggered no ingest (the handler was not set yet): derive every seeded month once, as a first deploy would.
  const seeded = await deps.ingest.content.list('updates/');
  ingest = ingestHandler(async () => deps.ingest);
  const months = [...new Set(seeded.map((k) => k.split('/')[1]))];
  await ingest({ Records: months.map((m) => ({ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'eu-west-2', eventTime: new Date().toISOString(), eventName: 'ObjectCreated:Put', s3: { s3SchemaVersion: '1.0', configurationId: 'dev', bucket: { name: NAMES.contentBucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${NAMES.contentBucket}` }, object: { key: `updates/${m}/seed`, size: 0, eTag: '', sequencer: '0' } }, userIdentity: { principalId: 'local' }, requestParameters: { sourceIPAddress: '127.0.0.1' }, responseElements: { 'x-amz-request-id': 'dev', 'x-amz-id-2': 'dev' } })) } as S3Event);
  const send = sendHandler(async () => deps.send);
  const pollers = [
    pollQueue(c.sqs, urls.sendQueueUrl, 2, async (e) => {
      const r = await send(e);
      console.log(`send: ${e.Records.length} batch(es), ${r.batchItemFailures.length} to retry`);
      return r;
    }, (err) => onError('send', err)),
    pollQueue(c.sqs, urls.feedbackQueueUrl, 10, feedbackHandler(async () => deps.feedback), (err) => onError('feedback', err)),
  ];
  return {
    endpoints, clients: c, deps,
    /** Resolves once every notification received so far has been ingested. */
    idle: () => chain,
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
      await new Promise((r) => archive.server.close(r));
      await api.close();
      await servers.stop();
    },
  };
}
