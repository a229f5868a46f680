/**
 * Remind: EventBridge Scheduler, daily (`{ "scheduledTime" }`), or by hand
 * (`{ "month": "YYYY-MM", "kind": "call"|"reminder" }`, see
 * functions/README.md) → the rounds due (core/desk/due-rounds.ts) → each
 * round's calls or reminders to owners and the comms lead's digest
 * (core/desk/remind-round.ts), every message at most once through the
 * Dynamo reminder ledger: a duplicate or retried delivery sends nothing new.
 *
 * A refusal (a bad event, a config that does not load) is not retryable:
 * logged as `remind refused` and the invocation succeeds. Unexpected
 * failures (SES, S3, DynamoDB) throw: the schedule retries, then its DLQ.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoReminderLedger } from '../adapters/dynamo-reminder-ledger.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { systemClock } from '../adapters/system-clock.js';
import { formatProblem } from '../core/content/problem.js';
import { loadConfig, loadMonth } from '../core/content/load-content.js';
import { roundsDue, type DueRound } from '../core/desk/due-rounds.js';
import { londonDate } from '../core/desk/london-time.js';
import { planRound, sendRound } from '../core/desk/remind-round.js';
import type { ReminderLedger } from '../core/desk/send-once.js';
import type { Clock, ContentStore, Mailer } from '../core/ports.js';
import { documents, required, s3, ses } from './aws-env.js';
import { RemindEventSchema } from './remind-event.js';

export interface RemindDeps {
  content: ContentStore;
  mailer: Mailer;
  ledger: ReminderLedger;
  clock: Clock;
  templates: Readonly<Record<string, string>>;
  logger: Logger;
}

/** One round's result: counts and workstream ids only (addresses stay out of logs and answers). */
export interface RoundSummary {
  month: string;
  kinds: string[];
  sent: string[];
  alreadySent: string[];
  digest: 'sent' | 'already-sent';
}

export type RemindResult = { status: 'refused'; reasons: string[] } | { status: 'done'; date: string; rounds: RoundSummary[] };

/** The handler over lazily built deps. Throws only for unexpected failures (then retried). */
export function createHandler(deps: () => Promise<RemindDeps>) {
  let ready: Promise<RemindDeps> | undefined;
  return async (event: unknown): Promise<RemindResult> => {
    const d = await (ready ??= deps());
    const refuse = (reasons: string[]): RemindResult => {
      d.logger.error('remind refused', { reasons });
      return { status: 'refused', reasons };
    };
    const parsed = RemindEventSchema.safeParse(event);
    if (!parsed.success) return refuse(parsed.error.issues.map((i) => `event: ${i.path.join('.') || '(root)'}: ${i.message}`));
    const { config, problems } = await loadConfig(d.content);
    if (!config) return refuse(problems.map(formatProblem));
    const now = d.clock.now();
    const e = parsed.data;
    const date = londonDate('scheduledTime' in e ? new Date(e.scheduledTime) : now);
    const due: DueRound[] = 'scheduledTime' in e
      ? await roundsDue(d.content, config, date)
      : [{ month: e.month, kinds: [e.kind], content: await loadMonth(d.content, e.month, config) }];
    const rounds: RoundSummary[] = [];
    for (const round of due) {
      const plan = planRound({ config, content: round.content, kinds: round.kinds, now, date, templates: d.templates });
      const outcome = await sendRound(plan, config, d);
      const ids = (result: string) => outcome.outcomes.filter((o) => o.result === result).map((o) => `${o.reminder.kind}:${o.reminder.workstream}`);
      rounds.push({ month: round.month, kinds: round.kinds, sent: ids('sent'), alreadySent: ids('already-sent'), digest: outcome.digest });
    }
    d.logger.info('remind done', { date, rounds });
    return { status: 'done', date, rounds };
  };
}

/** The real adapters, from the environment (infra/remind-schedule.ts sets it). */
async function awsDeps(): Promise<RemindDeps> {
  return {
    content: new S3ContentStore(s3, required('CONTENT_BUCKET')),
    mailer: new SesMailer(ses, { configurationSetName: required('CONFIGURATION_SET') }),
    ledger: new DynamoReminderLedger(documents, required('SEND_TABLE')),
    clock: systemClock,
    templates: await readTemplateFiles(join(dirname(fileURLToPath(import.meta.url)), 'templates')),
    logger: new Logger(),
  };
}

export const handler = createHandler(awsDeps);
