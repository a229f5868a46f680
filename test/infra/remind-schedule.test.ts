/**
 * The remind function on AWS: a daily EventBridge Scheduler run in
 * Europe/London outside 01:00–02:00, a DLQ for the schedule and for failed
 * async rounds, least-privilege grants and its alarms — with cdk-nag
 * clean (synthApp throws on any unacknowledged finding).
 */
import { beforeAll, expect, it } from 'vitest';
import { parseStageConfig } from '../../infra/config.js';
import { resources, synthApp, type SynthesisedApp } from './app-fixture.js';

let app: SynthesisedApp;
beforeAll(() => {
  app = synthApp({ remindAt: { hour: 8, minute: 30 } });
}, 300_000);

const fnId = () => resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith('RemindOwners'))![0];
const statements = () => resources(app.stateless, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('RemindOwnersRole')).flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
const actions = () => statements().flatMap((s) => [s.Action].flat() as string[]);

it('runs daily at the stage\'s remindAt, London time, with the scheduled time as its payload and a DLQ', () => {
  // Act
  const [, schedule] = resources(app.stateless, 'AWS::Scheduler::Schedule').find(([, s]) => s.Properties.Target.Arn['Fn::GetAtt'][0] === fnId())!;

  // Assert
  expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Europe/London');
  expect(schedule.Properties.ScheduleExpression).toBe('cron(30 8 * * ? *)');
  expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  expect(schedule.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^RemindScheduleDlq/);
  expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(3);
});

it('refuses a remind hour in the 01:00–02:00 hour the clock changes skip or repeat', () => {
  // Act / Assert
  expect(() => parseStageConfig({ remindAt: { hour: 1, minute: 0 } })).toThrow(/remindAt\.hour: must not be 1/);
  expect(parseStageConfig({}).remindAt).toEqual({ hour: 9, minute: 0 });
});

it('sends a round that fails after Lambda\'s retries to the same DLQ', () => {
  // Act
  const [, config] = resources(app.stateless, 'AWS::Lambda::EventInvokeConfig').find(([, c]) => c.Properties.FunctionName.Ref === fnId())!;

  // Assert
  expect(config.Properties.MaximumRetryAttempts).toBe(2);
  expect(config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(/^RemindScheduleDlq/);
});

it('grants only reads of config/, updates/ and issues/, PutItem on the send table, and SES from the identity through the configuration set', () => {
  // Act
  const all = statements();
  const objectArns = all.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:') && a !== 's3:ListBucket'))
    .flatMap((s) => [s.Resource].flat().map((r: any) => `${[s.Action].flat().join(',')} ${r['Fn::Join'][1][1]}`));
  const ses = all.find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
  const dynamo = all.find((s) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')))!;

  // Assert
  expect(objectArns.sort()).toEqual(['config', 'issues', 'updates'].map((p) => `s3:GetObject,s3:GetObjectVersion /${p}/*`));
  expect(actions().filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
  expect(JSON.stringify(dynamo.Resource)).toMatch(/SendTable/);
  expect([ses.Action].flat().sort()).toEqual(['ses:SendEmail']);
  expect(JSON.stringify(ses.Resource)).toMatch(/EmailIdentity/);
  expect(JSON.stringify(ses.Resource)).toMatch(/configuration-set\//);
  expect(actions()).not.toContain('s3:PutObject');
  expect(actions().filter((a) => a.startsWith('sqs:')).every((a) => a.startsWith('sqs:SendMessage') || a.startsWith('sqs:GetQueue'))).toBe(true);
  for (const s of all) expect([s.Resource].flat()).not.toContain('*');
});

it('tells the function where the content, the ledger and the configuration set are', () => {
  // Act
  const [, fn] = resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id === fnId())!;

  // Assert
  expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['CONFIGURATION_SET', 'CONTENT_BUCKET', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'SEND_TABLE']);
});

it('alarms on its errors, its DLQ and a refused round', () => {
  // Act
  const alarms = resources(app.stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  // Assert
  expect(alarms.some((a) => a.MetricName === 'Errors' && a.Dimensions?.[0]?.Value?.Ref === fnId())).toBe(true);
  expect(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0]?.startsWith('RemindScheduleDlq'))).toBe(true);
  expect(alarms.find((a) => a.MetricName === 'RemindRefused')).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
});
