/**
 * Publish: EventBridge Scheduler (`{ "month": "previous", "scheduledTime" }`)
 * or by hand (`{ "month": "YYYY-MM" }`, see functions/README.md) → the core
 * publish (core/publish/publish-month.ts: every check, the record, the
 * archive, the send plan fixed once) → the issue's email stored once →
 * the plan's recipients not yet sent queued in batches of ≤ 50.
 *
 * Safe to repeat: the plan is never changed (nobody new is added to an old
 * issue) and recipients the ledger has DONE are not queued again; anything
 * queued twice is skipped by the ledger. A refusal (content not approved,
 * bad subscriber entries …) is not retryable: it is logged with its
 * reasons and the invocation succeeds, so the scheduler does not retry it;
 * the `PublishRefused` alarm tells the comms lead. Unexpected failures
 * throw and are retried.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoSendLedger } from '../adapters/dynamo-send-ledger.js';
import { DynamoSendPlanStore } from '../adapters/dynamo-send-plans.js';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscribers.js';
import { readPdfFonts } from '../adapters/fs-fonts.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { systemClock } from '../adapters/system-clock.js';
import { loadConfig } from '../core/content/load-content.js';
import type { ArchiveStore, Clock, ContentStore, Queue, SendPlanStore, SubscriberStore } from '../core/ports.js';
import { publishMonth } from '../core/publish/publish-month.js';
import { compileTemplates, type Templates } from '../core/render/templates.js';
import { envelopeFromPublication } from '../core/send/envelope.js';
import type { TokenSigner } from '../core/send/tokens.js';
import { awsTokens, documents, required, s3, sqs } from './aws-env.js';
import { monthOf, PublishEventSchema } from './publish-month-of.js';
import { batchMessages, storedEmailKey, type StoredEmail } from './send-message.js';

export interface PublishDeps {
  content: ContentStore;
  archive: ArchiveStore;
  templates: Templates;
  assets: Readonly<Record<string, string>>;
  clock: Clock;
  subscribers: SubscriberStore;
  plans: SendPlanStore;
  tokens: (listId: string) => Promise<TokenSigner>;
  /** Recipient keys already sent for an issue (the ledger's DONE rows). */
  doneKeys: (issueId: string) => Promise<Set<string>>;
  queue: Queue;
  logger: Logger;
}

export type PublishResult =
  | { status: 'refused'; month: string; reasons: string[] }
  | { status: 'published' | 'corrected' | 'unchanged'; month: string; revision: number; issueId?: string; planned: number; queued: number };

/** The handler over lazily built deps. Throws only for unexpected failures (then retried). */
export function createHandler(deps: () => Promise<PublishDeps>) {
  let ready: Promise<PublishDeps> | undefined;
  return async (event: unknown): Promise<PublishResult> => {
    const d = await (ready ??= deps());
    const parsed = PublishEventSchema.safeParse(event);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((i) => `event: ${i.path.join('.') || '(root)'}: ${i.message}`);
      d.logger.error('publish refused', { month: null, reasons });
      return { status: 'refused', month: '', reasons };
    }
    const month = monthOf(parsed.data, d.clock.now());
    const { config } = await loadConfig(d.content);
    const envelope = config ? envelopeFromPublication(config.publication) : undefined;
    const outcome = await publishMonth({
      content: d.content, archive: d.archive, templates: d.templates, assets: d.assets, clock: d.clock, month,
      // Without a config the core refuses before it would need the send; the envelope is only for the tokens' list id.
      ...(envelope ? { send: {
        subscribers: d.subscribers, plans: d.plans, tokens: () => d.tokens(envelope.listId),
        ...(parsed.data.allowNoRecipients ? { allowNoRecipients: true } : {}),
      } } : {}),
    });
    if (outcome.kind === 'refused') {
      d.logger.error('publish refused', { month, reasons: outcome.reasons });
      return { status: 'refused', month, reasons: outcome.reasons };
    }
    const { record, send } = outcome;
    if (!send || !envelope) return { status: outcome.kind, month, revision: record.revision, planned: 0, queued: 0 };
    // Stored create-only: the first rendering of this issue's email is the one every batch sends.
    const { subject, html, text, slotKey } = send.email;
    const stored: StoredEmail = { issueId: send.issueId, month, revision: record.revision, email: { subject, html, text, slotKey }, envelope };
    await d.archive.create(storedEmailKey(send.issueId), `${JSON.stringify(stored)}\n`, 'application/json');
    const done = await d.doneKeys(send.issueId);
    const pending = send.plan.recipients.filter((r) => !done.has(r.key));
    const head = { issueId: send.issueId, month, revision: record.revision, correction: outcome.kind === 'corrected' || send.issueId !== month };
    await d.queue.send(batchMessages(head, pending));
    d.logger.info('publish done', {
      month, kind: outcome.kind, revision: record.revision, issueId: send.issueId, planCreated: send.planCreated,
      planned: send.plan.recipients.length, alreadySent: done.size, queued: pending.length, joinedSince: send.joinedSince, secretChanged: send.secretChanged,
    });
    return { status: outcome.kind, month, revision: record.revision, issueId: send.issueId, planned: send.plan.recipients.length, queued: pending.length };
  };
}

/** The real adapters, from the environment (infra/stateless-stack.ts sets it). */
async function awsDeps(): Promise<PublishDeps> {
  const templatesDir = join(dirname(fileURLToPath(import.meta.url)), 'templates');
  const ledger = new DynamoSendLedger(documents, required('SEND_TABLE'));
  return {
    content: new S3ContentStore(s3, required('CONTENT_BUCKET')),
    archive: new S3ArchiveStore(s3, required('ARCHIVE_BUCKET')),
    // The fonts are bundled beside the templates (infra/bulletin-function.ts), so publish writes each issue's PDF too.
    templates: compileTemplates(await readTemplateFiles(templatesDir), { fonts: await readPdfFonts(join(dirname(fileURLToPath(import.meta.url)), 'fonts')) }),
    assets: await readAssets(templatesDir),
    clock: systemClock,
    subscribers: new DynamoSubscriberStore(documents, required('SUBSCRIBERS_TABLE')),
    plans: new DynamoSendPlanStore(documents, required('SEND_TABLE')),
    tokens: awsTokens,
    doneKeys: (issueId) => ledger.doneKeys(issueId),
    queue: new SqsQueue(sqs, required('SEND_QUEUE_URL')),
    logger: new Logger(),
  };
}

export const handler = createHandler(awsDeps);
