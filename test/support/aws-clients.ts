/**
 * Ready SDK clients for the local servers started once per run by
 * test/global-setup-aws.ts, with the settings TOOLCHAIN.md lists for each
 * (s3rver: its fixed keys, path-style, checksums only when required).
 * Each test makes its own bucket/table/queue with `uniqueName`, so test
 * files running in parallel never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import type { AwsEndpoints } from './aws-endpoints.js';

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The endpoints provided by the global setup. */
export function awsEndpoints(): AwsEndpoints {
  return inject('aws');
}

/** A lower-case name unique to this call, valid for buckets, tables and queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export function localS3(): S3Client {
  const { s3, region } = awsEndpoints();
  return new S3Client({
    endpoint: s3, region, credentials, forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** A new, empty bucket on the local S3 server. */
export async function freshBucket(client: S3Client, prefix = 'bucket'): Promise<string> {
  const name = uniqueName(prefix);
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

export function localSes(): SESv2Client {
  const { ses, region } = awsEndpoints();
  return new SESv2Client({ endpoint: ses, region, credentials });
}

export function localDynamo(): DynamoDBClient {
  const { dynamodb, region } = awsEndpoints();
  return new DynamoDBClient({ endpoint: dynamodb, region, credentials });
}

export function localSqs(): SQSClient {
  const { sqs, region } = awsEndpoints();
  return new SQSClient({ endpoint: sqs, region, credentials });
}

/** One email as aws-ses-v2-local keeps it (`GET /store`). */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
}

/** Emails in the local SES store sent to `to` (the store is shared by the whole run). */
export async function sesEmailsTo(to: string): Promise<StoredEmail[]> {
  const res = await fetch(`${awsEndpoints().ses}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((t) => t.includes(to)));
}
