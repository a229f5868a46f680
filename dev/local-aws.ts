/**
 * The dev stack's resources on the local servers — named as in
 * `.local/endpoints.json` — and the real handlers' deps over them: the
 * same adapters the Lambdas use, pointed at loopback endpoints.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoNoticeLedger } from '../adapters/dynamo-notice-ledger.js';
import { DynamoSendLedger } from '../adapters/dynamo-send-ledger.js';
import { DynamoSendPlanStore } from '../adapters/dynamo-send-plans.js';
import { DynamoSubscriberStore, subscriberKey } from '../adapters/dynamo-subscribers.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { loadTokenSecret } from '../adapters/local-secret.js';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { parseDocument } from 'yaml';
import { DynamoReminderLedger } from '../adapters/dynamo-reminder-ledger.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { systemClock, systemSleep } from '../adapters/system-clock.js';
import { loadConfig } from '../core/content/load-content.js';
import { formatProblem } from '../core/content/problem.js';
import { compileTemplates } from '../core/render/templates.js';
import { envelopeFromPublication } from '../core/send/envelope.js';
import { RateLimiter } from '../core/send/rate-limiter.js';
import { TokenSigner } from '../core/send/tokens.js';
import type { FeedbackDeps } from '../functions/record-feedback.js';
import type { IngestDeps } from '../functions/ingest-update.js';
import type { PublishDeps } from '../functions/publish-issue.js';
import type { RemindDeps } from '../functions/remind-owners.js';
import type { SendDeps } from '../functions/send-batch.js';

export interface Endpoints { region: string; s3: string; ses: string; dynamodb: string; sqs: string }
export interface DevNames { contentBucket: string; archiveBucket: string; subscribersTable: string; sendTable: string; sendQueue: string; feedbackQueue: string }
export const NAMES: DevNames = { contentBucket: 'content', archiveBucket: 'archive', subscribersTable: 'subscribers', sendTable: 'send', sendQueue: 'send', feedbackQueue: 'feedback' };
/** Seconds a received message stays hidden: short, so a failed batch comes back quickly (AWS: 6 × the timeout). */
export const DEV_VISIBILITY_SECONDS = 10;

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export function clients(e: Endpoints) {
  return {
    s3: new S3Client({ endpoint: e.s3, region: e.region, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    ses: new SESv2Client({ endpoint: e.ses, region: e.region, credentials }),
    dynamo: new DynamoDBClient({ endpoint: e.dynamodb, region: e.region, credentials }),
    sqs: new SQSClient({ endpoint: e.sqs, region: e.region, credentials }),
  };
}
export type Clients = ReturnType<typeof clients>;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.startsWith('.')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/**
 * Buckets, tables and queues (each with a DLQ after 5 receives), `content/`
 * uploaded, its subscribers seeded — keyed by their subscriber ids, so the
 * seeding needs the token secret (`secretFile`). Returns the queue URLs.
 */
/**
 * The deployer's step after `cdk deploy` (README, "Deploying to AWS"),
 * done for the dev stack: the publication's subscribe form and unsubscribe
 * links point at the subscribers API (`apiUrl`), comments and all else kept.
 */
export function pointPublicationAt(yamlText: string, apiUrl: string): string {
  const doc = parseDocument(yamlText);
  doc.set('subscribeUrl', `${apiUrl}/subscribe`);
  doc.set('unsubscribeBaseUrl', apiUrl);
  return doc.toString();
}

export async function createResources(c: Clients, contentDir: string, secretFile: string, apiUrl?: string): Promise<{ sendQueueUrl: string; feedbackQueueUrl: string }> {
  for (const bucket of [NAMES.contentBucket, NAMES.archiveBucket]) {
    // s3rver keeps no versions (and reads PutBucketVersioning as a second create): reports say `versionId: null` here.
    await c.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: { name?: string }) => {
      if (err.name !== 'BucketAlreadyExists' && err.name !== 'BucketAlreadyOwnedByYou') throw err;
    });
  }
  for (const table of [NAMES.subscribersTable, NAMES.sendTable]) {
    await c.dynamo.send(new CreateTableCommand({
      TableName: table, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }));
    while ((await c.dynamo.send(new DescribeTableCommand({ TableName: table }))).Table?.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 5));
  }
  const queue = async (name: string) => {
    const dlq = (await c.sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl!;
    const dlqArn = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    return (await c.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: {
      VisibilityTimeout: String(DEV_VISIBILITY_SECONDS), RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 5 }),
    } }))).QueueUrl!;
  };
  const urls = { sendQueueUrl: await queue(NAMES.sendQueue), feedbackQueueUrl: await queue(NAMES.feedbackQueue) };
  for (const file of await files(contentDir)) {
    const key = relative(contentDir, file).split(sep).join('/');
    if (key === 'subscribers.json') continue;
    const body = key === 'config/publication.yaml' && apiUrl ? pointPublicationAt(await readFile(file, 'utf8'), apiUrl) : await readFile(file);
    await c.s3.send(new PutObjectCommand({ Bucket: NAMES.contentBucket, Key: key, Body: body }));
  }
  const docs = DynamoDBDocumentClient.from(c.dynamo);
  const seed = JSON.parse(await readFile(join(contentDir, 'subscribers.json'), 'utf8')) as Record<string, unknown>[];
  const tokens = await devTokens(secretFile, new S3ContentStore(c.s3, NAMES.contentBucket));
  for (const s of seed) await docs.send(new PutCommand({ TableName: NAMES.subscribersTable, Item: { ...subscriberKey(tokens.subscriberId(String(s.email))), ...s } }));
  return urls;
}

