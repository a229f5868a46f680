import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { mailDomain, type StageConfig } from './config.js';
import { queueWithDlq, type QueueWithDlq } from './queue-with-dlq.js';

/** Author-facing prefixes whose changes trigger ingest; the pipeline's own `reports/` and `previews/` never do (no loops). */
export const INGEST_PREFIXES = ['updates/', 'issues/', 'config/'] as const;

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What must outlive any deployment of code, all retained on delete: the
 * content bucket (authors' files) and its ingest queue, the archive bucket
 * (the published site), the subscriber and send tables, the token secret,
 * and the SES identity with its configuration set and event topic. Things
 * a bucket or SES must name as a destination live here too, so the
 * stateless stack only ever depends on this one (never the reverse).
 */
export class StatefulStack extends Stack {
  readonly contentBucket: Bucket;
  /** Export name of the content bucket's ARN: a fixed name lets the consumer's cdk-nag acknowledgements name it. */
  readonly contentBucketArnExport: string;
  readonly archiveBucket: Bucket;
  /** Export name of the archive bucket's ARN (fixed, like the content bucket's). */
  readonly archiveBucketArnExport: string;
  readonly cdnLogsBucket: Bucket;
  readonly ingestQueue: QueueWithDlq;
  readonly subscribersTable: Table;
  readonly sendTable: Table;
  readonly tokenSecret: Secret;
  /** The secret's fixed name (what the functions' SIGNING_SECRET_NAME holds). */
  readonly tokenSecretName: string;
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly sesEventsTopic: Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const common = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const logs = new Bucket(this, 'AccessLogs', { ...common, versioned: false, lifecycleRules: [{ expiration: Duration.days(365) }] });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging it into itself would loop.' });
    this.contentBucket = new Bucket(this, 'ContentBucket', { ...common, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'content/' });
    this.contentBucketArnExport = `${this.stackName}-ContentBucketArn`;
    this.exportValue(this.contentBucket.bucketArn, { name: this.contentBucketArnExport });
    this.archiveBucket = new Bucket(this, 'ArchiveBucket', { ...common, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'archive/' });
    this.archiveBucketArnExport = `${this.stackName}-ArchiveBucketArn`;
    this.exportValue(this.archiveBucket.bucketArn, { name: this.archiveBucketArnExport });
    // CloudFront (stateless stack) reads only `site/`. The condition names this account's distributions rather than
    // the one distribution: naming it would make this retained stack depend on the stateless one.
    this.archiveBucket.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudFrontReadsSite',
      principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
      actions: ['s3:GetObject'],
      resources: [this.archiveBucket.arnForObjects('site/*')],
      conditions: { StringLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` } },
    }));
    // CloudFront standard logs are delivered with ACLs, so this bucket alone allows object-writer ACLs.
    this.cdnLogsBucket = new Bucket(this, 'CdnLogs', {
      ...common, versioned: false, objectOwnership: ObjectOwnership.OBJECT_WRITER,
      serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'cdn-logs/', lifecycleRules: [{ expiration: Duration.days(365) }],
    });

    // S3 → SQS keeps S3's own notification records (URL-encoded keys, s3:TestEvent) and adds retries and a DLQ.
    this.ingestQueue = queueWithDlq(this, 'IngestQueue', { consumerTimeout: Duration.seconds(config.ingestTimeoutSeconds) });
    for (const prefix of INGEST_PREFIXES) {
      for (const event of [EventType.OBJECT_CREATED, EventType.OBJECT_REMOVED]) {
        this.contentBucket.addEventNotification(event, new SqsDestination(this.ingestQueue.queue), { prefix });
      }
    }

    const notifier = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifier) {
      Validations.of(notifier).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK\'s own deploy-time handler that writes the bucket notification configuration; it only needs to log.',
      });
    }

    const tableDefaults = {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    // Pending sign-ups and rate-limit windows carry `expiresAt` (epoch seconds) and vanish on their own.
    this.subscribersTable = new Table(this, 'SubscribersTable', { ...tableDefaults, timeToLiveAttribute: 'expiresAt' });
    // The send plan and ledger are the proof of who was sent what: no TTL, nothing expires.
    this.sendTable = new Table(this, 'SendTable', tableDefaults);

    this.tokenSecret = new Secret(this, 'TokenSigningSecret', {
      // A fixed name: the functions read it through SSM's `/aws/reference/secretsmanager/<name>`, granted by that exact name.
      secretName: (this.tokenSecretName = `${this.stackName}/token-signing`),
      description: 'HMAC key for unsubscribe/confirm tokens (read at cold start, never put in an environment variable)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.tokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the signing key must keep the previous key valid for links already mailed; rotation is a documented manual step (current + previous key), not a Lambda that would invalidate every unsubscribe link.',
    });

    this.emailIdentity = new EmailIdentity(this, 'EmailIdentity', { identity: Identity.domain(mailDomain(config)) });
    const eventsKey = new Key(this, 'SesEventsKey', { enableKeyRotation: true, description: 'Encrypts SES bounce/complaint events (they hold addresses)', removalPolicy: RemovalPolicy.RETAIN });
    eventsKey.grant(new ServicePrincipal('ses.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    this.sesEventsTopic = new Topic(this, 'SesEvents', { masterKey: eventsKey, enforceSSL: true });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToFeedback', {
      destination: EventDestination.snsTopic(this.sesEventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY, EmailSendingEvent.REJECT],
    });
  }
}
