/**
 * The subscribers API on AWS: an HTTP API (payload 2.0) in front of the
 * subscribers-api function, its four routes only (anything else is API
 * Gateway's 404), the `$default` stage throttled from the stage config
 * and access-logged (no query strings: links carry tokens), and the admin
 * function for export/erase, which has no trigger at all — only an IAM
 * principal allowed to invoke it can. Both get exactly the table actions
 * their adapters call.
 */
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bulletinFunction } from './bulletin-function.js';
import type { StageConfig } from './config.js';
import { grantItems, grantPrefixes, grantSesSend, grantTokenSecret } from './function-grants.js';
import type { StatefulStack } from './stateful-stack.js';

/** The API's routes and the methods each answers (HEAD is answered as GET by the core). */
export const SUBSCRIBER_ROUTES: Record<string, HttpMethod[]> = {
  '/subscribe': [HttpMethod.POST],
  '/confirm': [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
  '/unsubscribe': [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
  '/preferences': [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
};

export interface SubscribersApiProps {
  config: StageConfig;
  stateful: StatefulStack;
}

export class SubscribersApi extends Construct {
  readonly fn: NodejsFunction;
  readonly admin: NodejsFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: SubscribersApiProps) {
    super(scope, id);
    const { config, stateful } = props;
    this.api = new HttpApi(this, 'HttpApi', { apiName: `${config.stage}SubscribersApi`.replace(/^$/, 'SubscribersApi'), createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetentionDays, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default', autoDeploy: true,
      throttle: { rateLimit: config.subscribersApi.rateLimit, burstLimit: config.subscribersApi.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route, never the raw path or query string: links carry tokens.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId', ip: '$context.identity.sourceIp', time: '$context.requestTime', route: '$context.routeKey',
          status: '$context.status', latency: '$context.responseLatency', error: '$context.integrationErrorMessage',
        })),
      },
    });

    const common = { SUBSCRIBERS_TABLE: stateful.subscribersTable.tableName, CONTENT_BUCKET: stateful.contentBucket.bucketName, SIGNING_SECRET_NAME: stateful.tokenSecretName };
    this.fn = bulletinFunction(this, 'SubscribersApi', {
      entry: 'subscribers-api.ts', config, withTemplates: true, timeout: Duration.seconds(10),
      environment: {
        ...common, ARCHIVE_BUCKET: stateful.archiveBucket.bucketName, CONFIGURATION_SET: stateful.configurationSet.configurationSetName,
        API_URL: this.api.apiEndpoint,
      },
    });
    grantPrefixes(this.fn, stateful.contentBucketArnExport, { read: ['config'], why: 'The API reads the publication config (list id, topics, page text)' });
    grantPrefixes(this.fn, stateful.archiveBucketArnExport, { read: ['sends'], why: 'The welcome email carries the latest issue publish stored, named by issue' });
    grantItems(this.fn, stateful.subscribersTable, ['GetItem', 'PutItem', 'DeleteItem']);
    grantTokenSecret(this.fn, stateful.tokenSecret, stateful.tokenSecretName);
    grantSesSend(this.fn, stateful.emailIdentity.emailIdentityArn, stateful.configurationSet.configurationSetName);
    const integration = new HttpLambdaIntegration('Integration', this.fn);
    for (const [path, methods] of Object.entries(SUBSCRIBER_ROUTES)) {
      for (const route of this.api.addRoutes({ path, methods, integration })) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'A public sign-up and unsubscribe API for people with no account: it cannot require authorisation. Tokens (HMAC, purpose-bound) authorise confirm/unsubscribe/preferences; stage throttling and per-IP/per-address limits guard sign-up.',
        });
      }
    }

    this.admin = bulletinFunction(this, 'SubscribersAdmin', {
      entry: 'subscribers-admin.ts', config, timeout: Duration.minutes(5),
      environment: { ...common, SEND_TABLE: stateful.sendTable.tableName },
    });
    grantPrefixes(this.admin, stateful.contentBucketArnExport, { read: ['config'], why: 'The admin function reads the publication config (the list id its subscriber ids use)' });
    grantItems(this.admin, stateful.subscribersTable, ['GetItem', 'PutItem', 'DeleteItem']);
    // Erasure redacts every send plan: it scans for plan headers, reads their chunks and rewrites them.
    grantItems(this.admin, stateful.sendTable, ['Scan', 'Query', 'GetItem', 'PutItem', 'BatchWriteItem']);
    grantTokenSecret(this.admin, stateful.tokenSecret, stateful.tokenSecretName);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The subscribers API: set config/publication subscribeUrl to <ApiUrl>/subscribe and unsubscribeBaseUrl to <ApiUrl>' });
    new CfnOutput(this, 'AdminFunctionName', { value: this.admin.functionName, description: 'aws lambda invoke --function-name <this> --payload {"action":"export|erase|unsubscribe","email":"…"} (see functions/README.md)' });
  }
}
