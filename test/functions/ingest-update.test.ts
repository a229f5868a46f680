import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import type { S3Event, SQSBatchResponse } from 'aws-lambda';
import { beforeEach, expect, it } from 'vitest';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { S3ArchiveStore } from '../../adapters/s3-archive-store.js';
import { S3ContentStore } from '../../adapters/s3-content-store.js';
import { statusCommand } from '../../cli/commands/status.js';
import { compileTemplates } from '../../core/render/templates.js';
import { createHandler, type IngestDeps } from '../../functions/ingest-update.js';
import { freshBucket, localS3 } from '../support/aws-clients.js';
import { s3Event, s3TestEventBody, sqsBatch } from './s3-events.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const s3 = localS3();
const templates = (async () => ({ templates: compileTemplates(await readTemplateFiles()), assets: await readAssets() }))();

let bucket: string;
let written: string[];
let handler: (event: Parameters<ReturnType<typeof createHandler>>[0]) => Promise<SQSBatchResponse | void>;

/** The seed content (config and July 2010) in a fresh bucket, and a handler over the real S3 stores. */
beforeEach(async () => {
  bucket = await freshBucket(s3, 'content');
  for (const dir of ['config', 'updates/2010-07', 'issues/2010-07']) {
    for (const name of await readdir(join(CONTENT, dir))) await put(`${dir}/${name}`, await readFile(join(CONTENT, dir, name)));
  }
  written = [];
  const content = new S3ContentStore(s3, bucket);
  const out = new S3ArchiveStore(s3, bucket);
  const counting = Object.assign(Object.create(out) as S3ArchiveStore, {
    write: async (key: string, body: string | Uint8Array, type?: string) => {
      const changed = await out.write(key, body, type);
      if (changed) written.push(key);
      return changed;
    },
  });
  const deps: IngestDeps = { content, out: counting, versionOf: (k) => content.versionOf(k), ...(await templates), logger: new Logger({ logLevel: 'SILENT' }), clock: { now: () => NOW } };
  handler = createHandler(async () => deps);
});

async function copyContent(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-status-'));
  for (const sub of ['config', 'updates/2010-07', 'issues/2010-07']) await cp(join(CONTENT, sub), join(dir, sub), { recursive: true });
  return dir;
}

const put = (key: string, body: string | Uint8Array) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const text = async (key: string) => Buffer.from((await new S3ContentStore(s3, bucket).read(key)) ?? []).toString('utf8');
const report = async (key: string) => JSON.parse(await text(key)) as { path: string; status: string; problems: { text: string }[] };

const NOW = new Date('2010-08-03T12:00:00Z'); // before the month's deadline: an invalid file is 'invalid', not yet 'late'
const INVALID = '---\nworkstream: civil-liberties\nmonth: "2010-07"\nsumary: typo\n---\nText.\n';

it('reports a valid update and renders the month\'s draft preview (web page, email HTML and text)', async () => {
  // Act: the S3 → SQS → Lambda shape
  const res = await handler(sqsBatch([s3Event(bucket, 'updates/2010-07/civil-liberties.md')]));
  // Assert
  expect(res).toEqual({ batchItemFailures: [] });
  expect(await report('reports/2010-07/civil-liberties.md.json')).toMatchObject({ path: 'updates/2010-07/civil-liberties.md', status: 'valid', problems: [] });
  for (const f of ['index.html', 'email.html', 'email.txt']) expect(await text(`previews/2010-07/${f}`)).toContain('DNA');
  expect(await text('previews/2010-07/index.html')).toMatch(/href="\.\.\/assets\/site\.css"/);
  expect(await text('previews/assets/site.css')).not.toBe('');
});

it('reports an invalid update with located problems, and still previews the rest of the month', async () => {
  await put('updates/2010-07/civil-liberties.md', INVALID);
  await handler(sqsBatch([s3Event(bucket, 'updates/2010-07/civil-liberties.md')]));
  const r = await report('reports/2010-07/civil-liberties.md.json');
  expect(r.status).toBe('invalid');
  expect(r.problems.map((p) => p.text)).toContainEqual(expect.stringMatching(/^updates\/2010-07\/civil-liberties\.md:4:\d+: sumary: /));
  const preview = await text('previews/2010-07/index.html');
  expect(preview).toContain('Special Constables');
  expect(preview).not.toContain('DNA - Londoners have their say');
});

