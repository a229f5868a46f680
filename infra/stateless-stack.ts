import { Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { BulletinAlarms } from './alarms.js';
import { ArchiveCdn } from './archive-cdn.js';
import { bulletinFunction } from './bulletin-function.js';
import type { StageConfig } from './config.js';
import { queueWithDlq, type QueueWithDlq } from './queue-with-dlq.js';
import type { StatefulStack } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  stateful: StatefulStack;
}

/**
 * Code and plumbing, safe to destroy and redeploy: the ingest function,
 * the send and feedback queues, CloudFront over the archive and the
 * alarms. Publish, send and feedback functions join once their handlers
 * land (the send queue, feedback queue and `publishSchedule` are ready).
 */
export class StatelessStack extends Stack {
  readonly ingest: NodejsFunction;
  readonly sendQueue: QueueWithDlq;
  readonly feedbackQueue: QueueWithDlq;
  readonly cdn: ArchiveCdn;
  readonly alarms: BulletinAlarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;

    this.ingest = bulletinFunction(this, 'IngestUpdate', {
      entry: 'ingest-update.ts', config, memorySize: 1024, withTemplates: true,
      timeout: Duration.seconds(config.ingestTimeoutSeconds),
      environment: { CONTENT_BUCKET: stateful.contentBucket.bucketName },
    });
    grantIngest(this.ingest, stateful.contentBucketArnExport);
    this.ingest.addEventSource(new SqsEventSource(stateful.ingestQueue.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }));

    this.sendQueue = queueWithDlq(this, 'SendQueue', { consumerTimeout: Duration.seconds(config.sendTimeoutSeconds) });
    this.feedbackQueue = queueWithDlq(this, 'FeedbackQueue', { consumerTimeout: Duration.seconds(30) });
    stateful.sesEventsTopic.addSubscription(new SqsSubscription(this.feedbackQueue.queue, { deadLetterQueue: this.feedbackQueue.dlq }));

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
    this.alarms.deadLetters('Ingest', stateful.ingestQueue.dlq);
    this.alarms.deadLetters('Send', this.sendQueue.dlq);
    this.alarms.deadLetters('Feedback', this.feedbackQueue.dlq);
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
