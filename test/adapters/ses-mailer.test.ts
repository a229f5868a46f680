import { SendEmailCommand, SESv2Client, SESv2ServiceException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, it } from 'vitest';
import { classifySesError, fromAddress, SesMailer } from '../../adapters/ses-mailer.js';
import type { OutgoingMessage } from '../../core/ports.js';
import type { SendEnvelope } from '../../core/send/envelope.js';
import { personaliseMessage, prepareEmail } from '../../core/send/personalise-message.js';
import { slotFor } from '../../core/send/personalise.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { localSes, sesEmailsTo, uniqueName } from '../support/aws-clients.js';

const envelope: SendEnvelope = {
  from: { name: 'Met Forward', address: 'bulletin@example.org' }, replyTo: 'editor@example.org', listName: 'Met Forward', listId: 'met-forward.example.org',
  unsubscribeUrl: 'https://bulletin.example.org/unsubscribe', unsubscribeEmail: 'unsubscribe@example.org',
};
const KEY = '0123456789abcdef';
const slot = slotFor('unsubscribe_url', KEY);
const prepared = prepareEmail({ subject: 'Met Forward: July 2010 – café', slotKey: KEY, text: `Plain text part\n\nUnsubscribe: ${slot}\n`, html: `<p>HTML part</p><p><a href="${slot}">Unsubscribe</a></p>` });
const tokens = new TokenSigner({ secret: 'ses-test-secret-0123456789abcdefghijklmnop', listId: envelope.listId });

/** A message as the send path personalises it: parts and list headers, no MIME. */
function message(to: string): OutgoingMessage {
  return personaliseMessage({ prepared, envelope, tokens, issueId: uniqueName('issue'), kind: 'issue', to, date: new Date() });
}

const sesError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  new SESv2ServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

it('sends Content.Simple with the list headers; the local store has both List-Unsubscribe headers, List-Id, subject, text and html', async () => {
  // Arrange: observe the request on the real client (no mock: the server answers)
  const client = localSes();
  const inputs: unknown[] = [];
  client.middlewareStack.add((next) => async (args) => { inputs.push(args.input); return next(args); }, { step: 'initialize' });
  const to = `${uniqueName('reader')}@example.org`;
  const sent = message(to);
  // Act
  const result = await new SesMailer(client, { configurationSetName: 'bulletin' }).send(sent);
  // Assert: the request names the configuration set, the one recipient, and carries no MIME
  expect(result).toEqual({ status: 'accepted' });
  const input = inputs[0] as { ConfigurationSetName: string; Destination: { ToAddresses: string[] }; FromEmailAddress: string; ReplyToAddresses: string[]; Content: { Raw?: unknown } };
  expect(input).toMatchObject({ ConfigurationSetName: 'bulletin', Destination: { ToAddresses: [to] }, FromEmailAddress: 'Met Forward <bulletin@example.org>', ReplyToAddresses: ['editor@example.org'] });
  expect(input.Content.Raw).toBeUndefined();
  // …and the server stored it with every list header, as a new user reads it from GET /store
  const stored = await sesEmailsTo(to);
  expect(stored).toHaveLength(1);
  const header = (name: string) => stored[0]!.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
  const url = sent.mime!.values.unsubscribe_url!;
  expect(header('List-Unsubscribe')).toMatch(new RegExp(`^<${url.replace(/[.?]/g, '\\$&')}>, <mailto:unsubscribe@example\\.org\\?subject=unsubscribe%20[A-Za-z0-9_.-]+>$`));
  expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  expect(header('List-Id')).toBe('Met Forward <met-forward.example.org>');
  expect(stored[0]).toMatchObject({ subject: 'Met Forward: July 2010 – café', body: { text: sent.content.text, html: sent.content.html } });
  expect(stored[0]!.body.text).toContain(url);
  expect(stored[0]!.body.html).toContain(url.replace(/&/g, '&amp;'));
});

it('refuses, final for the recipient, a header SES would reject or that could add a header', async () => {
  const mailer = new SesMailer(localSes(), { configurationSetName: 'bulletin' });
  const base = message('a@example.org');
  for (const headers of [[{ name: 'List-Id', value: 'x\r\nBcc: evil@example.org' }], [{ name: 'Bad:Name', value: 'x' }], [{ name: 'List-Id', value: 'é' }], [{ name: 'List-Id', value: 'a' }, { name: 'list-id', value: 'b' }], [{ name: 'X-Long', value: 'a'.repeat(996) }]]) {
    await expect(mailer.send({ ...base, content: { ...base.content, headers } })).rejects.toMatchObject({ name: 'MailerError', code: 'SES_HEADER_INVALID', retryable: false });
  }
});

it('writes the From name as SES reads a header: plain, quoted, or encoded', () => {
  expect(fromAddress({ address: 'a@example.org' })).toBe('a@example.org');
  expect(fromAddress({ name: 'Met Forward', address: 'a@example.org' })).toBe('Met Forward <a@example.org>');
  expect(fromAddress({ name: 'MPA, "Met"', address: 'a@example.org' })).toBe('"MPA, \\"Met\\"" <a@example.org>');
  expect(fromAddress({ name: 'Café', address: 'a@example.org' })).toBe(`=?UTF-8?B?${Buffer.from('Café').toString('base64')}?= <a@example.org>`);
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
  const sent = message('a@example.org');
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
    await expect(mailer.send(sent)).rejects.toMatchObject({ name: 'MailerError', retryable: true, cause: fault });
  }
});

it('marks rejected messages and account problems final for the recipient', () => {
  for (const [name, code] of [['MessageRejected', 'SES_REJECTED'], ['AccountSuspendedException', 'SES_ACCOUNT_SUSPENDED'], ['SendingPausedException', 'SES_SENDING_PAUSED'], ['BadRequestException', 'SES_BAD_REQUEST']] as const) {
    expect(classifySesError(sesError(name, 400))).toMatchObject({ code, retryable: false });
  }
});
