/**
 * `npm run dev`'s start (dev/dev-stack.ts) in process, on random loopback
 * ports: the endpoints file names every server and resource, the
 * subscribers file is seeded, and a drop put by an S3 client goes through
 * the real ingest handler — an invalid update yields its report and one
 * email to its owner in the stack's own SES store.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevStack, type DevStack } from '../../dev/dev-stack.js';
import { createHandler as createPublish } from '../../functions/publish-issue.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
let dir: string;
let stack: DevStack;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-stack-'));
  stack = await startDevStack({ contentDir: CONTENT, endpointsFile: join(dir, 'endpoints.json'), secretFile: join(dir, 'token-secret'), ratePerSecond: 100, onError: () => {} });
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('writes an endpoints file with every server URL and resource name', async () => {
  const endpoints = JSON.parse(await readFile(join(dir, 'endpoints.json'), 'utf8')) as Record<string, string>;
  for (const url of ['s3', 'ses', 'dynamodb', 'sqs', 'archive']) expect(endpoints[url]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
  for (const name of ['contentBucket', 'archiveBucket']) expect(endpoints[name]).toMatch(/^[a-z0-9-]+$/);
  expect((await fetch(new URL('/', endpoints.archive))).status).toBeLessThan(500);
});

it('seeds content/subscribers.json into the subscriber table', async () => {
  const seed = JSON.parse(await readFile(join(CONTENT, 'subscribers.json'), 'utf8')) as { status: string }[];
  const { subscribers } = await stack.deps.publish.subscribers.list();
  expect(subscribers.filter((s) => s.status === 'active')).toHaveLength(seed.filter((s) => s.status === 'active').length);
});

it('publishes through the stack: one message per active subscriber, each with both List-Unsubscribe headers pointing at the dev API; one-click works; none again on a re-run', async () => {
  const seed = JSON.parse(await readFile(join(CONTENT, 'subscribers.json'), 'utf8')) as { email: string; status: string }[];
  const active = seed.filter((s) => s.status === 'active').map((s) => s.email.toLowerCase());
  const publish = createPublish(async () => stack.deps.publish);
  expect(await publish({ month: '2010-08' })).toMatchObject({ status: 'published', queued: active.length });
  type Stored = { destination: { to: string[] }; subject: string; headers?: { name: string; value: string }[] };
  const august = async () => ((await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: Stored[] }).emails.filter((e) => e.subject.includes('August 2010'));
  for (let i = 0; i < 400 && (await august()).length < active.length; i++) await new Promise((r) => setTimeout(r, 50));
  const sent = await august();
  expect(sent.flatMap((e) => e.destination.to).map((a) => a.toLowerCase()).sort()).toEqual([...active].sort());
  for (const e of sent) {
    const header = (name: string) => e.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header('List-Unsubscribe')).toMatch(new RegExp(`^<${stack.endpoints.api}/unsubscribe\\?token=[^>]+>, <mailto:`));
    const to = e.destination.to[0]!;
    const token = decodeURIComponent(/token=([^>&]+)/.exec(header('List-Unsubscribe')!)![1]!);
    for (const spelling of [to, Buffer.from(to).toString('base64url'), Buffer.from(to).toString('base64').replace(/=+$/, ''), Buffer.from(to).toString('hex')]) expect(token.toLowerCase()).not.toContain(spelling.toLowerCase());
  }
  // One-click, as a mail client does it: POST to the header's URL, no cookies, no redirect
  const first = sent[0]!;
  const url = /^<([^>]+)>/.exec(first.headers!.find((h) => h.name === 'List-Unsubscribe')!.value)![1]!;
  const r = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  expect(r.status).toBe(200);
  const who = first.destination.to[0]!.toLowerCase();
  expect((await stack.deps.publish.subscribers.list()).subscribers.find((s) => s.email === who)?.status).toBe('unsubscribed');
  // A re-run queues nobody
  expect(await publish({ month: '2010-08' })).toMatchObject({ status: 'unchanged', queued: 0 });
}, 120_000);

it('ingests an invalid drop put by an S3 client: a report naming the problem, one email to the owner', async () => {
  const { s3 } = stack.clients;
  const key = 'updates/2010-07/civil-liberties.md';
  await s3.send(new PutObjectCommand({ Bucket: stack.endpoints.contentBucket, Key: key, Body: '---\nworkstream: civil-liberties\nmonth: "2010-07"\nsumary: typo\n---\nText.\n' }));
  for (let i = 0; i < 200 && !(await reportOf(key))?.includes('sumary'); i++) await stack.idle().then(() => new Promise((r) => setTimeout(r, 50)));
  expect(JSON.parse((await reportOf(key))!)).toMatchObject({ status: 'invalid' });
  const { emails } = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: { destination: { to: string[] }; subject: string }[] };
  expect(emails.filter((e) => e.destination.to.includes('dna@mpa.gov.uk')).map((e) => e.subject)).toEqual(['Your MPA Civil Liberties Panel update for Met Forward July 2010 has problems']);
});

async function reportOf(key: string): Promise<string | undefined> {
  const res = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.endpoints.contentBucket, Key: `reports/${key.slice('updates/'.length)}.json` })).catch(() => undefined);
  return res?.Body?.transformToString();
}
