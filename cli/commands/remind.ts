import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { londonDate } from '../../core/desk/london-time.js';
import { planRound, sendRound } from '../../core/desk/remind-round.js';
import type { ReminderKind } from '../../core/desk/reminders.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { FsReminderLedger } from '../../adapters/fs-reminder-ledger.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { createOutboxMailer } from '../../adapters/outbox-mailer.js';
import { systemClock } from '../../adapters/system-clock.js';
import { requireFolder, requireFolderOrNothing } from '../folders.js';
import { printProblems, type Io } from '../io.js';

export interface RemindOptions {
  content: string;
  out: string;
  outbox: string;
  month: string;
  kind: ReminderKind;
  dryRun: boolean;
  now?: Date;
}

/**
 * `bulletin remind`: mails the call for updates or a reminder to the owners
 * of required workstreams whose update is missing or invalid, each
 * (month, workstream, kind, date) at most once (ledger under `--out`).
 * Then the comms lead's digest, once per (month, date). `--dry-run` lists
 * who would be mailed, prints the digest and sends nothing. Exit 0 on success.
 */
export async function remindCommand(options: RemindOptions, io: Io): Promise<number> {
  await requireFolder('--content', options.content);
  await requireFolderOrNothing('--out', options.out);
  const store = new FsContentStore(options.content);
  const { config, problems } = await loadConfig(store);
  if (!config) {
    printProblems(io, options.content, problems);
    return 1;
  }
  const clock = options.now ? { now: () => options.now! } : systemClock;
  const content = await loadMonth(store, options.month, config);
  const plan = planRound({ config, content, kinds: [options.kind], now: clock.now(), date: londonDate(clock.now()), templates: await readTemplateFiles() });
  const { status, reminders, digest } = plan;
  const ledger = new FsReminderLedger(options.out);
  if (options.dryRun) {
    for (const r of reminders) io.out(`${(await ledger.has(r.key)) ? 'already sent' : 'would mail'}: ${r.owner} (${r.workstream}: ${status.workstreams.find((w) => w.id === r.workstream)!.state})`);
    io.out('');
    io.out(`${(await ledger.has(digest.key)) ? 'digest already sent' : 'digest would go'} to ${digest.to}:`);
    for (const line of [`Subject: ${digest.subject}`, '', ...digest.text.trimEnd().split('\n')]) io.out(`  ${line}`.trimEnd());
    io.err(`Dry run: nothing was sent (${reminders.length} owner${reminders.length === 1 ? '' : 's'} to chase for ${options.month}).`);
    return 0;
  }
  const outcome = await sendRound(plan, config, { mailer: createOutboxMailer(options.outbox), ledger, clock });
  for (const o of outcome.outcomes) io.out(`${o.result === 'sent' ? 'mailed' : 'already sent'}: ${o.reminder.owner} (${o.reminder.workstream})`);
  io.out(`${outcome.digest === 'sent' ? 'mailed' : 'already sent'}: ${digest.to} (digest)`);
  const sent = outcome.outcomes.filter((o) => o.result === 'sent').length;
  const before = outcome.outcomes.length - sent;
  io.err(`Sent ${sent} ${options.kind === 'call' ? 'call' : 'reminder'}${sent === 1 ? '' : 's'} for ${options.month} to ${options.outbox}${before ? `; ${before} already sent before` : ''}.`);
  return 0;
}
