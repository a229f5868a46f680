/**
 * The CDK app: `npx cdk synth` works offline with no credentials;
 * `npx cdk deploy` deploys to the account and region of your AWS profile.
 * Stateful resources (buckets, later tables and the SES identity) live in
 * their own retained stack so code can be redeployed or destroyed freely.
 */
import { App } from 'aws-cdk-lib';
import { StatefulStack } from './stateful-stack.js';

const app = new App();
new StatefulStack(app, 'MetForwardStateful', {
  description: 'Met Forward bulletin: content and archive buckets (retained)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
app.synth();
