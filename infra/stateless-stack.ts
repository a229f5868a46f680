import { Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { BulletinAlarms } from './alarms.js';
import { ArchiveCdn } from './archive-cdn.js';
import { bulletinFunction } from './bulletin-function.js';
import { sendConcurrency, type StageConfig } from './config.js';
import { grantIngestNotices } from './ingest-grants.js';
import { grantItems, grantPrefixes, grantSesSend, grantTokenSecret } from './function-grants.js';
import { publishSchedule } from './publish-schedule.js';
import { queueWithDlq, type QueueWithDlq } from './queue-with-dlq.js';
import { remindSchedule } from './remind-schedule.js';
import { SubscribersApi } from './subscribers-api.js';
import type { StatefulStack } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  stateful: StatefulStack;
}

/** The archive bucket's top-level folders publish reads and writes (test/functions/publish-issue.test.ts checks it writes nowhere else). */
export const PUBLISH_ARCHIVE_PREFIXES = ['records', 'site', 'sends', 'cache'] as const;

/** Messages per SQS event for the send function: enough work for half its timeout at its share of the SES rate, 1–10. */
export function sendBatchSize(config: StageConfig): number {
  const perMessage = 50 / sendConcurrency(config).ratePerWorker;
  return Math.max(1, Math.min(10, Math.floor(config.sendTimeoutSeconds / 2 / perMessage)));
}

/**
 * Code and plumbing, safe to destroy and redeploy: the four functions
 * (ingest, publish, send, feedback) and their triggers — the content
 * bucket's queue, the monthly schedule, the send queue, the SES events
 * queue — CloudFront over the archive, and the alarms.
 */
export class StatelessStack extends Stack {
  readonly ingest: NodejsFunction;
  readonly publish: NodejsFunction;
  readonly send: NodejsFunction;
  readonly feedback: NodejsFunction;
  readonly subscribersApi: SubscribersApi;
  readonly sendQueue: QueueWithDlq;
  readonly feedbackQueue: QueueWithDlq;
  readonly cdn: ArchiveCdn;
  readonly alarms: BulletinAlarms;
  readonly remind: NodejsFunction;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;

