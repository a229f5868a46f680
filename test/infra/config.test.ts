import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Stack } from 'aws-cdk-lib';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadStageConfig, mailDomain, parseStageConfig, PER_WORKER_RATE, sendConcurrency } from '../../infra/config.js';
import { publishSchedule } from '../../infra/publish-schedule.js';

it('has defaults good enough for an offline synth', () => {
  const config = parseStageConfig(undefined);
  expect(config).toMatchObject({ stage: '', sesSendRatePerSecond: 14, publishAt: { dayOfMonth: 1, hour: 9, minute: 0 }, logRetentionDays: 90 });
  expect(mailDomain(config)).toBe('example.org');
  expect(loadStageConfig(new App({ context: { bulletin: { alarmEmail: 'lead@example.org' } } }).node).alarmEmail).toBe('lead@example.org');
});

it('reads a stage file named by -c bulletinConfig on top of the context, and names the file in problems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stage-'));
  const file = join(dir, 'stage.json');
  writeFileSync(file, JSON.stringify({ stage: 'Test', sesSendRatePerSecond: 40 }));
  const app = new App({ context: { bulletin: { alarmEmail: 'lead@example.org' }, bulletinConfig: file } });
  expect(loadStageConfig(app.node)).toMatchObject({ stage: 'Test', sesSendRatePerSecond: 40, alarmEmail: 'lead@example.org' });
  writeFileSync(file, JSON.stringify({ sesSendRatePerSecond: -1 }));
  expect(() => loadStageConfig(app.node)).toThrow(`${file}: sesSendRatePerSecond: `);
  rmSync(dir, { recursive: true, force: true });
});

it('refuses bad values with one line per problem, naming the field', () => {
  const bad = () => parseStageConfig({ fromAddress: 'not-an-email', logRetentionDays: 12, publishAt: { hour: 1 }, sesSendRatePerSecnd: 5 });
  expect(bad).toThrow(/fromAddress: /);
  const lines = (() => { try { bad(); } catch (e) { return (e as Error).message.split('\n'); } return []; })();
  expect(lines).toHaveLength(4);
  expect(lines.join('\n')).toMatch(/publishAt\.hour: must not be 1/);
  expect(lines.join('\n')).toMatch(/logRetentionDays: must be one of/);
  expect(lines.join('\n')).toMatch(/sesSendRatePerSecnd/);
  expect(() => parseStageConfig({ domain: { name: 'bulletin.example.org', certificateArn: 'arn:aws:acm:eu-west-2:111111111111:certificate/x' } })).toThrow(/us-east-1/);
});

it('derives send concurrency that reaches the SES rate and never exceeds it', () => {
  fc.assert(fc.property(fc.double({ min: 0.1, max: 1000, noNaN: true }), (rate) => {
    const { workers, ratePerWorker } = sendConcurrency(parseStageConfig({ sesSendRatePerSecond: rate }));
    expect(workers).toBeGreaterThanOrEqual(2);
    expect(workers).toBeLessThanOrEqual(1000);
    expect(ratePerWorker).toBeLessThanOrEqual(PER_WORKER_RATE + 1e-9);
    expect(workers * ratePerWorker).toBeCloseTo(rate, 6);
  }));
});

it('schedules publish monthly at the configured London time, retried, with a dead-letter queue', () => {
  // Arrange: a stand-in target (the publish function is wired in when its handler lands)
  const stack = new Stack(new App(), 'Schedule');
  const target = new LambdaFunction(stack, 'Publish', { runtime: Runtime.NODEJS_24_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  const config = parseStageConfig({ publishAt: { dayOfMonth: 2, hour: 7, minute: 30 } });
  // Act
  publishSchedule(stack, 'PublishSchedule', target, config, new Queue(stack, 'ScheduleDlq'));
  // Assert
  const template = Template.fromStack(stack);
  const [schedule] = Object.values(template.findResources('AWS::Scheduler::Schedule')) as any[];
  expect(schedule.Properties.ScheduleExpression).toBe('cron(30 7 2 * ? *)');
  expect(schedule.Properties.ScheduleExpressionTimezone).toBe('Europe/London');
  expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ month: 'previous', scheduledTime: '<aws.scheduler.scheduled-time>' });
  expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(3);
  expect(schedule.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
}, 300_000); // a first synth loads much of aws-cdk-lib: slow on a busy machine