it('decodes "+"-encoded keys: removing "a b.md" and "a+b.md" marks exactly those files removed', async () => {
  // Arrange: two files whose names S3 encodes as `a+b.md` and `a%2Bb.md`
  for (const name of ['a b.md', 'a+b.md']) await put(`updates/2010-07/${name}`, INVALID);
  await handler(sqsBatch([s3Event(bucket, 'updates/2010-07/a b.md'), s3Event(bucket, 'updates/2010-07/a+b.md')]));
  expect((await report('reports/2010-07/a b.md.json')).status).toBe('invalid');
  for (const name of ['a b.md', 'a+b.md']) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `updates/2010-07/${name}` }));
  // Act
  await handler(sqsBatch([s3Event(bucket, 'updates/2010-07/a b.md', 'ObjectRemoved:Delete'), s3Event(bucket, 'updates/2010-07/a+b.md', 'ObjectRemoved:Delete')]));
  // Assert
  expect((await report('reports/2010-07/a b.md.json')).status).toBe('removed');
  expect((await report('reports/2010-07/a+b.md.json')).status).toBe('removed');
  const reports = await new S3ContentStore(s3, bucket).list('reports/2010-07/');
  expect(reports.filter((k) => /\/a[ +]b/.test(k))).toEqual(['reports/2010-07/a b.md.json', 'reports/2010-07/a+b.md.json']);
});

it('writes nothing new for duplicate deliveries, in one batch or across batches', async () => {
  const event = s3Event(bucket, 'updates/2010-07/specials.md');
  await handler(sqsBatch([event, event]));
  const first = written.length;
  expect(first).toBeGreaterThan(0);
  await handler(sqsBatch([event]));
  await handler(event);
  expect(written).toHaveLength(first);
});

it('re-derives from the bucket, not the events: a delete delivered before its put still ends removed', async () => {
  // Arrange: the author put the file, then deleted it; S3 delivers the events the other way round
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'updates/2010-07/civil-liberties.md' }));
  const removed = s3Event(bucket, 'updates/2010-07/civil-liberties.md', 'ObjectRemoved:Delete', '0055AED6DCD90281F0');
  const created = s3Event(bucket, 'updates/2010-07/civil-liberties.md', 'ObjectCreated:Put', '0055AED6DCD90281E5');
  // Act
  await handler(sqsBatch([removed]));
  await handler(sqsBatch([created]));
  // Assert
  expect((await report('reports/2010-07/civil-liberties.md.json')).status).toBe('removed');
  expect(await text('previews/2010-07/index.html')).not.toContain('DNA - Londoners have their say');
});

it('ignores s3:TestEvent, and fails only the message that is not an S3 notification', async () => {
  const batch = sqsBatch([s3TestEventBody(bucket), '{"unexpected":true}', s3Event(bucket, 'updates/2010-07/specials.md')]);
  const res = (await handler(batch)) as SQSBatchResponse;
  expect(res.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[1]!.messageId }]);
  expect(written).toContain('reports/2010-07/specials.md.json');
});

it('on a config change re-derives every month; on a broken config reports it and leaves the months alone', async () => {
  await handler(sqsBatch([s3Event(bucket, 'config/workstreams.yaml')]));
  expect((await report('reports/config/workstreams.yaml.json')).status).toBe('valid');
  expect(written).toContain('previews/2010-07/index.html');

  written.length = 0;
  await put('config/workstreams.yaml', 'workstreams: [');
  await handler({ Records: s3Event(bucket, 'config/workstreams.yaml').Records } satisfies S3Event);
  expect((await report('reports/config/workstreams.yaml.json')).status).toBe('invalid');
  expect(written.filter((k) => k.startsWith('previews/'))).toEqual([]);
});

/** What `bulletin status --month 2010-07 --json` prints for `dir` at NOW, without the file times (the CLI reads them from disk). */
async function cliStatus(dir: string): Promise<any> {
  const lines: string[] = [];
  await statusCommand({ content: dir, month: '2010-07', json: true, now: NOW }, { out: (l: string) => lines.push(l), err: () => {}, progress: () => ({ tick: () => {}, done: () => {} }) } as never);
  const status = JSON.parse(lines.join('\n'));
  for (const w of status.workstreams) delete w.lastChanged;
  return status;
}

it('writes the month\'s status after every drop: status.json as `bulletin status --json` says it, status.html as the preview shows it', async () => {
  // Arrange: the same invalid file in the bucket and in a copy of the content folder
  const dir = await copyContent();
  await writeFile(join(dir, 'updates/2010-07/civil-liberties.md'), INVALID);
  await put('updates/2010-07/civil-liberties.md', INVALID);
  // Act
  await handler(sqsBatch([s3Event(bucket, 'updates/2010-07/civil-liberties.md')]));
  // Assert
  const status = JSON.parse(await text('previews/2010-07/status.json'));
  expect(status).toEqual(await cliStatus(dir));
  expect(status.workstreams.find((w: { id: string }) => w.id === 'civil-liberties').state).toBe('invalid');
  const page = await text('previews/2010-07/status.html');
  expect(page).toMatch(/href="\.\.\/assets\/site\.css"/);
  for (const w of status.workstreams) expect(page).toContain(`<strong>${w.state}</strong>`);
  expect(page).toContain('Not ready to publish');
});
