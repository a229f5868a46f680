/**
 * The 100k send of bench/send.bench.ts, in a process of its own — as
 * `bulletin send` runs it — so its resident memory is the send's alone, not
 * the bench's MJML renders. Reads `{ email, envelope, count, dir }` from
 * the JSON file named by argv[2]; prints `{ submitted, perRecipientMs, peakRss }` as JSON.
 */
import { readFileSync } from 'node:fs';
import { createFsLedger } from '../adapters/fs-send-ledger.js';
import { createOutboxMailer } from '../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../adapters/system-clock.js';
import type { SendEnvelope } from '../core/send/envelope.js';
import type { IssueEmail } from '../core/send/personalise-message.js';
import type { Limiter } from '../core/send/rate-limiter.js';
import { sendIssue } from '../core/send/send-issue.js';
import { TokenSigner } from '../core/send/tokens.js';

const { email, envelope, count, dir } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { email: IssueEmail; envelope: SendEnvelope; count: number; dir: string };
let peakRss = process.memoryUsage().rss;
const sampleRss = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const timer = setInterval(sampleRss, 50);
// No cap: the limiter only starts each task.
const unlimited: Limiter = { run: (task) => task() };
const started = performance.now();
const report = await sendIssue({
  issueId: '2010-07', email, envelope, recipients: Array.from({ length: count }, (_, i) => ({ email: `big${i}@example.org` })),
  tokens: new TokenSigner({ secret: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz', listId: envelope.listId, subjects: 'opaque' }),
  ledger: createFsLedger(`${dir}/ledger`), mailer: createOutboxMailer(`${dir}/outbox`), clock: systemClock, sleep: systemSleep,
  concurrency: 8, limiter: unlimited, onProgress: (p) => { if (p.done % 1000 === 0) sampleRss(); },
});
const perRecipientMs = (performance.now() - started) / count;
clearInterval(timer);
sampleRss();
process.stdout.write(`${JSON.stringify({ submitted: report.submitted, failed: report.failed, perRecipientMs, peakRss })}\n`);
