/**
 * The comms inbox's subscriber tools on AWS — the same core operations as
 * `bulletin subscribers export|erase|unsubscribe` — as a function nobody
 * but an IAM principal allowed `lambda:InvokeFunction` can call (no URL,
 * no trigger). Invoke it with
 * `aws lambda invoke --function-name <SubscribersAdminName output> --cli-binary-format raw-in-base64-out --payload '{"action":"erase","email":"ann@example.org"}' out.json`.
 *
 * `export` answers with everything stored about the address (UK GDPR
 * art. 15); `erase` removes it from the subscriber table and the send
 * plans, keeping only the keyed-hash suppression marker (art. 17);
 * `unsubscribe` is the `mailto:` unsubscribe. The log never holds the address.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { DynamoSendPlanStore } from '../adapters/dynamo-send-plans.js';
import { systemClock } from '../adapters/system-clock.js';
import type { Mailer } from '../core/ports.js';
import { maskAddress } from '../core/send/send-report.js';
import { eraseAddress, exportAddress } from '../core/subscribers/erase.js';
import type { SubscriberDeps } from '../core/subscribers/lifecycle-deps.js';
import { unsubscribeAddress } from '../core/subscribers/unsubscribe.js';
import { documents, required } from './aws-env.js';
import { awsSubscriberStore } from './aws-subscribers.js';

export const AdminEventSchema = z.strictObject({
  action: z.enum(['export', 'erase', 'unsubscribe'], { error: 'must be export, erase or unsubscribe' }),
  email: z.email({ error: 'must be an email address' }),
});
export type AdminEvent = z.infer<typeof AdminEventSchema>;

export type AdminResult =
  | { ok: true; action: 'export'; record: unknown }
  | { ok: true; action: 'erase' | 'unsubscribe'; changed: boolean }
  | { ok: false; problems: string[] };

/** None of these operations sends mail; a send would be a bug, so it fails loudly. */
const noMail: Mailer = {
  idempotent: false,
  send: async () => { throw new Error('the subscribers admin function sends no mail'); },
  wasAccepted: async () => undefined,
};

export function createHandler(deps: () => Promise<SubscriberDeps>, logger = new Logger()) {
  return async (event: unknown): Promise<AdminResult> => {
    const parsed = AdminEventSchema.safeParse(event);
    // A bad payload is the caller's mistake: answered, not thrown (a throw would be retried by async invokes).
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `payload: ${i.path.join('.') || '(root)'}: ${i.message}`) };
    const { action, email } = parsed.data;
    const d = await deps();
    logger.info('subscribers admin', { action, address: maskAddress(email) });
    if (action === 'export') return { ok: true, action, record: (await exportAddress(d, email)) ?? null };
    const changed = action === 'erase' ? await eraseAddress(d, email) : await unsubscribeAddress(d, email);
    return { ok: true, action, changed };
  };
}

async function awsDeps(): Promise<SubscriberDeps> {
  const { config, envelope, tokens, store } = await awsSubscriberStore();
  return {
    store, tokens, envelope, clock: systemClock, mailer: noMail,
    plans: new DynamoSendPlanStore(documents, required('SEND_TABLE')),
    apiUrl: envelope.unsubscribeUrl.replace(/\/unsubscribe$/, ''),
    publicationName: config.publication.name, language: config.publication.language,
    workstreams: config.workstreams.map((w) => w.id),
  };
}

export const handler = createHandler(awsDeps);
