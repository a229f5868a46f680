import { setTimeout as wait } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { expect, it } from 'vitest';
import { awsEndpoints, freshBucket, localDynamo, localS3, localSqs, uniqueName } from '../support/aws-clients.js';

it('serves every endpoint on loopback', () => {
  for (const url of Object.values(awsEndpoints()).filter((v) => v.startsWith('http'))) {
    expect(new URL(url).hostname).toBe('127.0.0.1');
  }
});

it('pages ListObjectsV2 on s3rver (needs the legacy OpenSSL provider in its process)', async () => {
  // Arrange
  const s3 = localS3();
  const bucket = await freshBucket(s3);
  for (const n of [1, 2, 3]) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `k/${n}`, Body: String(n) }));
  // Act
  const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2 }));
  const second = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2, ContinuationToken: first.NextContinuationToken }));
  // Assert
  expect(first.IsTruncated).toBe(true);
  expect([...(first.Contents ?? []), ...(second.Contents ?? [])].map((o) => o.Key)).toEqual(['k/1', 'k/2', 'k/3']);
});

it('creates active DynamoDB tables and round-trips SQS messages', async () => {
  const db = localDynamo();
  const table = uniqueName('t');
  await db.send(new CreateTableCommand({
    TableName: table, BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  }));
  // dynalite makes a table ACTIVE on a later tick than the create call's reply (as DynamoDB does, later still): within 2 s.
  const status = async () => (await db.send(new DescribeTableCommand({ TableName: table }))).Table?.TableStatus;
  for (let i = 0; i < 400 && (await status()) !== 'ACTIVE'; i++) await wait(5);
  expect(await status()).toBe('ACTIVE');
  const sqs = localSqs();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('q') }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
  expect(got.Messages?.[0]?.Body).toBe('hello');
});
