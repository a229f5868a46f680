import { CreateQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, it } from 'vitest';
import { SqsQueue } from '../../adapters/sqs-queue.js';
import { localSqs, uniqueName } from '../support/aws-clients.js';

const noWait = async () => {};

async function drain(client: SQSClient, queueUrl: string): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (;;) {
    const res = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!res.Messages?.length) return bodies;
    bodies.push(...res.Messages.map((m) => JSON.parse(m.Body!)));
  }
}

it('enqueues every message as JSON, ten per batch, on the local SQS server', async () => {
  // Arrange
  const client = localSqs();
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: uniqueName('send') }));
  const calls: number[] = [];
  client.middlewareStack.add((next) => async (args) => {
    calls.push(((args.input as { Entries?: unknown[] }).Entries ?? []).length);
    return next(args);
  }, { step: 'initialize' });
  const messages = Array.from({ length: 23 }, (_, i) => ({ issueId: '2010-07', batch: i, recipients: [`key${i}`] }));
  // Act
  await new SqsQueue(client, QueueUrl!).send(messages);
  // Assert
  expect(calls).toEqual([10, 10, 3]);
  const got = (await drain(client, QueueUrl!)) as { batch: number }[];
  expect(got.map((m) => m.batch).sort((a, b) => a - b)).toEqual(messages.map((m) => m.batch));
});

it('retries only the entries of a partial batch failure (fault injection)', async () => {
  // Arrange: the first call fails two entries with a throttling-type code, the retry succeeds
  const client = new SQSClient({ region: 'eu-west-2' });
  const mock = mockClient(client);
  mock.on(SendMessageBatchCommand)
    .resolvesOnce({ Successful: [], Failed: [{ Id: 'm1', Code: 'ThrottlingException', SenderFault: false }, { Id: 'm3', Code: 'InternalError', SenderFault: false }] })
    .resolves({ Successful: [], Failed: [] });
  // Act
  await new SqsQueue(client, 'https://sqs.local/q', { sleep: noWait }).send([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
  // Assert
  const calls = mock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries!.map((e) => e.MessageBody));
  expect(calls).toEqual([['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}'], ['{"n":1}', '{"n":3}']]);
});

it('gives up after the attempts, and at once on a sender fault, naming the entries', async () => {
  const client = new SQSClient({ region: 'eu-west-2' });
  const mock = mockClient(client);
  mock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: 'm0', Code: 'ThrottlingException', SenderFault: false }] });
  await expect(new SqsQueue(client, 'q', { sleep: noWait, attempts: 3 }).send([{ n: 0 }])).rejects.toMatchObject({ code: 'QUEUE_SEND_FAILED', retryable: true, message: expect.stringContaining('m0: ThrottlingException') });
  expect(mock.commandCalls(SendMessageBatchCommand)).toHaveLength(3);

  mock.reset();
  mock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [{ Id: 'm0', Code: 'InvalidMessageContents', SenderFault: true }] });
  await expect(new SqsQueue(client, 'q', { sleep: noWait }).send([{ n: 0 }])).rejects.toMatchObject({ retryable: false });
  expect(mock.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
});

it('splits a batch before it would pass the request size limit, and refuses an oversized message', async () => {
  const client = new SQSClient({ region: 'eu-west-2' });
  const mock = mockClient(client);
  mock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  const big = { pad: 'x'.repeat(100 * 1024) };
  await new SqsQueue(client, 'q').send([big, big, big]);
  expect(mock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([2, 1]);
  await expect(new SqsQueue(client, 'q').send([{ pad: 'x'.repeat(300 * 1024) }])).rejects.toMatchObject({ retryable: false });
});
