/**
 * The subscribers API as `npm run dev` serves it — the API Lambda's handler
 * behind the loopback API Gateway — end to end against the real local
 * servers: the DynamoDB table (dynalite), SES (aws-ses-v2-local, read back
 * through its `/store`), S3 (the latest issue publish stored), and the
 * real publish, send and feedback handlers.
 */
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '../../adapters/dynamo-subscribers.js';
import { TokenSigner } from '../../core/send/tokens.js';
import type { LocalApi } from '../../dev/api-gateway.js';
import { NAMES } from '../../dev/local-aws.js';
import { startSubscribersApi } from '../../dev/subscribers-api.js';
import { createHandler as publishHandler } from '../../functions/publish-issue.js';
import { createHandler as feedbackHandler } from '../../functions/record-feedback.js';
import { sendBatch } from '../../functions/send-batch.js';
import { documentClient } from '../adapters/dynamo-table.js';
import { contentListId, pipeline, receiveAll, SECRET, silent, type Pipeline } from '../functions/aws-pipeline.js';
import { sqsBatch } from '../functions/s3-events.js';
import { JULY_FACTS } from '../send/support.js';
import { localDynamo, localSes, localSqs, sesEmailsTo, uniqueName } from '../support/aws-clients.js';

const FORM = 'application/x-www-form-urlencoded';
const CONTENT = new URL('../../content/', import.meta.url).pathname;
let p: Pipeline;
let api: LocalApi;
let dir: string;
let tokens: TokenSigner;
let store: DynamoSubscriberStore;

