/**
 * The send half of `bulletin publish`: the published issue's email, rendered
 * once, to every active subscriber through the outbox, with a ledger.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadSubscribers } from '../../adapters/file-subscribers.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { createFsLedger } from '../../adapters/fs-send-ledger.js';
import { loadTokenSecret } from '../../adapters/local-secret.js';
import { createOutboxMailer } from '../../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../../adapters/system-clock.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { formatProblem } from '../../core/content/problem.js';
import type { PublishedRecord } from '../../core/publish/records.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import type { Templates } from '../../core/render/templates.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { selectRecipients, type Recipient } from '../../core/send/select-recipients.js';
import { sendIssue } from '../../core/send/send-issue.js';
import { formatFailure, formatSendReport, type SendReport } from '../../core/send/send-report.js';
import { sendTest } from '../../core/send/send-test.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { UsageError, printProblems, type Io } from '../io.js';

export interface SendOptions {
  content: string;
  out: string;
  month: string;
  subscribers?: string;
  outbox: string;
  rate?: number;
}

async function sendSetup(options: SendOptions) {
  const { config, problems } = await loadConfig(new FsContentStore(options.content));
  if (!config) throw new UsageError(problems.map(formatProblem).join('; '));
  const envelope = envelopeFromPublication(config.publication);
  const { secret } = await loadTokenSecret();
  const rate = options.rate ?? config.publication.sendRatePerSecond;
  const ports = {
    envelope,
    tokens: new TokenSigner({ secret, listId: envelope.listId }),
    limiter: new RateLimiter({ ratePerSecond: rate, clock: systemClock, sleep: systemSleep }),
    mailer: createOutboxMailer(options.outbox),
    clock: systemClock,
    sleep: systemSleep,
  };
  return { config, ports };
}

/** The active recipients, read before anything is published: a missing or unreadable list is one line and exit 1, never a publish to nobody. */
export async function readRecipients(options: SendOptions, io: Io): Promise<Recipient[]> {
  const subscribersFile = options.subscribers ?? join(options.content, 'subscribers.json');
  const loaded = await loadSubscribers(subscribersFile);
  // loadSubscribers never throws: a file it cannot use at all comes back as one `file` problem.
  const unusable = loaded.problems.find((p) => p.field === 'file' || p.field === 'json');
  if (unusable) throw new UsageError(`--subscribers ${subscribersFile}: ${unusable.message}`);
  for (const p of loaded.problems) io.err(`${formatProblem(p)} (entry skipped)`);
  return selectRecipients(loaded.subscribers);
}

/** Sends the published revision to `recipients` (from `readRecipients`); resumes a crashed send. Exit 1 if anyone failed or is deferred. */
export async function sendPublished(options: SendOptions, record: PublishedRecord, templates: Templates, io: Io, issueId: string, recipients: Recipient[]): Promise<number> {
  const { ports } = await sendSetup(options);
  const bar = io.progress(recipients.length, 'Sending');
  const report = await sendIssue({
    issueId,
    email: await renderEmail(record.issue, templates),
    recipients,
    ...ports,
    ledger: createFsLedger(join(options.out, 'ledger')),
    concurrency: 4,
    onProgress: (p) => bar.update(p.done, `${p.submitted} sent`),
  });
  bar.stop();
  return finish(io, options, report);
}

/** `--test-to`: the real email, marked as a test, to the given addresses only; publishes nothing. */
export async function sendTestCopies(options: SendOptions & { testTo: string[] }, templates: Templates, io: Io): Promise<number> {
  const { config, ports } = await sendSetup(options);
  const month = await loadMonth(new FsContentStore(options.content), options.month, config);
  if (!month.updates.length) throw new UsageError(`--month ${options.month}: no valid updates to send`);
  printProblems(io, options.content, month.problems);
  const issue = buildIssue({ config, ...month });
  const report = await sendTest({ issueId: options.month, email: await renderEmail(issue, templates, { test: true }), to: options.testTo, ...ports });
  io.err(`Test send only: nothing was published and the send ledger was not touched. Messages: ${resolve(options.outbox, options.month, 'test')}`);
  return finish(io, options, report);
}

async function finish(io: Io, options: SendOptions, report: SendReport): Promise<number> {
  const dir = join(options.out, 'reports', report.issueId);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${report.kind}-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  io.err(formatSendReport(report));
  for (const f of report.failures) io.err(formatFailure(f));
  io.err(`Send report: ${resolve(file)}`);
  return report.failed || report.deferred ? 1 : 0;
}
