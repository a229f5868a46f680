/**
 * The CDK app as `npx cdk synth` builds it (cdk.json's context, cdk-nag's
 * AwsSolutions checks as a validation plugin), minus Lambda bundling so
 * template tests take seconds. Template.fromStack runs the validation:
 * any unacknowledged cdk-nag finding makes it throw.
 */
import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig, type StageConfig } from '../../infra/config.js';
import { StatefulStack } from '../../infra/stateful-stack.js';
import { StatelessStack } from '../../infra/stateless-stack.js';

const CDK_JSON = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

export interface SynthesisedApp {
  config: StageConfig;
  stateful: Template;
  stateless: Template;
}

/** Synthesises both stacks with cdk.json's context, `bulletin` overrides merged in. */
export function synthApp(overrides: Record<string, unknown> = {}): SynthesisedApp {
  const bulletin = { ...(CDK_JSON.context.bulletin as object), ...overrides };
  const app = new App({ context: { ...CDK_JSON.context, bulletin, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const config = loadStageConfig(app.node);
  const env = { account: '111111111111', region: 'eu-west-2' };
  const stateful = new StatefulStack(app, 'TestStateful', { env, config });
  const stateless = new StatelessStack(app, 'TestStateless', { env, config, stateful });
  return { config, stateful: Template.fromStack(stateful), stateless: Template.fromStack(stateless) };
}

/** Every resource of `type` in `template`, as [logicalId, resource]. */
export function resources(template: Template, type: string): [string, { Properties: any; DeletionPolicy?: string; UpdateReplacePolicy?: string }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties: any }][];
}
