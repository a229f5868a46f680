/**
 * The one stage configuration of the CDK app, validated with zod at synth
 * time. Read from the `bulletin` object in cdk.json's context, overridden
 * by a JSON file named with `-c bulletinConfig=path/to/stage.json`. Every
 * field has a default, so `npx cdk synth` works offline out of the box;
 * a wrong value fails synth with one line per problem.
 */
import { readFileSync } from 'node:fs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';

const RETENTIONS = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

export const StageConfigSchema = z.strictObject({
  /** Infix of the stack names (`MetForward<stage>Stateful`), so several stages can share an account; empty for the main one. */
  stage: z.string().regex(/^([A-Z][A-Za-z0-9]{0,20})?$/).default(''),
  /** The archive's public host name and its ACM certificate (us-east-1). Without them CloudFront's default domain is used. */
  domain: z.strictObject({
    name: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/),
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate in us-east-1 (CloudFront requires it)'),
  }).optional(),
  /** The address bulletins are sent from; its domain becomes the SES identity with Easy DKIM. */
  fromAddress: z.email().default('bulletin@example.org'),
  /** SES sending rate of the account (messages per second); caps the send function's concurrency. */
  sesSendRatePerSecond: z.number().positive().max(1000).default(14),
  /** Monthly publish for the previous month, Europe/London wall-clock time. */
  publishAt: z.strictObject({
    dayOfMonth: z.number().int().min(1).max(28).default(1),
    // 01:00–02:00 happens twice or never on the clock-change nights: a schedule there may skip or repeat.
    hour: z.number().int().min(0).max(23).refine((h) => h !== 1, 'must not be 1: the 01:00–02:00 hour is skipped or repeated when the clocks change').default(9),
    minute: z.number().int().min(0).max(59).default(0),
  }).default({ dayOfMonth: 1, hour: 9, minute: 0 }),
  /**
   * The remind function's daily run, Europe/London wall-clock time: it reads the publication's
   * calendar (config/publication.yaml, and each month's manifest) and sends whatever round is due
   * that day. Set it to the calendar's sendTime.
   */
  remindAt: z.strictObject({
    hour: z.number().int().min(0).max(23).refine((h) => h !== 1, 'must not be 1: the 01:00–02:00 hour is skipped or repeated when the clocks change').default(9),
    minute: z.number().int().min(0).max(59).default(0),
  }).default({ hour: 9, minute: 0 }),
  /** Who the CloudWatch alarms email (the comms lead). */
  alarmEmail: z.email().default('comms-lead@example.org'),
  /** Days Lambda logs are kept; one of CloudWatch's allowed values. */
  logRetentionDays: z.number().refine((d) => RETENTIONS.includes(d), `must be one of ${RETENTIONS.join(', ')}`).default(90),
  /** Timeouts in seconds; each queue's visibility timeout is six times its consumer's. */
  ingestTimeoutSeconds: z.number().int().min(10).max(900).default(60),
  sendTimeoutSeconds: z.number().int().min(10).max(900).default(60),
  /** The subscribers API's default-stage throttling (API Gateway): steady requests per second and burst, for the whole API. */
  subscribersApi: z.strictObject({
    rateLimit: z.number().positive().max(10_000).default(10),
    burstLimit: z.number().int().min(1).max(5_000).default(20),
  }).default({ rateLimit: 10, burstLimit: 20 }),
});

export type StageConfig = z.infer<typeof StageConfigSchema>;

/** The stage config from raw context values; throws one line per problem. */
export function parseStageConfig(raw: unknown, source = 'context "bulletin"'): StageConfig {
  const result = StageConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${source}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(lines.join('\n'));
}

/** Reads context `bulletin` and, when `bulletinConfig` names a file, that file's JSON on top of it. */
export function loadStageConfig(node: Node): StageConfig {
  const fromContext = (node.tryGetContext('bulletin') ?? {}) as Record<string, unknown>;
  const file = node.tryGetContext('bulletinConfig') as string | undefined;
  if (!file) return parseStageConfig(fromContext);
  const fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return parseStageConfig({ ...fromContext, ...fromFile }, file);
}

/** The domain part of the from-address: the SES identity. */
export function mailDomain(config: StageConfig): string {
  return config.fromAddress.slice(config.fromAddress.lastIndexOf('@') + 1).toLowerCase();
}

/** Messages one send worker hands to SES per second: one SES call (~100–200 ms) at a time. */
export const PER_WORKER_RATE = 5;

/**
 * The send function's maximum concurrency for the configured SES rate:
 * enough workers to reach the rate, no more. Each worker then limits
 * itself to `rate / concurrency`, so together they never exceed SES's rate.
 */
export function sendConcurrency(config: StageConfig): { workers: number; ratePerWorker: number } {
  // SQS event sources accept a maximum concurrency of 2 to 1000.
  const workers = Math.min(1000, Math.max(2, Math.ceil(config.sesSendRatePerSecond / PER_WORKER_RATE)));
  return { workers, ratePerWorker: config.sesSendRatePerSecond / workers };
}
