import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, expect, it } from 'vitest';
import { S3ContentStore } from '../../adapters/s3-content-store.js';
import { freshBucket, localS3 } from '../support/aws-clients.js';

const s3 = localS3();
let bucket: string;
beforeAll(async () => {
  bucket = await freshBucket(s3, 'content');
  const keys = ['updates/2010-07/specials.md', 'updates/2010-07/civil-liberties.md', 'updates/2010-07/.DS_Store', 'updates/2010-08/specials.md', 'config/publication.yaml'];
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: `body of ${Key}` }));
});

it('lists every key under a prefix across pages, sorted', async () => {
  // Arrange: pages of two keys force three ListObjectsV2 calls for the month
  const store = new S3ContentStore(s3, bucket, 2);
  // Act
  const keys = await store.list('updates/2010-07/');
  // Assert
  expect(keys).toEqual(['updates/2010-07/.DS_Store', 'updates/2010-07/civil-liberties.md', 'updates/2010-07/specials.md']);
  expect(await store.list('updates/')).toHaveLength(4);
  expect(await store.list('nothing/')).toEqual([]);
});

it('reads bytes, and says absent (not an error) for a missing key', async () => {
  const store = new S3ContentStore(s3, bucket);
  expect(Buffer.from((await store.read('config/publication.yaml'))!).toString()).toBe('body of config/publication.yaml');
  expect(await store.read('config/missing.yaml')).toBeUndefined();
});

it('uses keys exactly as given: a literal "+" and a space are different objects', async () => {
  // Decoding `+` to a space belongs to the event edge; the store must not guess.
  const store = new S3ContentStore(s3, bucket);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'updates/2010-09/a b.md', Body: 'space' }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'updates/2010-09/a+b.md', Body: 'plus' }));
  expect(await store.list('updates/2010-09/')).toEqual(['updates/2010-09/a b.md', 'updates/2010-09/a+b.md']);
  expect(Buffer.from((await store.read('updates/2010-09/a+b.md'))!).toString()).toBe('plus');
});

it('fails closed on an S3 timeout: thrown, never mistaken for a missing file', async () => {
  // Arrange (fault injection): the request times out
  const client = new S3Client({ region: 'eu-west-2' });
  mockClient(client).onAnyCommand().rejects(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
  const store = new S3ContentStore(client, 'any');
  // Act / Assert
  await expect(store.read('updates/2010-07/specials.md')).rejects.toThrow('socket timed out');
  await expect(store.list('updates/')).rejects.toThrow('socket timed out');
});
