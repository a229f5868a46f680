import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, expect, it } from 'vitest';
import { BOUNCE_RATE_ALARM, COMPLAINT_RATE_ALARM } from '../../infra/alarms.js';
import { sendConcurrency } from '../../infra/config.js';
import { MAX_RECEIVE_COUNT, VISIBILITY_FACTOR } from '../../infra/queue-with-dlq.js';
import { resources, synthApp, type SynthesisedApp } from './app-fixture.js';

let app: SynthesisedApp;
beforeAll(() => {
  app = synthApp({ domain: { name: 'bulletin.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc-123' } });
}, 300_000); // synthesis with cdk-nag: seconds alone, much longer on a busy machine

/** The newest `nodejsNN.x` this aws-cdk-lib defines. */
function newestNodeRuntime(): string {
  const names = Object.keys(Runtime).filter((k) => /^NODEJS_\d+_X$/.test(k));
  const newest = names.sort((a, b) => Number(a.split('_')[1]) - Number(b.split('_')[1])).at(-1)!;
  return (Runtime as unknown as Record<string, Runtime>)[newest]!.name;
}

it('runs every function on the newest Node runtime, arm64, logging to its own log group with the configured retention', () => {
  const functions = resources(app.stateless, 'AWS::Lambda::Function');
  expect(functions.length).toBeGreaterThan(0);
  const logGroups = Object.fromEntries(resources(app.stateless, 'AWS::Logs::LogGroup'));
  for (const [, fn] of functions) {
    expect(fn.Properties.Runtime).toBe(newestNodeRuntime());
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    const group = logGroups[fn.Properties.LoggingConfig.LogGroup.Ref]!;
    expect(group.Properties.RetentionInDays).toBe(app.config.logRetentionDays);
  }
});

/** The logical id of the function whose construct id starts with `name`. */
const fnId = (name: string) => resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith(name))![0];
const mappingOf = (name: string) => resources(app.stateless, 'AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName.Ref === fnId(name))![1];
const statementsOf = (name: string) => resources(app.stateless, 'AWS::IAM::Policy').filter(([id]) => id.startsWith(`${name}Role`)).flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);

it('feeds ingest, send and feedback from their queues with partial batch failures; send\'s concurrency comes from the SES rate', () => {
  for (const name of ['IngestUpdate', 'SendBatch', 'RecordFeedback']) {
    const mapping = mappingOf(name);
    expect(mapping.Properties.FunctionResponseTypes, name).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.ScalingConfig.MaximumConcurrency, name).toBeGreaterThanOrEqual(2);
  }
  const { workers, ratePerWorker } = sendConcurrency(app.config);
  expect(mappingOf('SendBatch').Properties.ScalingConfig.MaximumConcurrency).toBe(workers);
  expect(mappingOf('SendBatch').Properties.EventSourceArn['Fn::GetAtt'][0]).toMatch(/^SendQueue(?!Dlq)/);
  expect(mappingOf('RecordFeedback').Properties.EventSourceArn['Fn::GetAtt'][0]).toMatch(/^FeedbackQueue(?!Dlq)/);
  // Together the workers never exceed the account's rate
  expect(workers * ratePerWorker).toBeLessThanOrEqual(app.config.sesSendRatePerSecond + 1e-9);
  const [, send] = resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id === fnId('SendBatch'))!;
  expect(Number(send.Properties.Environment.Variables.SEND_RATE_PER_WORKER)).toBe(ratePerWorker);
  expect(send.Properties.Environment.Variables).not.toHaveProperty('TOKEN_SECRET');
});

it('publishes monthly from EventBridge Scheduler in Europe/London, outside 01:00–02:00, for the month before the scheduled time', () => {
  const [, schedule] = resources(app.stateless, 'AWS::Scheduler::Schedule').find(([, s]) => s.Properties.Target.Arn['Fn::GetAtt'][0] === fnId('PublishIssue'))!;
  const { dayOfMonth, hour, minute } = app.config.publishAt;
  expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Europe/London');
  expect(schedule.Properties.ScheduleExpression).toBe(`cron(${minute} ${hour} ${dayOfMonth} * ? *)`);
  expect(hour).not.toBe(1);
  expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ month: 'previous', scheduledTime: '<aws.scheduler.scheduled-time>' });
  expect(schedule.Properties.Target.Arn['Fn::GetAtt'][0]).toBe(fnId('PublishIssue'));
  expect(schedule.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^PublishScheduleDlq/);
});

