/**
 * `bulletin publish` and `bulletin correct`: the whole publish on one
 * machine — the archive under `--out` (default `archive/`), one `.eml` per
 * active subscriber in `--outbox`, the send ledger beside the archive.
 * Safe to repeat and to kill: see README "What is guaranteed".
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { systemClock } from '../../adapters/system-clock.js';
import { loadConfig } from '../../core/content/load-content.js';
import { formatProblem } from '../../core/content/problem.js';
import { dateLabel } from '../../core/render/format.js';
import type { PublishOutcome } from '../../core/publish/publish-issue.js';
import { publishMonth } from '../../core/publish/publish-month.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { StateError } from '../../core/state-error.js';
import { UsageError, type Io } from '../io.js';
import { openLocalSite } from '../local-site.js';
import { localSendSetup, sendPrepared, sendTestCopies, type SendOptions } from './send.js';

export interface PublishOptions extends SendOptions {
  month: string;
  content: string;
  out: string;
  testTo?: string[];
}

export interface CorrectOptions extends PublishOptions {
  note: string;
  notify?: boolean;
}

/** `bulletin publish --month M`: exit 0 when published (or already published) and every recipient settled, else 1. */
export async function publishCommand(options: PublishOptions, io: Io): Promise<number> {
  if (options.testTo) return sendTestCopies({ ...options, testTo: options.testTo }, (await openLocalSite(options)).templates, io);
  return run(options, io, undefined, true);
}

/** `bulletin correct --month M --note "…" [--notify]`: a new revision; re-emails only with --notify. */
export async function correctCommand(options: CorrectOptions, io: Io): Promise<number> {
  // With --notify, a re-run after the correction was published (but perhaps not yet emailed) resumes its send.
  const code = await run(options, io, { note: options.note, resume: Boolean(options.notify) }, Boolean(options.notify));
  if (code === 0 && !options.notify) io.err('Subscribers were not emailed about this correction (add --notify to email them the corrected issue).');
  return code;
}

/** The shared publish: everything checked first (core), then the record, the archive, the plan, the send. */
async function run(options: PublishOptions, io: Io, correction: { note: string; resume?: boolean } | undefined, notify: boolean): Promise<number> {
  const site = await openLocalSite(options);
  if (existsSync(join(options.out, 'index.html'))) {
    throw new UsageError(`--out ${options.out}: holds a preview build (drafts included), not a published archive; publish into its own folder (default: archive)`);
  }
  const { config, problems } = await loadConfig(site.content);
  if (!config) return refused(io, options, problems.map(formatProblem), correction ? 'corrected' : 'published');
  const envelope = envelopeFromPublication(config.publication);
  const setup = notify ? localSendSetup(options, envelope.listId, io) : undefined;
  const { out, ...rest } = site;
  const outcome = await publishMonth({
    ...rest, archive: out, clock: systemClock, month: options.month,
    ...(correction ? { correction } : {}), ...(setup ? { send: setup } : {}),
  }).catch((err: unknown) => {
    // Records are named inside the archive: say where the archive is.
    if (err instanceof StateError && err.key.startsWith('records/')) throw new UsageError(`${relative(process.cwd(), options.out) || '.'}/${err.message}`);
    throw err;
  });
  if (outcome.kind === 'refused') return refused(io, options, outcome.reasons, correction ? 'corrected' : 'published');
  announce(io, outcome, options.out);
  if (!outcome.send || !setup) return 0;
  return sendPrepared(options, outcome.send, options.rate ?? config.publication.sendRatePerSecond, envelope, io);
}

function refused(io: Io, options: PublishOptions, reasons: string[], verb: string): number {
  io.err(`bulletin: ${options.month} was not ${verb}:`);
  // Content paths as the user would open them, as `bulletin validate` prints them.
  const prefix = relative(process.cwd(), options.content) || '.';
  reasons = reasons.map((r) => (/^(updates|issues|config)\//.test(r) ? `${prefix}/${r}` : r));
  for (const r of reasons) io.err(r);
  return 1;
}

function announce(io: Io, outcome: Exclude<PublishOutcome, { kind: 'refused' }>, out: string): void {
  const { record } = outcome;
  const page = join(resolve(out), 'site', record.month.replace('-', '/'), 'index.html');
  const on = dateLabel(record.publishedAt.slice(0, 10));
  if (outcome.kind === 'unchanged') {
    io.err(`${record.month} is already published (revision ${record.revision}, ${on}) and unchanged: nothing new to publish.`);
  } else if (outcome.kind === 'published') {
    io.err(`Published ${record.month} (revision 1): ${page} (${outcome.written.length} archive files written).`);
  } else {
    io.err(`Published a correction to ${record.month} (revision ${record.revision}): "${record.note}". Revision ${outcome.previous.revision} stays at ${join(resolve(out), 'site', record.month.replace('-', '/'), `rev-${outcome.previous.revision}`, 'index.html')}.`);
  }
}
