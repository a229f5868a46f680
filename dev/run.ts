/**
 * `npm run dev`: the whole serverless pipeline on one machine, through the
 * real handlers on the real event shapes. Starts the four local servers,
 * creates the buckets, tables, queues and token secret, seeds `content/`
 * and its subscribers, then: every object put into the content bucket (by
 * any S3 client) triggers ingest with s3rver's notification; the send and
 * feedback queues are polled the way Lambda's event source mapping does.
 * Writes `.local/endpoints.json` and serves the archive like CloudFront.
 *
 * `npm run dev -- publish 2010-07` (another terminal, while it runs):
 * runs the publish handler against the running stack; the send queue then
 * drains through the send handler. Ctrl-C stops everything started here.
 * Nothing listens beyond 127.0.0.1.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { createHandler as ingestHandler } from '../functions/ingest-update.js';
import { createHandler as publishHandler } from '../functions/publish-issue.js';
import { createHandler as feedbackHandler } from '../functions/record-feedback.js';
import { createHandler as sendHandler } from '../functions/send-batch.js';
import { INGEST_PREFIXES } from '../infra/stateful-stack.js';
import { serveArchive } from './archive-server.js';
import { clients, createResources, handlerDeps, NAMES, type Endpoints } from './local-aws.js';
import { startServers } from './servers.js';
import { startSubscribersApi } from './subscribers-api.js';
import { pollQueue } from './sqs-poller.js';

const LOCAL = resolve('.local');
const ENDPOINTS = resolve(LOCAL, 'endpoints.json');
const SECRET = resolve(LOCAL, 'token-secret');
const RATE = 14;

async function publish(month: string | undefined): Promise<number> {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    console.error('usage: npm run dev -- publish YYYY-MM');
    return 2;
  }
  const saved = JSON.parse(await readFile(ENDPOINTS, 'utf8').catch(() => { throw new Error(`${ENDPOINTS} not found: start the stack first with npm run dev`); })) as Endpoints & { sendQueueUrl: string };
  const deps = await handlerDeps(clients(saved), saved, SECRET, RATE);
  const result = await publishHandler(async () => deps.publish)({ month });
  console.log(JSON.stringify(result, null, 2));
  if (result.status === 'refused') return 1;
  console.log(`The send queue drains through the send handler in the running stack; emails: ${saved.ses}/ (web view), ${saved.ses}/store`);
  return 0;
}

async function start(): Promise<void> {
  let ingest: ((e: S3Event) => Promise<unknown>) | undefined;
  let chain = Promise.resolve();
  // One ingest at a time, in arrival order: as on AWS, the handler re-derives the month from current objects anyway.
  const servers = await startServers((event) => {
    // As the bucket's notification configuration does on AWS: author prefixes only, so ingest's own writes trigger nothing.
    event = { Records: event.Records.filter((r) => r.s3.bucket.name === NAMES.contentBucket && INGEST_PREFIXES.some((p) => r.s3.object.key.startsWith(p))) };
    if (!event.Records.length) return;
    chain = chain.then(async () => {
      const started = Date.now();
      await ingest?.(event);
      const keys = event.Records.map((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')));
      if (ingest) console.log(`ingest: ${keys.join(', ')} → reports and preview written (${Date.now() - started} ms)`);
    }).catch((err: unknown) => console.error(`ingest failed: ${(err as Error).message}`));
  });
  const c = clients(servers.endpoints);
  const urls = await createResources(c, resolve('content'), SECRET);
  const deps = await handlerDeps(c, urls, SECRET, RATE);
  const archive = await serveArchive(deps.publish.archive);
  const api = await startSubscribersApi(c, SECRET);
  const endpoints = { ...servers.endpoints, ...NAMES, ...urls, archive: archive.url, api: api.url };
  await mkdir(LOCAL, { recursive: true });
  await writeFile(ENDPOINTS, `${JSON.stringify(endpoints, null, 2)}\n`);
  // Seeding triggered no ingest (the handler was not set yet): derive every seeded month once, as a first deploy would.
  const seeded = await deps.ingest.content.list('updates/');
  ingest = ingestHandler(async () => deps.ingest);
  const months = [...new Set(seeded.map((k) => k.split('/')[1]))];
  await ingest({ Records: months.map((m) => ({ eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'eu-west-2', eventTime: new Date().toISOString(), eventName: 'ObjectCreated:Put', s3: { s3SchemaVersion: '1.0', configurationId: 'dev', bucket: { name: NAMES.contentBucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${NAMES.contentBucket}` }, object: { key: `updates/${m}/seed`, size: 0, eTag: '', sequencer: '0' } }, userIdentity: { principalId: 'local' }, requestParameters: { sourceIPAddress: '127.0.0.1' }, responseElements: { 'x-amz-request-id': 'dev', 'x-amz-id-2': 'dev' } })) } as S3Event);
  const onError = (err: unknown) => console.error(`handler failed: ${(err as Error).message}`);
  const send = sendHandler(async () => deps.send);
  const pollers = [
    pollQueue(c.sqs, urls.sendQueueUrl, 2, async (e) => {
      const r = await send(e);
      console.log(`send: ${e.Records.length} batch(es), ${r.batchItemFailures.length} to retry`);
      return r;
    }, onError),
    pollQueue(c.sqs, urls.feedbackQueueUrl, 10, feedbackHandler(async () => deps.feedback), onError),
  ];
  console.log(`Local serverless stack running (Ctrl-C stops it). Endpoints: ${ENDPOINTS}
  content bucket  ${servers.endpoints.s3}/${NAMES.contentBucket}  (previews/YYYY-MM/, reports/YYYY-MM/)
  archive         ${archive.url}  (bucket ${NAMES.archiveBucket}, served like CloudFront)
  subscribers API ${api.url}  (POST /subscribe, /confirm, /unsubscribe, /preferences: the API Lambda's handler)
  sent emails     ${servers.endpoints.ses}/  (web view)  ·  ${servers.endpoints.ses}/store  (JSON)
  publish         npm run dev -- publish 2010-07
  put a file      AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --endpoint-url ${servers.endpoints.s3} s3 cp my.md s3://${NAMES.contentBucket}/updates/2010-07/my.md`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await Promise.all(pollers.map((p) => p.stop()));
    archive.server.close();
    await api.close();
    await servers.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const [command, arg] = process.argv.slice(2);
if (command === 'publish') process.exitCode = await publish(arg);
else if (command === undefined) await start();
else {
  console.error(`unknown command "${command}"; usage: npm run dev [-- publish YYYY-MM]`);
  process.exitCode = 2;
}
