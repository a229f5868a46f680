/**
 * Starts the four local AWS-protocol servers ONCE per test run, on random
 * loopback ports, and hands their endpoints to tests through
 * `project.provide` (read them with `awsEndpoints()` from
 * test/support/aws-clients.ts). Stopped at teardown. A test file that does
 * not use them pays nothing beyond this one start (tens of milliseconds).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { AwsEndpoints } from './support/aws-endpoints.js';

declare module 'vitest' {
  export interface ProvidedContext {
    aws: AwsEndpoints;
  }
}

const loopback = (port: number) => `http://127.0.0.1:${port}`;

async function listen(server: Server): Promise<number> {
  if (!server.listening) await once(server.listen(0, '127.0.0.1'), 'listening');
  return (server.address() as AddressInfo).port;
}

async function startS3(): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('../dev/s3rver-child.mjs', import.meta.url));
  const child = fork(script, [], { execArgv: ['--openssl-legacy-provider'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => { throw new Error('s3rver exited before listening'); })])) as [{ port: number }];
  return { child, port: message.port };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [{ default: dynalite }, sesModule, { startFauxqs }] = await Promise.all([
    import('dynalite'),
    import('aws-ses-v2-local'),
    import('fauxqs'),
  ]);
  const startSes = ((sesModule as { default?: unknown }).default ?? sesModule) as (c: { host: string; port: number }) => Promise<Server>;
  const [s3, ses, sqs] = await Promise.all([startS3(), startSes({ host: '127.0.0.1', port: 0 }), startFauxqs({ host: '127.0.0.1', port: 0, logger: false })]);
  // Tables are ACTIVE at once: nothing here waits for AWS-like provisioning delays.
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  const dynamoPort = await listen(dynamo);
  project.provide('aws', {
    region: 'eu-west-2',
    s3: loopback(s3.port),
    ses: loopback(await listen(ses)),
    dynamodb: loopback(dynamoPort),
    sqs: loopback(sqs.port),
  });
  return async () => {
    s3.child.kill('SIGTERM');
    await Promise.all([
      s3.child.exitCode === null ? once(s3.child, 'exit') : undefined,
      new Promise((r) => ses.close(r)),
      new Promise((r) => dynamo.close(r)),
      sqs.stop(),
    ]);
  };
}
