import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, expect, it } from 'vitest';
import { cacheControlFor, S3ArchiveStore } from '../../adapters/s3-archive-store.js';
import { freshBucket, localS3 } from '../support/aws-clients.js';

const s3 = localS3();
let store: S3ArchiveStore;
beforeAll(async () => {
  store = new S3ArchiveStore(s3, await freshBucket(s3, 'archive'), 2);
});

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
const notFound = () => s3Error('NotFound', 404);

it('writes changed bytes and skips identical ones', async () => {
  expect(await store.write('site/2010/07/index.html', '<p>one</p>')).toBe(true);
  expect(await store.write('site/2010/07/index.html', '<p>one</p>')).toBe(false);
  expect(await store.write('site/2010/07/index.html', new TextEncoder().encode('<p>one</p>'))).toBe(false);
  expect(await store.write('site/2010/07/index.html', '<p>two</p>')).toBe(true);
  expect(Buffer.from((await store.read('site/2010/07/index.html'))!).toString()).toBe('<p>two</p>');
});

it('sets the content type and Cache-Control of each file type', async () => {
  const cases = [
    ['site/index.html', 'text/html; charset=utf-8', 'public, max-age=300, must-revalidate'],
    ['site/feed.xml', 'application/xml; charset=utf-8', 'public, max-age=300, must-revalidate'],
    ['site/assets/site.css', 'text/css; charset=utf-8', 'public, max-age=3600'],
    ['site/2010/07/dates.ics', 'text/calendar; charset=utf-8', 'public, max-age=300, must-revalidate'],
    ['records/2010-06/rev-1.json', 'application/json; charset=utf-8', 'private, no-store'],
  ] as const;
  for (const [key, type, cache] of cases) {
    await store.write(key, `content of ${key}`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: store.bucket, Key: key }));
    expect([head.ContentType, head.CacheControl]).toEqual([type, cache]);
  }
  await store.write('site/x.bin', 'x', 'text/plain; charset=utf-8');
  expect((await s3.send(new HeadObjectCommand({ Bucket: store.bucket, Key: 'site/x.bin' }))).ContentType).toBe('text/plain; charset=utf-8');
  // Pagefind's content-named files are immutable, in any year's bundle; its entry file (which names them) is not.
  for (const key of ['site/pagefind/2010/fragment/en_1a2b.pf_fragment', 'site/pagefind/2010/index/en_1a2b.pf_index', 'site/pagefind/2011/pagefind.en_7ee512b7ea.pf_meta']) {
    expect(cacheControlFor(key)).toContain('immutable');
  }
  for (const key of ['site/pagefind/2010/pagefind-entry.json', 'site/pagefind/2010/wasm.en.pagefind', 'site/2010/07/index.html']) expect(cacheControlFor(key)).not.toContain('immutable');
});

it('creates only when absent, keeping the first bytes (s3rver ignores If-None-Match: the HEAD covers it)', async () => {
  expect(await store.create('records/2010-07/rev-1.json', '{"first":true}')).toBe(true);
  expect(await store.create('records/2010-07/rev-1.json', '{"second":true}')).toBe(false);
  expect(Buffer.from((await store.read('records/2010-07/rev-1.json'))!).toString()).toBe('{"first":true}');
});

it('lists across pages and reads absent keys as undefined', async () => {
  for (const k of ['a', 'b', 'c']) await store.write(`site/list/${k}.txt`, k);
  expect(await store.list('site/list/')).toEqual(['site/list/a.txt', 'site/list/b.txt', 'site/list/c.txt']);
  expect(await store.read('site/list/zzz.txt')).toBeUndefined();
});

it('maps S3\'s 412 to "exists" when another writer wins the race after the HEAD', async () => {
  // Arrange (fault injection): HEAD says absent, the conditional PUT loses on AWS
  const client = new S3Client({ region: 'eu-west-2' });
  const mock = mockClient(client);
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
  const racing = new S3ArchiveStore(client, 'archive');
  // Act
  const created = await racing.create('records/2010-07/rev-1.json', '{}');
  // Assert
  expect(created).toBe(false);
  expect(mock.commandCalls(PutObjectCommand)[0]!.args[0].input.IfNoneMatch).toBe('*');
});

it('maps a 409 conflict to "exists" only when the other write landed; other failures are thrown', async () => {
  const client = new S3Client({ region: 'eu-west-2' });
  const mock = mockClient(client);
  mock.on(HeadObjectCommand).rejectsOnce(notFound()).resolves({ ETag: '"abc"' });
  mock.on(PutObjectCommand).rejects(s3Error('ConditionalRequestConflict', 409));
  expect(await new S3ArchiveStore(client, 'archive').create('k', 'x')).toBe(false);

  mock.reset();
  mock.on(HeadObjectCommand).rejects(notFound());
  mock.on(PutObjectCommand).rejects(s3Error('SlowDown', 503));
  await expect(new S3ArchiveStore(client, 'archive').create('k', 'x')).rejects.toThrow('SlowDown');
});
