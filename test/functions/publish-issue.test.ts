import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, expect, it } from 'vitest';
import { S3ArchiveStore } from '../../adapters/s3-archive-store.js';
import { createHandler } from '../../functions/publish-issue.js';
import { previousLondonMonth } from '../../functions/publish-month-of.js';
import { PUBLISH_ARCHIVE_PREFIXES } from '../../infra/stateless-stack.js';
import { SendBatchMessageSchema, type SendBatchMessage } from '../../functions/send-message.js';
import { documentClient } from '../adapters/dynamo-table.js';
import { pipeline, receiveAll, type Pipeline } from './aws-pipeline.js';

let p: Pipeline;
beforeEach(async () => {
  p = await pipeline();
});

const queued = async () => (await receiveAll(p.queueUrl)).flatMap((e) => e.Records.map((r) => SendBatchMessageSchema.parse(JSON.parse(r.body))));
const recipients = (messages: SendBatchMessage[]) => messages.flatMap((m) => m.recipients.map((r) => r.email)).sort();
const addActive = (emails: string[]) => Promise.all(emails.map((email) => documentClient().send(new PutCommand({ TableName: p.subscribersTable, Item: { ...p.key(email), email, status: 'active' } }))));

it('publishes by hand: the archive, the record, the stored email and the plan, and queues every active subscriber once', async () => {
  // Act
  const result = await createHandler(async () => p.publishDeps)({ month: '2010-07' });
  // Assert
  expect(result).toMatchObject({ status: 'published', month: '2010-07', revision: 1, issueId: '2010-07', planned: 3, queued: 3 });
  const messages = await queued();
  expect(recipients(messages)).toEqual([...p.active].sort());
  expect(messages[0]).toMatchObject({ issueId: '2010-07', month: '2010-07', revision: 1, correction: false });
  const archive = new S3ArchiveStore(p.s3, p.archiveBucket);
  const keys = await archive.list('');
  expect(keys).toEqual(expect.arrayContaining(['records/2010-07/rev-1.json', 'site/2010/07/index.html', 'sends/2010-07/email.json']));
  // On AWS publish may write only the prefixes its role grants: any other folder would be AccessDenied there (s3rver has no IAM)
  expect([...new Set(keys.map((k) => k.split('/')[0]))].filter((top) => !(PUBLISH_ARCHIVE_PREFIXES as readonly string[]).includes(top!))).toEqual([]);
  const stored = JSON.parse(Buffer.from((await archive.read('sends/2010-07/email.json'))!).toString()) as { email: { html: string } };
  // The stored email is the one template render, its per-recipient slot intact, no address in it
  expect(stored.email.html).toContain('unsubscribe_url');
  for (const a of p.active) expect(JSON.stringify(stored)).not.toContain(a);
});

it('a repeated run keeps the plan: nobody new is added to an old issue, and only recipients not yet sent are queued', async () => {
  // Arrange
  const handler = createHandler(async () => p.publishDeps);
  await handler({ month: '2010-07' });
  await queued();
  await addActive(['newcomer@example.org']);
  const [first] = (await p.publishDeps.plans.read('2010-07'))!.recipients;
  await p.ledger.claim('2010-07', first!.key, { owner: 'x', messageId: 'm', claimedAt: new Date().toISOString() });
  await p.ledger.markDone('2010-07', first!.key, { owner: 'x', messageId: 'm', doneAt: new Date().toISOString() });
  // Act: the schedule delivers again
  const again = await handler({ month: '2010-07' });
  // Assert
  expect(again).toMatchObject({ status: 'unchanged', planned: 3, queued: 2 });
  const messages = await queued();
  expect(recipients(messages)).toEqual(p.active.filter((a) => a !== first!.email).sort());
  expect(recipients(messages)).not.toContain('newcomer@example.org');
});

it('queues batches of at most 50 recipients', async () => {
  await addActive(Array.from({ length: 120 }, (_, i) => `bulk-${i}.${p.queueUrl.slice(-10)}@example.org`));
  const result = await createHandler(async () => p.publishDeps)({ month: '2010-07' });
  expect(result).toMatchObject({ planned: 123, queued: 123 });
  const sizes = (await queued()).map((m) => m.recipients.length).sort((a, b) => b - a);
  expect(sizes).toEqual([50, 50, 23]);
});

it('takes the scheduler\'s event: the month before the scheduled time, on the London calendar', async () => {
  // 00:30 on 1 August in London is still 31 July in UTC: London's month decides
  expect(previousLondonMonth(new Date('2010-07-31T23:30:00Z'))).toBe('2010-07');
  expect(previousLondonMonth(new Date('2010-08-31T22:59:00Z'))).toBe('2010-07');
  expect(previousLondonMonth(new Date('2011-01-01T00:00:00Z'))).toBe('2010-12');
  const result = await createHandler(async () => p.publishDeps)({ month: 'previous', scheduledTime: '2010-08-01T08:00:00Z' });
  expect(result).toMatchObject({ status: 'published', month: '2010-07' });
});

it('refuses without throwing (not retryable), with its reasons, writing and queueing nothing', async () => {
  const handler = createHandler(async () => p.publishDeps);
  // Act: a month with no approved content, and an event that names no month
  const refused = await handler({ month: '2010-09' });
  const malformed = await handler({ month: 'July' });
  // Assert
  expect(refused).toMatchObject({ status: 'refused', month: '2010-09', reasons: expect.arrayContaining([expect.stringContaining('updates/2010-09/')]) });
  expect(malformed).toMatchObject({ status: 'refused', reasons: [expect.stringMatching(/^event: month: /)] });
  expect(await new S3ArchiveStore(p.s3, p.archiveBucket).list('')).toEqual([]);
  expect(await queued()).toEqual([]);
});

it('refuses a month whose subscriber table holds a damaged entry, naming the item', async () => {
  await documentClient().send(new PutCommand({ TableName: p.subscribersTable, Item: { ...p.key('typo@example.org'), email: 'typo@example.org', status: 'Unsubscribed' } }));
  const result = await createHandler(async () => p.publishDeps)({ month: '2010-07' });
  expect(result).toMatchObject({ status: 'refused', reasons: expect.arrayContaining([expect.stringContaining(`dynamodb:${p.subscribersTable}: [${p.key('typo@example.org').pk}].status`)]) });
  expect(await queued()).toEqual([]);
});
