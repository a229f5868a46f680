/**
 * The remind Lambda on the local servers: content in s3rver, the ledger
 * in dynalite, mail through aws-ses-v2-local (counted with `GET /store`).
 * A scheduled delivery sends the round due that London day and the
 * digest; a duplicate delivery sends nothing new; a day with nothing due
 * sends nothing; a manual invoke sends the kind asked for.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoReminderLedger } from '../../adapters/dynamo-reminder-ledger.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { S3ContentStore } from '../../adapters/s3-content-store.js';
import { SesMailer } from '../../adapters/ses-mailer.js';
import { createHandler, type RemindDeps } from '../../functions/remind-owners.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { freshBucket, localS3, localSes, sesEmailsTo, uniqueName } from '../support/aws-clients.js';
import { silent } from './aws-pipeline.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const MONTH = '2010-10';
const tag = uniqueName('r');
/** Addresses unique to this file: the SES store is shared by the whole run. */
const mine = (text: string) => text.replace(/@mpa\.gov\.uk/g, `.${tag}@mpa.gov.uk`);
const address = (local: string) => `${local}.${tag}@mpa.gov.uk`;

let clockAt = new Date('2010-11-04T09:00:00Z');
let handler: ReturnType<typeof createHandler>;

beforeAll(async () => {
  const s3 = localS3();
  const bucket = await freshBucket(s3, 'remind');
  const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  for (const name of await readdir(join(CONTENT, 'config'))) await put(`config/${name}`, mine(await readFile(join(CONTENT, 'config', name), 'utf8')));
  // Specials missing, civil-liberties invalid, anti-violence-panel skipped.
  for (const name of await readdir(join(CONTENT, 'updates', MONTH))) {
    if (name === 'specials.json' || name === 'anti-violence-panel.json') continue;
    const text = await readFile(join(CONTENT, 'updates', MONTH, name), 'utf8');
    await put(`updates/${MONTH}/${name}`, name === 'civil-liberties.json' ? text.replace('"title"', '"titel"') : text);
  }
  await put(`issues/${MONTH}/issue.md`, '---\nstatus: draft\nskip:\n  - anti-violence-panel\n---\n');
  const deps: RemindDeps = {
    content: new S3ContentStore(s3, bucket),
    mailer: new SesMailer(localSes(), { configurationSetName: 'bulletin' }),
    ledger: new DynamoReminderLedger(documentClient(), await freshTable('send')),
    clock: { now: () => clockAt },
    templates: await readTemplateFiles(),
    logger: silent(),
  };
  handler = createHandler(async () => deps);
});

const count = async (local: string) => (await sesEmailsTo(address(local))).length;
const counts = async () => ({ specials: await count('specials'), dna: await count('dna'), editor: await count('metforward'), others: await count('safer-neighbourhoods') + await count('anti-violence') + await count('lcrb') });

describe.sequential('remind-owners', () => {
  it('sends the reminder due on the scheduled London day to the owners to chase, then the digest', async () => {
    // Act: the deadline is Fri 5 Nov 2010 (the 7th is a Sunday), so the 4th is a reminder day.
    const result = await handler({ scheduledTime: '2010-11-04T09:00:00Z' });

    // Assert
    expect(result).toEqual({ status: 'done', date: '2010-11-04', rounds: [{ month: MONTH, kinds: ['reminder'], sent: ['reminder:civil-liberties', 'reminder:specials'], alreadySent: [], digest: 'sent' }] });
    expect(await counts()).toEqual({ specials: 1, dna: 1, editor: 1, others: 0 });
    const [digest] = await sesEmailsTo(address('metforward'));
    expect(digest!.subject).toBe('Digest: Met Forward October 2010: 1 missing, 1 invalid, not ready to publish on Wed, 10 Nov 2010');
    expect(digest!.body.text).toMatch(/civil-liberties\.json:\d+:\d+: titel:/);
  });

  it('sends nothing new when the same schedule delivery comes again (even late)', async () => {
    // Arrange
    clockAt = new Date('2010-11-04T11:00:00Z');

    // Act
    const result = await handler({ scheduledTime: '2010-11-04T09:00:00Z' });

    // Assert
    expect(result).toMatchObject({ status: 'done', rounds: [{ sent: [], alreadySent: ['reminder:civil-liberties', 'reminder:specials'], digest: 'already-sent' }] });
    expect(await counts()).toEqual({ specials: 1, dna: 1, editor: 1, others: 0 });
  });

  it('sends nothing on a day the calendar has no round', async () => {
    // Arrange
    clockAt = new Date('2010-11-03T09:00:00Z');

    // Act
    const result = await handler({ scheduledTime: '2010-11-03T09:00:00Z' });

    // Assert
    expect(result).toEqual({ status: 'done', date: '2010-11-03', rounds: [] });
    expect(await counts()).toEqual({ specials: 1, dna: 1, editor: 1, others: 0 });
  });

  it('on a manual invoke sends the kind asked for, dated today, with that day\'s digest', async () => {
    // Arrange
    clockAt = new Date('2010-11-08T10:00:00Z');

    // Act
    const result = await handler({ month: MONTH, kind: 'call' });

    // Assert: after the deadline both are late, and still chased.
    expect(result).toEqual({ status: 'done', date: '2010-11-08', rounds: [{ month: MONTH, kinds: ['call'], sent: ['call:civil-liberties', 'call:specials'], alreadySent: [], digest: 'sent' }] });
    expect(await counts()).toEqual({ specials: 2, dna: 2, editor: 2, others: 0 });
  });

  it.each([
    [{}], [{ month: MONTH }], [{ month: '2010-13', kind: 'call' }], [{ scheduledTime: 'yesterday' }], [{ scheduledTime: '2010-11-04T09:00:00Z', extra: 1 }], [null],
  ])('refuses %j without sending anything', async (event) => {
    // Act
    const result = await handler(event);

    // Assert
    expect(result).toMatchObject({ status: 'refused', reasons: [expect.stringMatching(/^event: /)] });
    expect(await counts()).toEqual({ specials: 2, dna: 2, editor: 2, others: 0 });
  });
  it('takes the London date of the scheduled time, in summer time and out of it', async () => {
    // Act: 23:30 UTC on 31 Aug 2010 is 00:30 BST on 1 Sep, the August issue's call day; 31 Oct 2010 is GMT again.
    const summer = await handler({ scheduledTime: '2010-08-31T23:30:00Z' });
    const winter = await handler({ scheduledTime: '2010-10-31T23:30:00Z' });

    // Assert
    expect(summer).toMatchObject({ status: 'done', date: '2010-09-01', rounds: [{ month: '2010-08', kinds: ['call'] }] });
    expect(winter).toEqual({ status: 'done', date: '2010-10-31', rounds: [] });
  });
});