it('grants send only SES from the identity through the configuration set, the ledger items, the subscriber re-check and the stored email', () => {
  const statements = statementsOf('SendBatch');
  const ses = statements.find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
  expect([ses.Action].flat().sort()).toEqual(['ses:SendEmail']);
  expect(JSON.stringify(ses.Resource)).toMatch(/EmailIdentity/);
  expect(JSON.stringify(ses.Resource)).toMatch(/configuration-set\//);
  const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
  expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
  expect(actions).not.toContain('s3:PutObject');
  expect(actions.filter((a) => a.startsWith('sqs:SendMessage'))).toEqual([]);
  // Feedback only ever turns a subscriber item suppressed
  expect(statementsOf('RecordFeedback').flatMap((s) => [s.Action].flat()).filter((a: string) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:UpdateItem']);
  // Only publish may put messages on the send queue
  const senders = resources(app.stateless, 'AWS::IAM::Policy').filter(([, p]) => (p.Properties.PolicyDocument.Statement as any[]).some((s) => [s.Action].flat().includes('sqs:SendMessage') && /"SendQueue(?!Dlq)/.test(JSON.stringify(s.Resource))));
  expect(senders.map(([id]) => id.replace(/Role.*$/, ''))).toEqual(['PublishIssue']);
});

it('gives the send and feedback queues DLQs with redrive, visibility ≥ 6 × the consumer timeout, SSE and TLS-only policies', () => {
  const queues = Object.fromEntries(resources(app.stateless, 'AWS::SQS::Queue').map(([id, q]) => [id.replace(/[0-9A-F]{8}$/, ''), q]));
  expect(Object.keys(queues).sort()).toEqual(['FeedbackQueue', 'FeedbackQueueDlq', 'PublishScheduleDlq', 'RemindScheduleDlq', 'SendQueue', 'SendQueueDlq']);
  for (const name of ['SendQueue', 'FeedbackQueue']) {
    const redrive = queues[name]!.Properties.RedrivePolicy;
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(MAX_RECEIVE_COUNT);
    expect(redrive.deadLetterTargetArn['Fn::GetAtt'][0]).toMatch(new RegExp(`^${name}Dlq`));
  }
  expect(queues.SendQueue!.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_FACTOR * app.config.sendTimeoutSeconds);
  for (const q of Object.values(queues)) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  for (const [, p] of resources(app.stateless, 'AWS::SQS::QueuePolicy')) {
    expect(p.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]));
  }
});

it('subscribes the feedback queue to the SES events topic, with its own DLQ for undeliverable events', () => {
  const [[, sub]] = resources(app.stateless, 'AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'sqs') as [[string, any]];
  expect(sub.Properties.Endpoint['Fn::GetAtt'][0]).toMatch(/^FeedbackQueue(?!Dlq)/);
  expect(sub.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).toMatch(/^FeedbackQueueDlq/);
});

it('alarms on every DLQ, function errors and SES reputation, all to the comms lead\'s topic', () => {
  const alarms = resources(app.stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const dlqAlarms = alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
  expect(dlqAlarms).toHaveLength(5);
  expect(alarms.find((a) => a.MetricName === 'PublishRefused')).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  for (const a of dlqAlarms) expect([a.Threshold, a.ComparisonOperator]).toEqual([0, 'GreaterThanThreshold']);
  const byMetric = (m: string) => alarms.find((a) => a.MetricName === m);
  expect(byMetric('Reputation.BounceRate')).toMatchObject({ Namespace: 'AWS/SES', Threshold: BOUNCE_RATE_ALARM, ComparisonOperator: 'GreaterThanThreshold' });
  expect(byMetric('Reputation.ComplaintRate')).toMatchObject({ Namespace: 'AWS/SES', Threshold: COMPLAINT_RATE_ALARM });
  expect(BOUNCE_RATE_ALARM).toBe(0.04);
  expect(COMPLAINT_RATE_ALARM).toBe(0.0008);
  expect(alarms.filter((a) => a.MetricName === 'Errors').length).toBe(resources(app.stateless, 'AWS::Lambda::Function').length);
  for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
  app.stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: app.config.alarmEmail });
});

it('serves the archive only through CloudFront: OAC, HTTPS, TLS 1.2+, CSP and HSTS, the 404 page, logs', () => {
  const [[, dist]] = resources(app.stateless, 'AWS::CloudFront::Distribution') as [[string, any]];
  const c = dist.Properties.DistributionConfig;
  expect(c.Origins[0].OriginAccessControlId).toBeDefined();
  expect(c.Origins[0].OriginPath).toBe('/site');
  expect(c.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  expect(c.ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
  expect(c.Aliases).toEqual(['bulletin.example.org']);
  expect(c.Logging.Prefix).toBe('cloudfront/');
  expect(c.CustomErrorResponses).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html' })]));
  const [[, headers]] = resources(app.stateless, 'AWS::CloudFront::ResponseHeadersPolicy') as [[string, any]];
  const sec = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  expect(sec.ContentSecurityPolicy.ContentSecurityPolicy).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  expect(sec.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
});

it('grants no data action on "*" in any IAM policy, and ingest only its prefixes of the content bucket', () => {
  const statements = [...resources(app.stateful, 'AWS::IAM::Policy'), ...resources(app.stateless, 'AWS::IAM::Policy')]
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
  for (const s of statements) {
    const actions = [s.Action].flat() as string[];
    if (actions.some((a) => /^(s3|dynamodb|sqs|ses|secretsmanager|sns|kms):/.test(a))) expect([s.Resource].flat()).not.toContain('*');
  }
  const [, ingest] = resources(app.stateless, 'AWS::IAM::Policy').find(([id]) => id.startsWith('IngestUpdate'))!;
  const objectArns = (ingest.Properties.PolicyDocument.Statement as any[]).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:') && a !== 's3:ListBucket'))
    .flatMap((s) => [s.Resource].flat().map((r: any) => `${[s.Action].flat().join(',')} ${r['Fn::Join'][1][1]}`));
  expect(objectArns.sort()).toEqual([
    ...['config', 'issues', 'previews', 'reports', 'updates'].map((p) => `s3:GetObject,s3:GetObjectVersion /${p}/*`),
    's3:PutObject /previews/*', 's3:PutObject /reports/*',
  ].sort());
});

it('fails synthesis on an unacknowledged cdk-nag finding (so a clean synth means zero findings)', () => {
  const nagged = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(nagged).addPlugins(new AwsSolutionsChecks(nagged));
  const stack = new Stack(nagged, 'Nagged');
  new Bucket(stack, 'Careless');
  expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-S1/);
}, 300_000);

it('lets ingest mail owners only through the SES identity and configuration set, and create only notice items in the send table', () => {
  const statements = statementsOf('IngestUpdate');
  const dynamo = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
  expect(dynamo).toHaveLength(1);
  expect(dynamo[0].Action).toBe('dynamodb:PutItem');
  expect(dynamo[0].Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['notice'] } });
  expect(JSON.stringify(dynamo[0].Resource)).toContain('SendTable');
  const ses = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('ses:')));
  expect(ses).toHaveLength(1);
  expect([ses[0].Resource].flat()).toHaveLength(2);
  expect(JSON.stringify(ses[0].Resource)).toMatch(/configuration-set/);
  const env = resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith('IngestUpdate'))![1].Properties.Environment.Variables;
  expect(Object.keys(env)).toEqual(expect.arrayContaining(['CONTENT_BUCKET', 'SEND_TABLE', 'CONFIGURATION_SET']));
});
