import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, expect, it } from 'vitest';
import { SesMailer } from '../../adapters/ses-mailer.js';
import type { SendLedger } from '../../core/ports.js';
import { createHandler as publishHandler } from '../../functions/publish-issue.js';
import { createHandler, type SendDeps } from '../../functions/send-batch.js';
import { documentClient } from '../adapters/dynamo-table.js';
import { sesEmailsTo } from '../support/aws-clients.js';
import { pipeline, receiveAll, type Pipeline } from './aws-pipeline.js';

let p: Pipeline;
let event: SQSEvent;
beforeEach(async () => {
  p = await pipeline();
  await publishHandler(async () => p.publishDeps)({ month: '2010-07' });
  [event] = await receiveAll(p.queueUrl) as [SQSEvent];
});

const send = (overrides: Partial<SendDeps> = {}) => createHandler(async () => p.sendDeps(overrides));
const copies = async (emails: readonly string[]) => Promise.all(emails.map(async (e) => (await sesEmailsTo(e)).length));
const ledgerRows = async () => (await documentClient().send(new QueryCommand({ TableName: p.sendTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ledger#2010-07' } }))).Items ?? [];

it('sends each planned recipient one personalised message through SES, and a duplicate delivery sends none', async () => {
  // Act: SQS at-least-once — the same batch delivered twice
  const first = await send()(event);
  const again = await send()(event);
  // Assert
  expect(first).toEqual({ batchItemFailures: [] });
  expect(again).toEqual({ batchItemFailures: [] });
  expect(await copies(p.active)).toEqual(p.active.map(() => 1));
  expect(await copies(p.inactive)).toEqual(p.inactive.map(() => 0));
  const [mail] = await sesEmailsTo(p.active[0]!);
  expect(mail!.subject).toContain('July 2010');
  expect(mail!.body.html).toContain('unsubscribe?token=');
  expect(mail!.body.html).not.toContain('%%{');
  const header = (name: string) => mail!.headers?.find((h) => h.name === name)?.value;
  expect(header('List-Unsubscribe')).toMatch(/^<https:\/\/[^>]+\/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$/);
  expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  expect(header('List-Id')).toMatch(/<[^>]+>$/);
  expect((await ledgerRows()).map((r) => r.state)).toEqual(['done', 'done', 'done']);
});

it('never mails an address that opted out (or was erased) after publish', async () => {
  await documentClient().send(new UpdateCommand({ TableName: p.subscribersTable, Key: p.key(p.active[1]!), UpdateExpression: 'SET #s = :u', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':u': 'unsubscribed' } }));
  await send()(event);
  expect(await copies(p.active)).toEqual([1, 0, 1]);
});

it('fails a bad record alone: the good batch is sent, the malformed one is reported for redelivery', async () => {
  // Arrange: the real batch plus an unreadable body and a message for an issue whose email was never stored
  const good = event.Records[0]!;
  const bad = { ...good, messageId: 'bad-json', body: '{"issueId":' };
  const unknown = { ...good, messageId: 'no-email', body: good.body.replaceAll('"2010-07"', '"2010-06"') };
  // Act
  const result = await send()({ Records: [bad, good, unknown] });
  // Assert
  expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-json', 'no-email']);
  expect(await copies(p.active)).toEqual([1, 1, 1]);
});

it('turns SES throttling into a batch item failure and releases the claims, so the redelivery sends each once (fault injection)', async () => {
  // Arrange: every SendEmail throttled
  const client = new SESv2Client({ region: 'eu-west-2', maxAttempts: 1 });
  mockClient(client).on(SendEmailCommand).rejects(new SESv2ServiceException({ name: 'TooManyRequestsException', $fault: 'client', $metadata: { httpStatusCode: 429 }, message: 'Maximum sending rate exceeded.' }));
  // Act
  const throttled = await send({ mailer: new SesMailer(client, { configurationSetName: 'bulletin' }) })(event);
  // Assert
  expect(throttled.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]!.messageId }]);
  expect(await copies(p.active)).toEqual([0, 0, 0]);
  expect((await ledgerRows()).map((r) => r.state)).toEqual(['release', 'release', 'release']);
  // Act: SQS redelivers once the visibility timeout passes; SES has capacity again
  const redelivered = await send()(event);
  expect(redelivered).toEqual({ batchItemFailures: [] });
  expect(await copies(p.active)).toEqual([1, 1, 1]);
});

it('re-drives a batch that crashed between SES accepting and the ledger recording: one row per recipient, no resend until the claim times out', async () => {
  // Arrange: the worker "dies" after SES accepted the second recipient, before its DONE is written
  const base = p.sendDeps().ledger;
  let calls = 0;
  const crashing: SendLedger = {
    claim: (...a) => base.claim(...a),
    takeOver: (...a) => base.takeOver(...a),
    release: (...a) => base.release(...a),
    markDone: async (...a) => {
      if (++calls === 2) throw new Error('Runtime exited with error: signal: killed');
      return base.markDone(...a);
    },
  };
  const crashed = await send({ ledger: crashing })(event);
  expect(crashed.batchItemFailures).toHaveLength(1);
  // Act 1: redelivered at once — the held claim is not taken over (SES cannot say it already accepted)
  const early = await send()(event);
  // Act 2: redelivered after the claim timeout (15 minutes)
  p.clock.offset = 16 * 60_000;
  const late = await send()(event);
  // Assert
  expect(early.batchItemFailures).toHaveLength(1);
  expect(late).toEqual({ batchItemFailures: [] });
  const rows = await ledgerRows();
  expect(rows).toHaveLength(3);
  expect(rows.map((r) => r.state)).toEqual(['done', 'done', 'done']);
  // The documented SES bound: at most the one message in flight at the crash is sent twice
  expect((await copies(p.active)).sort()).toEqual([1, 1, 2]);
});
