/**
 * The four local AWS-protocol servers for `npm run dev`, on random
 * loopback ports: s3rver (its own process; S3 notifications come back
 * through `onS3Event`), aws-ses-v2-local, dynalite, fauxqs. `stop()` stops
 * everything started here.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { S3Event } from 'aws-lambda';

export interface LocalServers {
  endpoints: { region: string; s3: string; ses: string; dynamodb: string; sqs: string };
  stop(): Promise<void>;
}

const loopback = (port: number) => `http://127.0.0.1:${port}`;

export async function startServers(onS3Event: (event: S3Event) => void): Promise<LocalServers> {
  const child = fork(fileURLToPath(new URL('./s3rver-child.mjs', import.meta.url)), [], { execArgv: ['--openssl-legacy-provider'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const s3Port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { port?: number; event?: S3Event }) => {
      if (m.port) resolve(m.port);
      if (m.event) onS3Event(m.event);
    });
    child.once('exit', () => reject(new Error('s3rver exited before listening')));
  });
  const [{ default: dynalite }, sesModule, { startFauxqs }] = await Promise.all([import('dynalite'), import('aws-ses-v2-local'), import('fauxqs')]);
  const startSes = ((sesModule as { default?: unknown }).default ?? sesModule) as (c: { host: string; port: number }) => Promise<Server>;
  const ses = await startSes({ host: '127.0.0.1', port: 0 });
  const sqs = await startFauxqs({ host: '127.0.0.1', port: 0, logger: false });
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await once(dynamo.listen(0, '127.0.0.1'), 'listening');
  return {
    endpoints: {
      region: 'eu-west-2', s3: loopback(s3Port), ses: loopback((ses.address() as AddressInfo).port),
      dynamodb: loopback((dynamo.address() as AddressInfo).port), sqs: loopback(sqs.port),
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await Promise.all([new Promise((r) => ses.close(r)), new Promise((r) => dynamo.close(r)), sqs.stop()]);
    },
  };
}
