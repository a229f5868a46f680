/**
 * The editor's desk on AWS: the RemindOwners function, run DAILY by
 * EventBridge Scheduler at a fixed Europe/London time (the stage's
 * `remindAt`, never in the 01:00–02:00 hour the clock changes skip or
 * repeat), with `{ "scheduledTime": <the time it fired> }`.
 *
 * Why daily rather than one schedule per calendar date: the calendar lives
 * in the content bucket (config/publication.yaml) and each month's manifest
 * may move its own dates, so the editor changes them without a deploy; the
 * function works out from them what is due on the scheduled day (the call,
 * a reminder, or nothing) and every message goes at most once through the
 * ledger, so a repeated delivery sends nothing new.
 *
 * Grants are exactly what it calls: reads of config/, updates/ and issues/
 * in the content bucket, PutItem on the send table (the reminder ledger),
 * SES SendEmail from the identity through the configuration set.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { BulletinAlarms } from './alarms.js';
import { bulletinFunction } from './bulletin-function.js';
import type { StageConfig } from './config.js';
import { grantItems, grantPrefixes, grantSesSend } from './function-grants.js';
import type { StatefulStack } from './stateful-stack.js';

export interface RemindScheduleProps {
  config: StageConfig;
  stateful: StatefulStack;
  alarms: BulletinAlarms;
}

/** The remind function, its daily schedule with a DLQ, and its alarms; returns the function. */
export function remindSchedule(scope: Construct, props: RemindScheduleProps): NodejsFunction {
  const { config, stateful, alarms } = props;
  const fn = bulletinFunction(scope, 'RemindOwners', {
    entry: 'remind-owners.ts', config, withTemplates: true, timeout: Duration.seconds(60),
    environment: {
      CONTENT_BUCKET: stateful.contentBucket.bucketName, SEND_TABLE: stateful.sendTable.tableName,
      CONFIGURATION_SET: stateful.configurationSet.configurationSetName,
    },
  });
  grantPrefixes(fn, stateful.contentBucketArnExport, { read: ['config', 'updates', 'issues'], why: 'Remind reads the calendar, the registry and the month\'s author files, whose names authors choose' });
  grantItems(fn, stateful.sendTable, ['PutItem']);
  grantSesSend(fn, stateful.emailIdentity.emailIdentityArn, stateful.configurationSet.configurationSetName);

  const dlq = new Queue(scope, 'RemindScheduleDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'The remind schedule\'s dead-letter queue; an alarm fires when it is not empty.' });
  // Scheduler invokes asynchronously: a round that still fails after Lambda's own retries lands in the same DLQ.
  fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(dlq) });
  const role = new Role(scope, 'RemindScheduleRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
  });
  const { hour, minute } = config.remindAt;
  new Schedule(scope, 'RemindSchedule', {
    description: 'Daily: sends the call for updates or reminders due today (from the publication\'s calendar), then the comms lead\'s digest',
    schedule: ScheduleExpression.cron({ minute: String(minute), hour: String(hour), timeZone: TimeZone.EUROPE_LONDON }),
    target: new LambdaInvoke(fn, { input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }), retryAttempts: 3, deadLetterQueue: dlq, role }),
  });
  Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(fn.node.defaultChild as never)}.Arn>:*]`,
    reason: 'CDK\'s LambdaInvoke target grants the function and its versions (`<arn>:*`); the schedule may invoke this one function only.',
  });

  alarms.functionErrors('RemindOwners', fn);
  alarms.deadLetters('RemindSchedule', dlq);
  // A config that does not load means no reminders at all: not an error (retrying cannot help), so its own alarm.
  alarms.logMatches('RemindRefused', fn.logGroup, FilterPattern.stringValue('$.message', '=', 'remind refused'), 'Remind refused: no call or reminder went out; the log names what to fix');
  return fn;
}
