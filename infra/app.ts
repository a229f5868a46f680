/**
 * The CDK app: `npx cdk synth` works offline with no credentials;
 * `npx cdk deploy --all` deploys to the account and region of your AWS
 * profile. The stage config (infra/config.ts) comes from cdk.json's
 * `bulletin` context or `-c bulletinConfig=stage.json`. cdk-nag's
 * AwsSolutions checks run on every synth: any unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

const app = new App();
const config = loadStageConfig(app.node);
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
const stateful = new StatefulStack(app, `MetForward${config.stage}Stateful`, {
  description: 'Met Forward bulletin: buckets, tables, secret, SES identity (retained)', env, config, terminationProtection: true,
});
new StatelessStack(app, `MetForward${config.stage}Stateless`, {
  description: 'Met Forward bulletin: functions, queues, CloudFront, alarms', env, config, stateful,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
