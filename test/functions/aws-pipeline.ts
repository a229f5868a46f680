/**
 * One pipeline on the local servers for handler tests: the seed content in
 * a content bucket, an empty archive bucket, the subscribers and send
 * tables (keys as in the stateful stack), a send queue, and the publish
 * and send deps over the real adapters. Addresses are unique per pipeline
 * (the SES store is shared by the whole run).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateQueueCommand, ReceiveMessageCommand, DeleteMessageBatchCommand } from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent } from 'aws-lambda';
import { DynamoSendLedger } from '../../adapters/dynamo-send-ledger.js';
import { DynamoSendPlanStore } from '../../adapters/dynamo-send-plans.js';
import { DynamoSubscriberStore, subscriberKey } from '../../adapters/dynamo-subscribers.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { S3ArchiveStore } from '../../adapters/s3-archive-store.js';
import { S3ContentStore } from '../../adapters/s3-content-store.js';
import { SesMailer } from '../../adapters/ses-mailer.js';
import { SqsQueue } from '../../adapters/sqs-queue.js';
import { systemSleep } from '../../adapters/system-clock.js';
import type { Clock } from '../../core/ports.js';
import { compileTemplates } from '../../core/render/templates.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig } from '../../core/content/load-content.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import type { PublishDeps } from '../../functions/publish-issue.js';
import type { SendDeps } from '../../functions/send-batch.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { freshBucket, localS3, localSes, localSqs, uniqueName } from '../support/aws-clients.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const templates = (async () => ({ templates: compileTemplates(await readTemplateFiles()), assets: await readAssets() }))();
export const SECRET = 'local-test-secret-local-test-secret-0123456789';
export const silent = () => new Logger({ logLevel: 'SILENT' });

export interface Pipeline {
  /** The subscribers table's key of an address (its opaque subscriber id for the content's list). */
  key: (email: string) => { pk: string; sk: string };
  s3: ReturnType<typeof localS3>;
  contentBucket: string;
  archiveBucket: string;
  subscribersTable: string;
  sendTable: string;
  queueUrl: string;
  /** The seed's subscribers with this pipeline's unique addresses. */
  active: string[];
  inactive: string[];
  /** Wall clock plus `offset` ms: tests move it past the claim timeout. */
  clock: Clock & { offset: number };
  publishDeps: PublishDeps;
  sendDeps: (overrides?: Partial<SendDeps>) => SendDeps;
  subscribers: DynamoSubscriberStore;
  ledger: DynamoSendLedger;
}

/** The list id of the sample content's publication (subscriber ids depend on it). */
export async function contentListId(): Promise<string> {
  const { config } = await loadConfig(new FsContentStore(CONTENT));
  return envelopeFromPublication(config!.publication).listId;
}

export async function pipeline(): Promise<Pipeline> {
  const s3 = localS3();
  const docs = documentClient();
  const [contentBucket, archiveBucket, subscribersTable, sendTable] = await Promise.all([
    freshBucket(s3, 'content'), freshBucket(s3, 'archive'), freshTable('subscribers'), freshTable('send'),
  ]);
  const { QueueUrl } = await localSqs().send(new CreateQueueCommand({ QueueName: uniqueName('send') }));
  for (const dir of ['config', 'updates/2010-07', 'issues/2010-07']) {
    for (const name of await readdir(join(CONTENT, dir))) {
      await s3.send(new PutObjectCommand({ Bucket: contentBucket, Key: `${dir}/${name}`, Body: await readFile(join(CONTENT, dir, name)) }));
    }
  }
  const signer = new TokenSigner({ secret: SECRET, listId: await contentListId() });
  const key = (email: string) => subscriberKey(signer.subscriberId(email));
  const tag = uniqueName('t');
  const seed = JSON.parse(await readFile(join(CONTENT, 'subscribers.json'), 'utf8')) as { email: string; status: string }[];
  const unique = (email: string) => email.replace('@', `.${tag}@`);
  for (const s of seed) await docs.send(new PutCommand({ TableName: subscribersTable, Item: { ...key(unique(s.email)), ...s, email: unique(s.email) } }));
  const clock = { offset: 0, now: () => new Date(Date.now() + clock.offset) };
  const subscribers = new DynamoSubscriberStore(docs, subscribersTable, (e) => signer.subscriberId(e));
  const ledger = new DynamoSendLedger(docs, sendTable);
  const archive = new S3ArchiveStore(s3, archiveBucket);
  const tokens = async (listId: string) => new TokenSigner({ secret: SECRET, listId });
  const publishDeps: PublishDeps = {
    content: new S3ContentStore(s3, contentBucket), archive, ...(await templates), clock,
    subscribers, plans: new DynamoSendPlanStore(docs, sendTable), tokens, doneKeys: (id) => ledger.doneKeys(id),
    queue: new SqsQueue(localSqs(), QueueUrl!), logger: silent(),
  };
  const sendDeps = (overrides: Partial<SendDeps> = {}): SendDeps => ({
    archive, blockedAmong: (emails) => subscribers.blockedAmong(emails), tokens, ledger,
    mailer: new SesMailer(localSes(), { configurationSetName: 'bulletin' }),
    limiter: new RateLimiter({ ratePerSecond: 500, clock, sleep: systemSleep }),
    clock, sleep: async () => {}, logger: process.env.DEBUG_SEND ? new Logger() : silent(), ...overrides,
  });
  return {
    key, s3, contentBucket, archiveBucket, subscribersTable, sendTable, queueUrl: QueueUrl!, clock, publishDeps, sendDeps, subscribers, ledger,
    active: seed.filter((s) => s.status === 'active').map((s) => unique(s.email)),
    inactive: seed.filter((s) => s.status !== 'active').map((s) => unique(s.email)),
  };
}

/** Everything on the queue, as Lambda's event source would deliver it (≤ 10 records per event), deleted once received. */
export async function receiveAll(queueUrl: string): Promise<SQSEvent[]> {
  const sqs = localSqs();
  const events: SQSEvent[] = [];
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }));
    if (!res.Messages?.length) return events;
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: res.Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
    events.push({
      Records: res.Messages.map((m) => ({
        messageId: m.MessageId!, receiptHandle: m.ReceiptHandle!, body: m.Body!, md5OfBody: m.MD5OfBody ?? '',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0', ...(m.Attributes ?? {}) },
        messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:eu-west-2:000000000000:${queueUrl.split('/').pop()}`, awsRegion: 'eu-west-2',
      })),
    });
  }
}
