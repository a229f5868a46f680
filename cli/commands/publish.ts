/**
 * `bulletin publish` and `bulletin correct`: the whole publish on one
 * machine — the archive under `--out` (default `archive/`), one `.eml` per
 * active subscriber in `--outbox`, the send ledger beside the archive.
 * Safe to repeat and to kill: see README "What is guaranteed".
 */
import { join, relative, resolve } from 'node:path';
import { systemClock } from '../../adapters/system-clock.js';
import { dateLabel } from '../../core/render/format.js';
import { publishIssue, type PublishOutcome } from '../../core/publish/publish-issue.js';
import type { Io } from '../io.js';
import { openLocalSite, type LocalSite } from '../local-site.js';
import { readRecipients, sendPublished, sendTestCopies, type SendOptions } from './send.js';

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
  const site = await openLocalSite(options);
  if (options.testTo) return sendTestCopies({ ...options, testTo: options.testTo }, site.templates, io);
  const recipients = await readRecipients(options, io);
  const outcome = await run(options, site);
  if (outcome.kind === 'refused') return refused(io, options, outcome.reasons, 'published');
  announce(io, outcome, options.out);
  return sendPublished(options, outcome.record, site.templates, io, outcome.record.month, recipients);
}

/** `bulletin correct --month M --note "…" [--notify]`: a new revision; re-emails only with --notify. */
export async function correctCommand(options: CorrectOptions, io: Io): Promise<number> {
  const site = await openLocalSite(options);
  const recipients = options.notify ? await readRecipients(options, io) : [];
  // With --notify, a re-run after the correction was published (but perhaps not yet emailed) resumes its send.
  const outcome = await run(options, site, { note: options.note, resume: Boolean(options.notify) });
  if (outcome.kind === 'refused') return refused(io, options, outcome.reasons, 'corrected');
  announce(io, outcome, options.out);
  if (!options.notify) {
    io.err('Subscribers were not emailed about this correction (add --notify to email them the corrected issue).');
    return 0;
  }
  return sendPublished(options, outcome.record, site.templates, io, `${outcome.record.month}-r${outcome.record.revision}`, recipients);
}

function run(options: PublishOptions, site: LocalSite, correction?: { note: string; resume?: boolean }) {
  const { out, ...rest } = site;
  return publishIssue({ ...rest, archive: out, clock: systemClock, month: options.month, ...(correction ? { correction } : {}) });
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
