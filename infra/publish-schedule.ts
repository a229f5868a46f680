import { Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfig } from './config.js';

/**
 * The monthly publish: EventBridge Scheduler at the configured London
 * wall-clock time (never in the 01:00–02:00 hour the clock changes skip or
 * repeat — the config refuses it), invoking `target` with
 * `{ "month": "previous", "scheduledTime": <the time it fired> }` — publish
 * takes the month before the scheduled time's London month, so a late or
 * retried delivery still publishes the month it was meant for. Deliveries are retried and may repeat, which
 * publish must and does tolerate (a published issue is never re-sent).
 * By hand: `aws lambda invoke --function-name <PublishIssue> --payload '{"month":"2010-07"}'`.
 */
export function publishSchedule(scope: Construct, id: string, target: IFunction, config: StageConfig, deadLetterQueue: IQueue): Schedule {
  const { dayOfMonth, hour, minute } = config.publishAt;
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
  });
  const schedule = new Schedule(scope, id, {
    description: 'Publishes the previous month\'s bulletin',
    schedule: ScheduleExpression.cron({ minute: String(minute), hour: String(hour), day: String(dayOfMonth), timeZone: TimeZone.EUROPE_LONDON }),
    target: new LambdaInvoke(target, { input: ScheduleTargetInput.fromObject({ month: 'previous', scheduledTime: ContextAttribute.scheduledTime }), retryAttempts: 3, deadLetterQueue, role }),
  });
  Validations.of(role.node.findChild('DefaultPolicy')).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(target.node.defaultChild as never)}.Arn>:*]`,
    reason: 'CDK\'s LambdaInvoke target grants the function and its versions (`<arn>:*`); the schedule may invoke this one function only.',
  });
  return schedule;
}
