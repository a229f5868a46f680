import { beforeAll, expect, it } from 'vitest';
import { SUBSCRIBER_ROUTES } from '../../infra/subscribers-api.js';
import { resources, synthApp, type SynthesisedApp } from './app-fixture.js';

let app: SynthesisedApp;
beforeAll(() => {
  // Synthesis runs cdk-nag: any unacknowledged finding throws here.
  app = synthApp({ subscribersApi: { rateLimit: 7, burstLimit: 13 } });
}, 300_000);

const fnId = (name: string) => resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id.startsWith(name))![0];
const statementsOf = (name: string) => resources(app.stateless, 'AWS::IAM::Policy').filter(([id]) => id.startsWith(`${name}Role`)).flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
const actionsOf = (name: string) => statementsOf(name).flatMap((s) => [s.Action].flat()).sort();

it('serves the API over an HTTP API whose default stage is throttled from the stage config and access-logged without query strings', () => {
  const [[, stage]] = resources(app.stateless, 'AWS::ApiGatewayV2::Stage') as [[string, { Properties: any }]];
  expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 13 } });
  const format = stage.Properties.AccessLogSettings.Format as string;
  expect(format).toContain('$context.requestId');
  expect(format).not.toMatch(/\$context\.(path|rawQueryString)/);
  expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
});

it('routes exactly the four paths and their methods to the subscribers function, nothing else', () => {
  const routes = resources(app.stateless, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string).sort();
  const expected = Object.entries(SUBSCRIBER_ROUTES).flatMap(([path, methods]) => methods.map((m) => `${m} ${path}`)).sort();
  expect(routes).toEqual(expected);
  const [[, integration]] = resources(app.stateless, 'AWS::ApiGatewayV2::Integration') as [[string, { Properties: any }]];
  expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  expect(JSON.stringify(integration.Properties.IntegrationUri)).toContain(fnId('SubscribersSubscribersApi'));
});

it('grants the API function only item reads and conditional writes on the subscribers table, SES through the configuration set, and its secret', () => {
  expect(actionsOf('SubscribersSubscribersApi').filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);
  expect(actionsOf('SubscribersSubscribersApi').filter((a) => !/^(dynamodb|logs):/.test(a))).toEqual([
    's3:GetObject', 's3:GetObject', 's3:GetObjectVersion', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucket', 'secretsmanager:GetSecretValue', 'ses:SendEmail', 'ssm:GetParameter',
  ]);
  for (const s of statementsOf('SubscribersSubscribersApi')) expect([s.Resource].flat()).not.toContain('*');
  // The admin function can read and rewrite plans but sends no mail; nothing triggers it.
  expect(actionsOf('SubscribersSubscribersAdmin').some((a) => a.startsWith('ses:'))).toBe(false);
  expect(resources(app.stateless, 'AWS::Lambda::Permission').some(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(fnId('SubscribersSubscribersAdmin')))).toBe(false);
});

it('gives the API function the API URL for links in emails, and outputs the URL and the admin function', () => {
  const [, fn] = resources(app.stateless, 'AWS::Lambda::Function').find(([id]) => id === fnId('SubscribersSubscribersApi'))!;
  expect(fn.Properties.Environment.Variables.API_URL).toBeDefined();
  const outputs = Object.keys(app.stateless.toJSON().Outputs ?? {});
  expect(outputs.some((o) => o.includes('ApiUrl'))).toBe(true);
  expect(outputs.some((o) => o.includes('AdminFunctionName'))).toBe(true);
});