/** The deps of every handler over the local resources; the token secret lives in `.local/`. */
export async function handlerDeps(c: Clients, urls: { sendQueueUrl: string }, secretFile: string, ratePerSecond: number) {
  const docs = DynamoDBDocumentClient.from(c.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const content = new S3ContentStore(c.s3, NAMES.contentBucket);
  const archive = new S3ArchiveStore(c.s3, NAMES.archiveBucket);
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  const listTokens = await devTokens(secretFile, content);
  const subscribers = new DynamoSubscriberStore(docs, NAMES.subscribersTable, (e) => listTokens.subscriberId(e));
  const ledger = new DynamoSendLedger(docs, NAMES.sendTable);
  // Opaque tokens, as on AWS (functions/aws-env.ts): a link names the subscriber's keyed id, never the address.
  const tokens = async (listId: string) => new TokenSigner({ secret: (await loadTokenSecret({ file: secretFile })).secret, listId, subjects: 'opaque' });
  const logger = new Logger({ serviceName: 'bulletin-dev', logLevel: 'WARN' });
  const mailer = new SesMailer(c.ses, { configurationSetName: 'bulletin-dev' });
  const notices = { mailer, ledger: new DynamoNoticeLedger(docs, NAMES.sendTable), clock: systemClock };
  const ingest: IngestDeps = { content, out: new S3ContentStoreWriter(c.s3), versionOf: (k) => content.versionOf(k), templates, assets, logger, notices, clock: systemClock };
  const publish: PublishDeps = {
    content, archive, templates, assets, clock: systemClock, subscribers, plans: new DynamoSendPlanStore(docs, NAMES.sendTable),
    tokens, doneKeys: (id) => ledger.doneKeys(id), queue: new SqsQueue(c.sqs, urls.sendQueueUrl), logger,
  };
  const send: SendDeps = {
    archive, blockedAmong: (e, t) => new DynamoSubscriberStore(docs, NAMES.subscribersTable, (a) => t.subscriberId(a)).blockedAmong(e), tokens, ledger,
    mailer,
    limiter: new RateLimiter({ ratePerSecond, clock: systemClock, sleep: systemSleep }), clock: systemClock, sleep: systemSleep, logger,
  };
  const feedback: FeedbackDeps = { suppressions: subscribers, clock: systemClock, logger };
  const remind: RemindDeps = { content, mailer, ledger: new DynamoReminderLedger(docs, NAMES.sendTable), clock: systemClock, templates: await readTemplateFiles(), logger };
  return { ingest, publish, send, feedback, remind };
}

/** The token signer of the content's list, with the secret in `.local/` (created on first use). */
export async function devTokens(secretFile: string, content: S3ContentStore): Promise<TokenSigner> {
  const { config, problems } = await loadConfig(content);
  if (!config) throw new Error(`the publication config cannot be read: ${problems.map(formatProblem).join('; ')}`);
  return new TokenSigner({ secret: (await loadTokenSecret({ file: secretFile })).secret, listId: envelopeFromPublication(config.publication).listId, subjects: 'opaque' });
}

/** Ingest writes `reports/` and `previews/` into the content bucket itself, as on AWS. */
class S3ContentStoreWriter extends S3ArchiveStore {
  constructor(s3: S3Client) {
    super(s3, NAMES.contentBucket);
  }
}
