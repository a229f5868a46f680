/**
 * The local wiring of a send: the token secret kept with the archive, the
 * outbox, the ledger and the send plans beside the archive, and the report.
 * The order of the work itself is core's (core/publish/publish-month.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { FileSubscriberStore } from '../../adapters/file-subscribers.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { createFsLedger } from '../../adapters/fs-send-ledger.js';
import { FsSendPlanStore } from '../../adapters/fs-send-plans.js';
import { loadTokenSecret, SECRET_ENV, SECRET_FILE } from '../../adapters/local-secret.js';
import { createOutboxMailer } from '../../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../../adapters/system-clock.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { formatProblem } from '../../core/content/problem.js';
import type { PreparedSend, SendSetup } from '../../core/publish/publish-month.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import type { Templates } from '../../core/render/templates.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { sendPlanned } from '../../core/send/send-planned.js';
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
  skipInvalidSubscribers?: boolean;
  allowNoRecipients?: boolean;
}

/** A path as the user would type it. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/**
 * The token signer for the archive in `--out`: `BULLETIN_TOKEN_SECRET`, else
 * `<out>/.bulletin-secret` (created on first use, said in one line).
 */
export async function archiveTokens(options: SendOptions, listId: string, io: Io): Promise<TokenSigner> {
  const file = join(options.out, SECRET_FILE);
  if (!process.env[SECRET_ENV] && !existsSync(file) && existsSync(SECRET_FILE) && resolve(SECRET_FILE) !== resolve(file)) {
    // An earlier version kept the secret in the working folder: never replace it silently.
    throw new UsageError(`${SECRET_FILE} is in this folder, but the secret now lives with the archive; move it: mv ${SECRET_FILE} ${shown(file)}`);
  }
  const { secret, source } = await loadTokenSecret({ file });
  if (source === 'created') io.err(`Created a new token secret at ${shown(file)} (unsubscribe links are signed with it; keep it with the archive).`);
  // Opaque: a token names the subscriber by a keyed id, never by the address (a forwarded email leaks nothing).
  return new TokenSigner({ secret, listId, subjects: 'opaque' });
}

/** What publish needs to check and plan the send, all local: list file, archive's secret and plans. */
export function localSendSetup(options: SendOptions, listId: string, io: Io): SendSetup {
  return {
    subscribers: new FileSubscriberStore(options.subscribers ?? join(options.content, 'subscribers.json')),
    tokens: () => archiveTokens(options, listId, io),
    plans: new FsSendPlanStore(join(options.out, 'plans'), shown(join(options.out, 'plans'))),
    ...(options.skipInvalidSubscribers ? { allowInvalidEntries: true } : {}),
    ...(options.allowNoRecipients ? { allowNoRecipients: true } : {}),
  };
}

function transport(options: SendOptions, ratePerSecond: number) {
  return {
    limiter: new RateLimiter({ ratePerSecond, clock: systemClock, sleep: systemSleep }),
    mailer: createOutboxMailer(options.outbox),
    clock: systemClock,
    sleep: systemSleep,
  };
}

/** Sends a prepared plan through the outbox; exit 1 if anyone failed or is deferred. */
export async function sendPrepared(options: SendOptions, send: PreparedSend, rate: number, envelope: ReturnType<typeof envelopeFromPublication>, io: Io): Promise<number> {
  if (!send.planCreated) io.err(`Finishing the send that started ${send.plan.createdAt.slice(0, 16).replace('T', ' ')} UTC: its audience (${send.plan.recipients.length}) is fixed${send.joinedSince ? `; ${send.joinedSince} who subscribed since get the latest issue with their welcome email, not this one` : ''}.`);
  if (send.secretChanged) io.err(`Note: the token secret has changed since this send started; the remaining messages' unsubscribe links use the current one.`);
  const bar = io.progress(send.plan.recipients.length, 'Sending');
  const report = await sendPlanned({
    send,
    envelope,
    tokens: send.tokens,
    ...transport(options, rate),
    ledger: createFsLedger(join(options.out, 'ledger')),
    concurrency: 4,
    onProgress: (p) => bar.update(p.done, `${p.submitted} sent`),
  });
  bar.stop();
  return finish(io, options, report);
}

/** `--test-to`: the real email, marked as a test, to the given addresses only; publishes nothing. */
export async function sendTestCopies(options: SendOptions & { testTo: string[] }, templates: Templates, io: Io): Promise<number> {
  const { config, problems } = await loadConfig(new FsContentStore(options.content));
  if (!config) throw new UsageError(problems.map(formatProblem).join('; '));
  const month = await loadMonth(new FsContentStore(options.content), options.month, config);
  if (!month.updates.length) throw new UsageError(`--month ${options.month}: no valid updates to send`);
  printProblems(io, options.content, month.problems);
  const envelope = envelopeFromPublication(config.publication);
  const tokens = await archiveTokens(options, envelope.listId, io);
  const issue = buildIssue({ config, ...month });
  const report = await sendTest({
    issueId: options.month, email: await renderEmail(issue, templates, { test: true }), to: options.testTo, envelope, tokens,
    ...transport(options, options.rate ?? config.publication.sendRatePerSecond),
  });
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
