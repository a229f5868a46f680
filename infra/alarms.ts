import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { MetricFilter, type IFilterPattern, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** SES puts an account under review at a 5 % bounce rate and 0.1 % complaints: alarm before that. */
export const BOUNCE_RATE_ALARM = 0.04;
export const COMPLAINT_RATE_ALARM = 0.0008;

/**
 * CloudWatch alarms that email the comms lead through one encrypted topic:
 * any dead-letter queue holding a message, any function error, and SES
 * reputation (bounce > 4 %, complaints > 0.08 %).
 */
export class BulletinAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { email: string }) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Encrypts alarm notifications', removalPolicy: RemovalPolicy.DESTROY });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');
    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true, displayName: 'Met Forward bulletin alarms' });
    this.topic.addSubscription(new EmailSubscription(props.email));
    this.alarm('SesBounceRate', sesReputation('Reputation.BounceRate'), BOUNCE_RATE_ALARM, 'SES bounce rate above 4 %: check the subscriber list before the next send');
    this.alarm('SesComplaintRate', sesReputation('Reputation.ComplaintRate'), COMPLAINT_RATE_ALARM, 'SES complaint rate above 0.08 %');
  }

  /** Alarms as soon as `dlq` holds one message: something failed five times and needs a person. */
  deadLetters(name: string, dlq: IQueue): void {
    this.alarm(`${name}DeadLetters`, dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), 0, `${name}: messages in the dead-letter queue`);
  }

  /** Alarms on any error of `fn` in five minutes. */
  functionErrors(name: string, fn: IFunction): void {
    this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 0, `${name}: function errors`);
  }

  /** Alarms when a log line of `logGroup` matches `pattern` (an outcome that is not an error, yet needs a person). */
  logMatches(name: string, logGroup: ILogGroup, pattern: IFilterPattern, description: string): void {
    const filter = new MetricFilter(this, `${name}Filter`, { logGroup, filterPattern: pattern, metricNamespace: 'MetForward/Bulletin', metricName: name, metricValue: '1' });
    this.alarm(name, filter.metric({ period: Duration.minutes(5), statistic: 'Sum' }), 0, description);
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      metric, threshold, alarmDescription: description, evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}

function sesReputation(metricName: string): Metric {
  return new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
}
