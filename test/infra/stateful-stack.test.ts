import { beforeAll, expect, it } from 'vitest';
import { MAX_RECEIVE_COUNT, VISIBILITY_FACTOR } from '../../infra/queue-with-dlq.js';
import { INGEST_PREFIXES } from '../../infra/stateful-stack.js';
import { resources, synthApp, type SynthesisedApp } from './app-fixture.js';

let app: SynthesisedApp;
beforeAll(() => {
  app = synthApp();
}, 300_000); // synthesis with cdk-nag: seconds alone, much longer on a busy machine

it('keeps every bucket private, encrypted and SSL-only', () => {
  const buckets = resources(app.stateful, 'AWS::S3::Bucket');
  expect(buckets.length).toBeGreaterThanOrEqual(4);
  for (const [, bucket] of buckets) {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.DeletionPolicy).toBe('Retain');
  }
  const policies = resources(app.stateful, 'AWS::S3::BucketPolicy');
  expect(policies).toHaveLength(buckets.length);
  for (const [, policy] of policies) {
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]));
  }
});

it('versions the content and archive buckets, so nothing published is lost', () => {
  const versioned = app.stateful.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
  expect(Object.keys(versioned).sort()).toEqual([expect.stringMatching(/^ArchiveBucket/), expect.stringMatching(/^ContentBucket/)]);
});

it('lets CloudFront read only site/ of the archive bucket, and only from this account\'s distributions', () => {
  const statements = resources(app.stateful, 'AWS::S3::BucketPolicy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
  const cdn = statements.filter((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
  expect(cdn).toHaveLength(1);
  expect(cdn[0].Action).toBe('s3:GetObject');
  expect(JSON.stringify(cdn[0].Resource)).toMatch(/\/site\/\*"\]\]\}$/);
  expect(JSON.stringify(cdn[0].Condition)).toContain(':cloudfront::111111111111:distribution/*');
});

it('sends author-folder changes (created and removed) to the ingest queue, and nothing the pipeline writes', () => {
  const [[, notifications]] = resources(app.stateful, 'Custom::S3BucketNotifications') as [[string, any]];
  const configs = notifications.Properties.NotificationConfiguration.QueueConfigurations as any[];
  const pairs = configs.map((c) => `${c.Events[0]} ${c.Filter.Key.FilterRules[0].Value}`).sort();
  expect(pairs).toEqual(INGEST_PREFIXES.flatMap((p) => [`s3:ObjectCreated:* ${p}`, `s3:ObjectRemoved:* ${p}`]).sort());
  expect(pairs.some((p) => /reports\/|previews\//.test(p))).toBe(false);
});

it('dead-letters ingest after enough receives, with visibility ≥ 6 × the ingest timeout', () => {
  const queues = resources(app.stateful, 'AWS::SQS::Queue');
  const [, ingest] = queues.find(([id]) => /^IngestQueue(?!Dlq)/.test(id))!;
  expect(ingest.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(MAX_RECEIVE_COUNT);
  expect(ingest.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_FACTOR * app.config.ingestTimeoutSeconds);
  for (const [, q] of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
});

it('keeps subscribers and the send ledger in retained, PITR-protected, pay-per-request tables; only subscribers expire', () => {
  const tables = Object.fromEntries(resources(app.stateful, 'AWS::DynamoDB::Table').map(([id, t]) => [id.replace(/[0-9A-F]{8}$/, ''), t]));
  expect(Object.keys(tables).sort()).toEqual(['SendTable', 'SubscribersTable']);
  for (const t of Object.values(tables)) {
    expect(t.Properties).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true });
    expect(t.DeletionPolicy).toBe('Retain');
  }
  expect(tables.SubscribersTable!.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  expect(tables.SendTable!.Properties.TimeToLiveSpecification).toBeUndefined();
});

it('keeps the token secret in Secrets Manager, generated, never in a template value', () => {
  const [[, secret]] = resources(app.stateful, 'AWS::SecretsManager::Secret') as [[string, any]];
  expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
  expect(secret.Properties.SecretString).toBeUndefined();
  expect(JSON.stringify(app.stateless.toJSON())).not.toMatch(/SecretString|TOKEN_SECRET/);
});

it('sets up SES: the from-address domain with Easy DKIM, and a configuration set publishing bounces, complaints and deliveries to an encrypted topic', () => {
  app.stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
  const [[, identity]] = resources(app.stateful, 'AWS::SES::EmailIdentity') as [[string, any]];
  expect(identity.Properties.DkimSigningAttributes).toBeUndefined(); // no BYODKIM: Easy DKIM
  const [[, dest]] = resources(app.stateful, 'AWS::SES::ConfigurationSetEventDestination') as [[string, any]];
  expect(dest.Properties.EventDestination.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint', 'delivery']));
  expect(dest.Properties.EventDestination.SnsDestination.TopicARN.Ref).toMatch(/^SesEvents/);
  const [[, topic]] = resources(app.stateful, 'AWS::SNS::Topic') as [[string, any]];
  expect(topic.Properties.KmsMasterKeyId).toBeDefined();
});
