import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { classifySesError, SesMailer } from '../../adapters/ses-mailer.js';
import type { OutgoingMessage } from '../../core/ports.js';
import { localSes, sesEmailsTo, uniqueName } from '../support/aws-clients.js';

const LIST_UNSUBSCRIBE = '<https://bulletin.example.org/unsubscribe?token=abc>, <mailto:unsubscribe@example.org?subject=unsubscribe>';

/** A message shaped like the core composes: raw MIME, text + HTML, the list headers. */
async function rawMessage(to: string): Promise<OutgoingMessage> {
  const messageId = `<${uniqueName('m')}@bulletin.example.org>`;
  const raw = await new MailComposer({
    from: 'Met Forward <bulletin@example.org>', to, subject: 'Met Forward: July 2010', messageId,
    headers: { 'List-Unsubscribe': LIST_UNSUBSCRIBE, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Id': 'Met Forward <met-forward.example.org>' },
    text: 'Plain text part', html: '<p>HTML part</p>',
  }).compile().build();
  return { issueId: '2010-07', kind: 'issue', recipientKey: 'k1', messageId, to, raw };
}

const sesError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  new SESv2ServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

it('hands the raw MIME to SES v2 with the configuration set; the local server accepts and stores it', async () => {
  // Arrange: observe the request on the real client (no mock: the server answers)
  const client = localSes();
  const inputs: unknown[] = [];
  client.middlewareStack.add((next) => async (args) => { inputs.push(args.input); return next(args); }, { step: 'initialize' });
  const to = `${uniqueName('reader')}@example.org`;
  const message = await rawMessage(to);
  // Act
  const result = await new SesMailer(client, { configurationSetName: 'bulletin' }).send(message);
  // Assert: what went on the wire carries every list header…
  expect(result).toEqual({ status: 'accepted' });
  const input = inputs[0] as { ConfigurationSetName: string; Destination: { ToAddresses: string[] }; Content: { Raw: { Data: Uint8Array } } };
  expect(input.ConfigurationSetName).toBe('bulletin');
  expect(input.Destination.ToAddresses).toEqual([to]);
  const sent = await simpleParser(Buffer.from(input.Content.Raw.Data));
  const header = (key: string) => sent.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, ' ');
  expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: ${LIST_UNSUBSCRIBE}`);
  expect(sent.messageId).toBe(message.messageId);
  // …and the server stored a readable message (it drops non-address headers: see the adapter's note)
  const stored = await sesEmailsTo(to);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ subject: 'Met Forward: July 2010', body: { text: expect.stringContaining('Plain text part'), html: '<p>HTML part</p>' } });
});

it('is not idempotent and cannot say what it accepted', async () => {
  const mailer = new SesMailer(localSes(), { configurationSetName: 'bulletin' });
  expect(mailer.idempotent).toBe(false);
  expect(await mailer.wasAccepted()).toBeUndefined();
});

it('turns throttling, timeouts and 5xx into retryable MailerErrors (fault injection)', async () => {
  // Arrange
  const client = new SESv2Client({ region: 'eu-west-2', maxAttempts: 1 });
  const mock = mockClient(client);
  const mailer = new SesMailer(client, { configurationSetName: 'bulletin' });
  const message = await rawMessage('a@example.org');
  const faults = [
    sesError('TooManyRequestsException', 429),
    sesError('LimitExceededException', 400),
    Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }),
    Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    sesError('InternalServiceErrorException', 500, 'server'),
  ];
  for (const fault of faults) {
    mock.reset();
    mock.on(SendEmailCommand).rejects(fault);
    // Act / Assert
    await expect(mailer.send(message)).rejects.toMatchObject({ name: 'MailerError', retryable: true, cause: fault });
  }
});

it('marks rejected messages and account problems final for the recipient', () => {
  for (const [name, code] of [['MessageRejected', 'SES_REJECTED'], ['AccountSuspendedException', 'SES_ACCOUNT_SUSPENDED'], ['SendingPausedException', 'SES_SENDING_PAUSED'], ['BadRequestException', 'SES_BAD_REQUEST']] as const) {
    expect(classifySesError(sesError(name, 400))).toMatchObject({ code, retryable: false });
  }
});
