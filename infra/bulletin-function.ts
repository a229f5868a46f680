import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from './config.js';
import { LAMBDA_BUNDLING } from './lambda-bundling.js';

/** The newest Node.js runtime this aws-cdk-lib knows (checked in test/infra). */
export const RUNTIME = Runtime.NODEJS_24_X;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BulletinFunctionProps {
  /** File in `functions/`, e.g. `ingest-update.ts`. */
  entry: string;
  config: StageConfig;
  timeout: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  /** Copies `templates/` next to the bundle (the renderer reads them at cold start). */
  withTemplates?: boolean;
}

/**
 * One Lambda as every function here is built: esbuild bundle (ESM,
 * minified, source maps, the SDK left to the runtime), arm64, the newest
 * Node runtime, its own log group with the stage's retention, and its own
 * role that may write only to that log group — no managed policy.
 */
export function bulletinFunction(scope: Construct, id: string, props: BulletinFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.config.logRetentionDays, removalPolicy: RemovalPolicy.DESTROY });
  const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, id, {
    entry: `${ROOT}functions/${props.entry}`,
    projectRoot: ROOT,
    depsLockFilePath: `${ROOT}package-lock.json`,
    runtime: RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout,
    role,
    logGroup,
    environment: { POWERTOOLS_SERVICE_NAME: id, NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: {
      ...LAMBDA_BUNDLING,
      format: OutputFormat.ESM,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      externalModules: [...LAMBDA_BUNDLING.externalModules],
      ...(props.withTemplates
        ? { commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => [
              `cp -R "${inputDir}/templates" "${outputDir}/templates"`,
              // The issue PDF's font (adapters/fs-fonts.ts reads it from fonts/): the three styles used, every subset.
              `mkdir -p "${outputDir}/fonts/files"`,
              `cp "${inputDir}/node_modules/@fontsource/source-sans-3/unicode.json" "${outputDir}/fonts/"`,
              `cp "${inputDir}"/node_modules/@fontsource/source-sans-3/files/source-sans-3-*-400-normal.woff "${inputDir}"/node_modules/@fontsource/source-sans-3/files/source-sans-3-*-700-normal.woff "${inputDir}"/node_modules/@fontsource/source-sans-3/files/source-sans-3-*-400-italic.woff "${outputDir}/fonts/files/"`,
            ],
          } }
        : {}),
    },
  });
}
