/**
 * The one composition of AWS adapters for the Lambdas: environment read
 * and checked once per cold start (zod), SDK clients at module scope, each
 * adapter built on first use. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_*` variables, which is how `npm run dev` and tests
 * point the same code at local servers.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { loadAwsTokenSecret } from '../adapters/aws-secret.js';
import { TokenSigner } from '../core/send/tokens.js';

const EnvSchema = z.object({
  CONTENT_BUCKET: z.string().min(1).optional(),
  ARCHIVE_BUCKET: z.string().min(1).optional(),
  SUBSCRIBERS_TABLE: z.string().min(1).optional(),
  SEND_TABLE: z.string().min(1).optional(),
  SEND_QUEUE_URL: z.url().optional(),
  SIGNING_SECRET_NAME: z.string().min(1).optional(),
  CONFIGURATION_SET: z.string().min(1).optional(),
  /** Messages per second this worker may hand to SES: the account rate divided by the send function's concurrency. */
  SEND_RATE_PER_WORKER: z.coerce.number().positive().optional(),
});
type Env = z.infer<typeof EnvSchema>;

let env: Env | undefined;
/** The named variable, or a thrown one-line error naming it (a deployment mistake: retried, then alarmed). */
export function required<K extends keyof Env>(name: K): NonNullable<Env[K]> {
  env ??= EnvSchema.parse(process.env);
  const value = env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value as NonNullable<Env[K]>;
}

// Pure (for the bundler): a function that never uses a client does not carry or load its SDK package
// (send has no SQS, the admin function no S3, SES or SSM). The ones a function does use are made at cold start.
export const s3 = /* @__PURE__ */ new S3Client({});
export const documents = /* @__PURE__ */ DynamoDBDocumentClient.from(/* @__PURE__ */ new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
export const sqs = /* @__PURE__ */ new SQSClient({});
export const ses = /* @__PURE__ */ new SESv2Client({});
const ssm = /* @__PURE__ */ new SSMClient({});

let secret: Promise<string> | undefined;
/** The token signer for `listId`; the secret is read once per container and never kept in the environment. */
export async function awsTokens(listId: string): Promise<TokenSigner> {
  secret ??= loadAwsTokenSecret(ssm, required('SIGNING_SECRET_NAME')).catch((err: unknown) => {
    secret = undefined; // a failed read is retried on the next invocation, not cached
    throw err;
  });
  // Opaque: every token names the subscriber's keyed id, never the address (which would reach logs, referrers and forwarded links).
  return new TokenSigner({ secret: await secret, listId, subjects: 'opaque' });
}