    this.ingest = bulletinFunction(this, 'IngestUpdate', {
      entry: 'ingest-update.ts', config, memorySize: 1024, withTemplates: true,
      timeout: Duration.seconds(config.ingestTimeoutSeconds),
      environment: { CONTENT_BUCKET: stateful.contentBucket.bucketName },
    });
    grantIngest(this.ingest, stateful.contentBucketArnExport);
    grantIngestNotices(this.ingest, { sendTable: stateful.sendTable, emailIdentityArn: stateful.emailIdentity.emailIdentityArn, configurationSetName: stateful.configurationSet.configurationSetName });
    this.ingest.addEventSource(new SqsEventSource(stateful.ingestQueue.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }));

    this.sendQueue = queueWithDlq(this, 'SendQueue', { consumerTimeout: Duration.seconds(config.sendTimeoutSeconds) });
    this.feedbackQueue = queueWithDlq(this, 'FeedbackQueue', { consumerTimeout: Duration.seconds(30) });
    stateful.sesEventsTopic.addSubscription(new SqsSubscription(this.feedbackQueue.queue, { deadLetterQueue: this.feedbackQueue.dlq }));
    const tables = { SUBSCRIBERS_TABLE: stateful.subscribersTable.tableName, SEND_TABLE: stateful.sendTable.tableName };

    this.publish = bulletinFunction(this, 'PublishIssue', {
      entry: 'publish-issue.ts', config, memorySize: 1536, withTemplates: true, timeout: Duration.minutes(5),
      environment: {
        ...tables, CONTENT_BUCKET: stateful.contentBucket.bucketName, ARCHIVE_BUCKET: stateful.archiveBucket.bucketName,
        SEND_QUEUE_URL: this.sendQueue.queue.queueUrl, SIGNING_SECRET_NAME: stateful.tokenSecretName,
      },
    });
    grantPrefixes(this.publish, stateful.contentBucketArnExport, { read: ['config', 'updates', 'issues'], why: 'Publish reads the month\'s author files, whose names authors choose' });
    grantPrefixes(this.publish, stateful.archiveBucketArnExport, { read: [...PUBLISH_ARCHIVE_PREFIXES], write: [...PUBLISH_ARCHIVE_PREFIXES], why: 'Publish writes the site\'s pages, the records, the stored email and the build\'s reuse records (cache/), named by month and page' });
    grantItems(this.publish, stateful.subscribersTable, ['Scan']);
    grantItems(this.publish, stateful.sendTable, ['GetItem', 'PutItem', 'Query', 'BatchWriteItem']);
    grantTokenSecret(this.publish, stateful.tokenSecret, stateful.tokenSecretName);
    this.sendQueue.queue.grantSendMessages(this.publish);
    const scheduleDlq = new Queue(this, 'PublishScheduleDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(scheduleDlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'The publish schedule\'s dead-letter queue; an alarm fires when it is not empty.' });
    publishSchedule(this, 'PublishSchedule', this.publish, config, scheduleDlq);

    const { workers, ratePerWorker } = sendConcurrency(config);
    this.send = bulletinFunction(this, 'SendBatch', {
      entry: 'send-batch.ts', config, timeout: Duration.seconds(config.sendTimeoutSeconds),
      environment: {
        ...tables, ARCHIVE_BUCKET: stateful.archiveBucket.bucketName, SIGNING_SECRET_NAME: stateful.tokenSecretName,
        CONFIGURATION_SET: stateful.configurationSet.configurationSetName, SEND_RATE_PER_WORKER: String(ratePerWorker),
      },
    });
    grantPrefixes(this.send, stateful.archiveBucketArnExport, { read: ['sends'], why: 'Send reads the stored email of the issue it sends, named by issue' });
    grantItems(this.send, stateful.subscribersTable, ['BatchGetItem']);
    grantItems(this.send, stateful.sendTable, ['GetItem', 'PutItem', 'UpdateItem']);
    grantTokenSecret(this.send, stateful.tokenSecret, stateful.tokenSecretName);
    grantSesSend(this.send, stateful.emailIdentity.emailIdentityArn, stateful.configurationSet.configurationSetName);
    this.send.addEventSource(new SqsEventSource(this.sendQueue.queue, { batchSize: sendBatchSize(config), reportBatchItemFailures: true, maxConcurrency: workers }));

    this.feedback = bulletinFunction(this, 'RecordFeedback', {
      entry: 'record-feedback.ts', config, timeout: Duration.seconds(30),
      environment: { SUBSCRIBERS_TABLE: stateful.subscribersTable.tableName, CONTENT_BUCKET: stateful.contentBucket.bucketName, SIGNING_SECRET_NAME: stateful.tokenSecretName },
    });
    grantItems(this.feedback, stateful.subscribersTable, ['UpdateItem']);
    // The table is keyed by the list's subscriber ids: feedback needs the list id (publication config) and the id secret.
    grantPrefixes(this.feedback, stateful.contentBucketArnExport, { read: ['config'], why: 'Feedback reads the publication config (the list id subscriber ids use)' });
    grantTokenSecret(this.feedback, stateful.tokenSecret, stateful.tokenSecretName);
    this.subscribersApi = new SubscribersApi(this, 'Subscribers', { config, stateful });
    this.feedback.addEventSource(new SqsEventSource(this.feedbackQueue.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }));

    this.cdn = new ArchiveCdn(this, 'ArchiveCdn', {
      config,
      archiveBucket: Bucket.fromBucketAttributes(this, 'Archive', {
        bucketName: stateful.archiveBucket.bucketName, bucketRegionalDomainName: stateful.archiveBucket.bucketRegionalDomainName,
      }),
      logBucket: Bucket.fromBucketAttributes(this, 'CdnLogs', {
        bucketName: stateful.cdnLogsBucket.bucketName, bucketRegionalDomainName: stateful.cdnLogsBucket.bucketRegionalDomainName,
      }),
    });

    this.alarms = new BulletinAlarms(this, 'Alarms', { email: config.alarmEmail });
    this.alarms.functionErrors('IngestUpdate', this.ingest);
    this.alarms.functionErrors('PublishIssue', this.publish);
    this.alarms.functionErrors('SendBatch', this.send);
    this.alarms.functionErrors('RecordFeedback', this.feedback);
    this.alarms.functionErrors('SubscribersApi', this.subscribersApi.fn);
    this.alarms.functionErrors('SubscribersAdmin', this.subscribersApi.admin);
    // A refused publish succeeds (retrying cannot help), so it has its own alarm from the log.
    this.alarms.logMatches('PublishRefused', this.publish.logGroup, FilterPattern.stringValue('$.message', '=', 'publish refused'), 'Publish refused: the month was not published; the log names the files to fix');
    this.alarms.deadLetters('PublishSchedule', scheduleDlq);
    this.alarms.deadLetters('Ingest', stateful.ingestQueue.dlq);
    this.alarms.deadLetters('Send', this.sendQueue.dlq);
    this.alarms.deadLetters('Feedback', this.feedbackQueue.dlq);
    this.remind = remindSchedule(this, { config, stateful, alarms: this.alarms });
  }
}

/**
 * Ingest reads the author folders and its own outputs and writes only
 * `reports/` and `previews/` — prefixes that trigger no event, so it can
 * never trigger itself. The bucket comes by its named export, which is
 * also how cdk-nag names it in the acknowledgements below.
 */
function grantIngest(fn: NodejsFunction, bucketArnExport: string): void {
  const bucketArn = Fn.importValue(bucketArnExport);
  const read = ['config', 'updates', 'issues', 'reports', 'previews'];
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [bucketArn], conditions: { StringLike: { 's3:prefix': read.map((p) => `${p}/*`) } } }));
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: read.map((p) => `${bucketArn}/${p}/*`) }));
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject'], resources: ['reports', 'previews'].map((p) => `${bucketArn}/${p}/*`) }));
  Validations.of(fn.role!.node.findChild('DefaultPolicy')).acknowledge(...read.map((p) => ({
    id: `AwsSolutions-IAM5[Resource::${bucketArnExport}/${p}/*]`,
    reason: `Authors choose the object names, so ingest's grant is every object under ${p}/ of the content bucket: one prefix, never the bucket or "*".`,
  })));
}
