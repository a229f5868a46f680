/**
 * The owner's notice of an invalid file, through the real handler over the
 * real local servers (s3rver, dynalite, aws-ses-v2-local): one email per
 * (file, version), whatever the events' count or order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { beforeEach, expect, it } from 'vitest';
import { DynamoNoticeLedger } from '../../adapters/dynamo-notice-ledger.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { S3ArchiveStore } from '../../adapters/s3-archive-store.js';
import { S3ContentStore } from '../../adapters/s3-content-store.js';
import { SesMailer } from '../../adapters/ses-mailer.js';
import { systemClock } from '../../adapters/system-clock.js';
import { compileTemplates } from '../../core/render/templates.js';
import { createHandler } from '../../functions/ingest-update.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { freshBucket, localS3, localSes, sesEmailsTo, uniqueName } from '../support/aws-clients.js';
import { s3Event, sqsBatch } from './s3-events.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const s3 = localS3();
const templates = (async () => ({ templates: compileTemplates(await readTemplateFiles()), assets: await readAssets() }))();
const INVALID = '---\nworkstream: civil-liberties\nmonth: "2010-07"\nsumary: typo\n---\nText.\n';
const KEY = 'updates/2010-07/civil-liberties.md';

let bucket: string;
let owner: string;
let lead: string;
let handler: ReturnType<typeof createHandler>;

/** The seed content with this test's own owner and contact addresses (the SES store is shared by the run). */
beforeEach(async () => {
  bucket = await freshBucket(s3, 'content');
  const tag = uniqueName('n');
  owner = `dna.${tag}@mpa.gov.uk`;
  lead = `metforward.${tag}@mpa.gov.uk`;
  for (const dir of ['config', 'updates/2010-07', 'issues/2010-07']) {
    for (const name of await readdir(join(CONTENT, dir))) {
      let body = await readFile(join(CONTENT, dir, name), 'utf8');
      if (name === 'workstreams.yaml') body = body.replace('owner: dna@mpa.gov.uk', `owner: ${owner}`);
      if (name === 'publication.yaml') body = body.replace(/^  email: metforward@mpa\.gov\.uk$/m, `  email: ${lead}`);
      await put(`${dir}/${name}`, body);
    }
  }
  const content = new S3ContentStore(s3, bucket);
  const notices = { mailer: new SesMailer(localSes(), { configurationSetName: 'test' }), ledger: new DynamoNoticeLedger(documentClient(), await freshTable('send')), clock: systemClock };
  const deps = { content, out: new S3ArchiveStore(s3, bucket), versionOf: (k: string) => content.versionOf(k), ...(await templates), logger: new Logger({ logLevel: 'SILENT' }), notices };
  handler = createHandler(async () => deps);
});

const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

it('mails the owner once for duplicate events of one invalid version, naming the file and each located problem', async () => {
  await put(KEY, INVALID);
  const event = s3Event(bucket, KEY);
  // Act: a batch with the event twice, then the same event again in later deliveries
  await handler(sqsBatch([event, event]));
  await handler(sqsBatch([event]));
  await handler(event);
  // Assert
  const mails = await sesEmailsTo(owner);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe('Your MPA Civil Liberties Panel update for Met Forward July 2010 has problems');
  expect(mails[0]!.body.text).toContain(`File: ${KEY}`);
  expect(mails[0]!.body.text).toMatch(/^ {2}updates\/2010-07\/civil-liberties\.md:4:\d+: sumary: /m);
  expect(mails[0]!.body.text).toContain('upload it again under the same name');
});

it('mails again for a new upload that is still invalid, and never for a valid file', async () => {
  await put(KEY, INVALID);
  await handler(sqsBatch([s3Event(bucket, KEY)]));
  await put(KEY, INVALID.replace('Text.', 'Other text.'));
  await handler(sqsBatch([s3Event(bucket, KEY)]));
  expect(await sesEmailsTo(owner)).toHaveLength(2);
  // Act: the owner fixes the file; an out-of-order event of an older version arrives after it
  await put(KEY, INVALID.replace('sumary', 'summary'));
  await handler(sqsBatch([s3Event(bucket, KEY), s3Event(bucket, KEY, 'ObjectCreated:Put', '0055AED6DCD90281A0')]));
  // Assert
  expect(await sesEmailsTo(owner)).toHaveLength(2);
});

it('sends the manifest\'s problems to the publication contact, with a subject of trusted values only', async () => {
  const manifest = 'issues/2010-07/issue.md';
  const original = await readFile(join(CONTENT, manifest), 'utf8');
  await put(manifest, original.replace(/^status: .*$/m, 'status: "Subject: injected\\r\\nBcc: x@evil.example"'));
  await handler(sqsBatch([s3Event(bucket, manifest)]));
  const mails = await sesEmailsTo(lead);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.subject).toBe('The Met Forward July 2010 issue manifest has problems');
  expect(mails[0]!.destination.to).toEqual([lead]);
  expect(mails[0]!.body.text).toContain('issues/2010-07/issue.md');
  expect(await sesEmailsTo('evil.example')).toEqual([]);
});