beforeAll(async () => {
  p = await pipeline();
  dir = await mkdtemp(join(tmpdir(), 'bulletin-dev-api-'));
  await writeFile(join(dir, 'token-secret'), `${SECRET}\n`);
  await chmod(join(dir, 'token-secret'), 0o600);
  tokens = new TokenSigner({ secret: SECRET, listId: await contentListId() });
  store = new DynamoSubscriberStore(documentClient(), p.subscribersTable, (e) => tokens.subscriberId(e));
  // The latest issue, as a publish leaves it: July.
  expect(await publishHandler(async () => p.publishDeps)({ month: '2010-07' })).toMatchObject({ status: 'published' });
  const names = { ...NAMES, contentBucket: p.contentBucket, archiveBucket: p.archiveBucket, subscribersTable: p.subscribersTable, sendTable: p.sendTable };
  api = await startSubscribersApi({ s3: p.s3, ses: localSes(), dynamo: localDynamo(), sqs: localSqs() }, join(dir, 'token-secret'), { names });
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fresh = (name: string) => `${uniqueName(name)}@example.org`;
const record = (email: string) => store.get(tokens.subscriberId(email));
const post = (path: string, body: string, type = FORM) => fetch(`${api.url}${path}`, { method: 'POST', body, headers: { 'content-type': type }, redirect: 'manual' });
/** The emails aws-ses-v2-local stored for `to`, in the order it received them. */
const mail = (to: string) => sesEmailsTo(to);
function tokenIn(text: string | undefined = '', path: string): string {
  const m = new RegExp(`${api.url.replace(/[.]/g, '\\.')}/${path}\\?token=([A-Za-z0-9._%-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text.slice(0, 300)}`);
  return decodeURIComponent(m[1]!);
}

/** Signs `email` up and confirms it; returns the confirm token and the welcome email's unsubscribe token. */
async function activate(email: string): Promise<{ confirm: string; unsubscribe: string }> {
  expect((await post('/subscribe', new URLSearchParams({ email }).toString())).status).toBe(200);
  const confirm = tokenIn((await mail(email))[0]!.body.text, 'confirm');
  expect((await post('/confirm', new URLSearchParams({ token: confirm }).toString())).status).toBe(200);
  const all = await mail(email);
  return { confirm, unsubscribe: tokenIn(all.at(-1)!.body.text, 'unsubscribe') };
}

/** Every spelling of `email` a token could carry it in. */
const encodings = (email: string) => [email, Buffer.from(email).toString('base64url'), Buffer.from(email).toString('base64').replace(/=+$/, ''), Buffer.from(email).toString('hex'), encodeURIComponent(email)];

describe('npm run dev: the subscribers API over the local DynamoDB table and SES', () => {
  it('subscribe → one confirmation email; GET of the link changes nothing; POST confirms; a welcome with the latest issue follows', async () => {
    const ann = fresh('ann');
    // Act: sign up
    const r = await post('/subscribe', new URLSearchParams({ email: ann }).toString());
    // Assert
    expect(r.status).toBe(200);
    const confirmation = await mail(ann);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.subject).toBe('Confirm your subscription to Met Forward');
    const token = tokenIn(confirmation[0]!.body.text, 'confirm');
    const pending = await record(ann);
    expect(pending).toMatchObject({ status: 'pending' });
    // GET (a link scanner) shows a page with a button and changes nothing
    const page = await fetch(`${api.url}/confirm?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form[^>]+method="post"/i);
    expect(await record(ann)).toEqual(pending);
    // POST confirms, and the welcome carries July
    expect((await post('/confirm', new URLSearchParams({ token }).toString())).status).toBe(200);
    expect(await record(ann)).toMatchObject({ status: 'active' });
    const both = await mail(ann);
    expect(both).toHaveLength(2);
    for (const fact of JULY_FACTS) expect(both[1]!.body.text ?? '').toContain(fact);
    for (const t of [token, tokenIn(both[1]!.body.text, 'unsubscribe')]) for (const e of encodings(ann)) expect(t.toLowerCase()).not.toContain(e.toLowerCase());
  });

  it.each([
    ['application/x-www-form-urlencoded', () => ({ body: 'List-Unsubscribe=One-Click', type: FORM })],
    ['multipart/form-data', () => {
      const b = '----bulletinDevOneClick';
      return { body: `--${b}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
    }],
  ])('one-click unsubscribe as %s: 200, no redirect, unsubscribed at once; a repeat is harmless; a forged token changes nothing', async (_name, shape) => {
    const bob = fresh('bob');
    const { unsubscribe } = await activate(bob);
    const { body, type } = shape();
    const url = `/unsubscribe?token=${encodeURIComponent(unsubscribe)}`;
    // A forged token first: refused, nothing changes
    const before = await record(bob);
    const forged = `${unsubscribe.slice(0, -1)}${unsubscribe.endsWith('A') ? 'B' : 'A'}`;
    const refused = await post(`/unsubscribe?token=${encodeURIComponent(forged)}`, body, type);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await record(bob)).toEqual(before);
    // Act
    const r = await post(url, body, type);
    // Assert
    expect(r.status).toBe(200);
    expect(r.headers.get('location')).toBeNull();
    expect(r.headers.get('set-cookie')).toBeNull();
    const after = await record(bob);
    expect(after).toMatchObject({ status: 'unsubscribed' });
    const again = await post(url, body, type);
    expect(again.status).toBe(200);
    expect(await record(bob)).toEqual(after);
  });

  it('answers a sign-up for an existing address exactly as for a new one', async () => {
    const known = fresh('known');
    await activate(known);
    const answer = async (email: string) => {
      const r = await post('/subscribe', new URLSearchParams({ email }).toString());
      const headers = Object.fromEntries([...r.headers].filter(([k]) => k !== 'date'));
      return { status: r.status, headers, body: await r.text() };
    };
    expect(await answer(known)).toEqual(await answer(fresh('new')));
  });

  it('a hard bounce suppresses the address: the next send skips it and says so, and the next publish leaves it out', async () => {
    const dan = fresh('dan');
    await activate(dan);
    // Others who signed up in this file unsubscribed or are still active: take them out, so the plan below is exactly the seeded list.
    for (const s of (await store.list()).subscribers) if (s.status === 'active' && !p.active.includes(s.email) && s.email !== dan) await store.suppress(s.email, 'complaint', new Date());
    // July's send is still queued for the seeded subscribers; one of them bounces before it goes.
    const bounced = p.active[0]!;
    const feedback = feedbackHandler(async () => ({ suppressions: store, clock: { now: () => new Date() }, logger: silent() }));
    const event = (address: string) => readFile(new URL('../functions/fixtures/ses/bounce-permanent.json', import.meta.url), 'utf8').then((t) => t.replaceAll('recipient@example.com', address));
    expect(await feedback(sqsBatch([await event(bounced), await event(dan)]))).toEqual({ batchItemFailures: [] });
    expect(await record(dan)).toMatchObject({ status: 'suppressed', reason: 'bounce' });
    // Act 1: the queued July batch goes out
    const bodies = (await receiveAll(p.queueUrl)).flatMap((e) => e.Records.map((r) => r.body));
    const reports = [];
    for (const b of bodies) reports.push(await sendBatch(p.sendDeps(), b, new Map()));
    // Assert 1: the bounced address was skipped, and the report counts it
    expect(reports.reduce((n, r) => n + r.suppressed, 0)).toBe(1);
    expect((await sesEmailsTo(bounced))).toHaveLength(0);
    // Act 2: the next month is published
    for (const d of ['updates/2010-08', 'issues/2010-08']) {
      for (const name of await readdir(join(CONTENT, d))) await p.s3.send(new PutObjectCommand({ Bucket: p.contentBucket, Key: `${d}/${name}`, Body: await readFile(join(CONTENT, d, name)) }));
    }
    const august = await publishHandler(async () => p.publishDeps)({ month: '2010-08' });
    // Assert 2: neither bounced address is in its plan; everyone else still active is
    expect(august).toMatchObject({ status: 'published', issueId: '2010-08' });
    const plan = (await p.publishDeps.plans.read('2010-08'))!;
    expect(plan.recipients.map((r) => r.email).sort()).toEqual(p.active.slice(1).sort());
  });
});
