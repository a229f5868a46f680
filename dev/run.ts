/**
 * `npm run dev`: the whole serverless pipeline on one machine, through the
 * real handlers on the real event shapes. Starts the four local servers,
 * creates the buckets, tables, queues and token secret, seeds `content/`
 * and its subscribers, then: every object put into the content bucket (by
 * any S3 client) triggers ingest with s3rver's notification; the send and
 * feedback queues are polled the way Lambda's event source mapping does.
 * Writes `.local/endpoints.json` and serves the archive like CloudFront.
 *
 * `npm run dev -- publish 2010-07` (another terminal, while it runs):
 * runs the publish handler against the running stack; the send queue then
 * drains through the send handler. Ctrl-C stops everything started here.
 * Nothing listens beyond 127.0.0.1.
 */
import { readFile } from 'node:fs/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { resolve } from 'node:path';
import { createHandler as publishHandler } from '../functions/publish-issue.js';
import { createHandler as remindHandler } from '../functions/remind-owners.js';
import { startDevStack } from './dev-stack.js';
import { clients, handlerDeps, NAMES, type Endpoints } from './local-aws.js';

const LOCAL = resolve('.local');
const ENDPOINTS = resolve(LOCAL, 'endpoints.json');
const SECRET = resolve(LOCAL, 'token-secret');
const RATE = 14;

async function publish(month: string | undefined): Promise<number> {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    console.error('usage: npm run dev -- publish YYYY-MM');
    return 2;
  }
  const { saved, deps } = await savedDeps();
  const result = await publishHandler(async () => deps.publish)({ month });
  console.log(JSON.stringify(result, null, 2));
  if (result.status === 'refused') return 1;
  console.log(`The send queue drains through the send handler in the running stack; emails: ${saved.ses}/ (web view), ${saved.ses}/store`);
  return 0;
}

/** The running stack's endpoints file, as `npm run dev` wrote it. */
async function savedEndpoints() {
  return JSON.parse(await readFile(ENDPOINTS, 'utf8').catch(() => { throw new Error(`${ENDPOINTS} not found: start the stack first with npm run dev`); })) as Endpoints & { sendQueueUrl: string; feedbackQueueUrl: string };
}

async function savedDeps() {
  const saved = await savedEndpoints();
  return { saved, deps: await handlerDeps(clients(saved), saved, SECRET, RATE) };
}

/** `npm run dev -- remind YYYY-MM [call|reminder]`: the remind Lambda's manual invoke, against the running stack. */
async function remind(month: string | undefined, kind = 'reminder'): Promise<number> {
  const { saved, deps } = await savedDeps();
  const result = await remindHandler(async () => deps.remind)({ month, kind });
  console.log(JSON.stringify(result, null, 2));
  if (result.status === 'refused') return 1;
  console.log(`Owners' reminders and the comms lead's digest: ${saved.ses}/store`);
  return 0;
}

/**
 * `npm run dev -- bounce EMAIL`: what SES does when a message to EMAIL hard-bounces —
 * its documented Bounce event, in the SNS envelope, onto the feedback queue, where the
 * running stack's feedback handler suppresses the address (the next publish leaves it out).
 */
async function bounce(email: string | undefined): Promise<number> {
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    console.error('usage: npm run dev -- bounce EMAIL');
    return 2;
  }
  const saved = await savedEndpoints();
  const now = new Date().toISOString();
  const event = {
    eventType: 'Bounce',
    bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }], timestamp: now, feedbackId: `dev-${Date.now()}`, reportingMTA: 'dsn; 127.0.0.1' },
    mail: { timestamp: now, source: 'bulletin-dev', messageId: `dev-${Date.now()}`, destination: [email], headersTruncated: false, headers: [], commonHeaders: { to: [email] }, tags: { 'ses:configuration-set': ['bulletin-dev'] } },
  };
  await clients(saved).sqs.send(new SendMessageCommand({ QueueUrl: saved.feedbackQueueUrl, MessageBody: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(event) }) }));
  console.log(`A hard bounce for ${email} is on the feedback queue; the running stack's feedback handler suppresses the address.`);
  return 0;
}

async function start(): Promise<void> {
  const stack = await startDevStack({
    contentDir: resolve('content'), endpointsFile: ENDPOINTS, secretFile: SECRET, ratePerSecond: RATE,
    onIngest: (keys, ms) => console.log(`ingest: ${keys.join(', ')} → reports and preview written (${Math.round(ms)} ms)`),
  });
  const { endpoints } = stack;
  console.log(`Local serverless stack running (Ctrl-C stops it). Endpoints: ${ENDPOINTS}
  content bucket  ${endpoints.s3}/${NAMES.contentBucket}  (previews/YYYY-MM/, reports/YYYY-MM/)
  archive         ${endpoints.archive}  (bucket ${NAMES.archiveBucket}, served like CloudFront)
  subscribers API ${endpoints.api}  (POST /subscribe, /confirm, /unsubscribe, /preferences: the API Lambda's handler)
  sent emails     ${endpoints.ses}/  (web view)  ·  ${endpoints.ses}/store  (JSON)
  publish         npm run dev -- publish 2010-07
  remind          npm run dev -- remind 2010-11 [call|reminder]   (owners, then the digest)
  hard bounce     npm run dev -- bounce someone@example.org        (SES's bounce event onto the feedback queue)
  put a file      AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --endpoint-url ${endpoints.s3} s3 cp my.md s3://${NAMES.contentBucket}/updates/2010-07/my.md`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const [command, arg, arg2] = process.argv.slice(2);
if (command === 'publish') process.exitCode = await publish(arg);
else if (command === 'remind') process.exitCode = await remind(arg, arg2);
else if (command === 'bounce') process.exitCode = await bounce(arg);
else if (command === undefined) await start();
else {
  console.error(`unknown command "${command}"; usage: npm run dev [-- publish YYYY-MM | -- remind YYYY-MM [call|reminder] | -- bounce EMAIL]`);
  process.exitCode = 2;
}
