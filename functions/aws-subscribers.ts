/**
 * The subscriber side's composition on AWS, shared by the subscribers API
 * and the feedback function: the publication config read from the content
 * bucket once per container (it names the list, and so the keyed ids the
 * subscriber table is keyed by), the token signer, the table, SES, and the
 * latest issue's email as publish stored it (`sends/<issueId>/email.json`,
 * rendered once, slots intact — so this function never runs MJML).
 */
import { S3ArchiveStore } from '../adapters/s3-archive-store.js';
import { S3ContentStore } from '../adapters/s3-content-store.js';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscribers.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { systemClock } from '../adapters/system-clock.js';
import { loadConfig, type SiteConfig } from '../core/content/load-content.js';
import { formatProblem } from '../core/content/problem.js';
import type { ArchiveStore } from '../core/ports.js';
import { envelopeFromPublication } from '../core/send/envelope.js';
import type { SendEnvelope } from '../core/send/envelope.js';
import type { TokenSigner } from '../core/send/tokens.js';
import type { LatestIssue, SubscriberDeps } from '../core/subscribers/lifecycle-deps.js';
import { awsTokens, documents, required, s3, ses } from './aws-env.js';
import { StoredEmailSchema } from './send-message.js';

/** Month, then revision: `2010-07-r10` is later than `2010-07-r2`. */
const order = (issueId: string): [string, number] => {
  const m = /^(\d{4}-\d{2})(?:-r(\d+))?$/.exec(issueId);
  return m ? [m[1]!, Number(m[2] ?? 1)] : ['', 0];
};

/** The latest issue publish stored for sending, or undefined before the first; each stored email is read once per container. */
export function latestStoredIssue(archive: ArchiveStore): () => Promise<LatestIssue | undefined> {
  let cached: { key: string; latest: LatestIssue } | undefined;
  return async () => {
    const keys = (await archive.list('sends/')).filter((k) => /^sends\/[^/]+\/email\.json$/.test(k));
    const key = keys.sort((a, b) => {
      const [x, y] = [order(a.split('/')[1]!), order(b.split('/')[1]!)];
      return x[0] === y[0] ? x[1] - y[1] : x[0] < y[0] ? -1 : 1;
    }).at(-1);
    if (!key) return undefined;
    if (cached?.key !== key) {
      const bytes = await archive.read(key);
      const stored = StoredEmailSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
      cached = { key, latest: { issueId: stored.issueId, email: { ...stored.email, preheader: '' } } };
    }
    return cached.latest;
  };
}

export interface AwsSubscriberStore {
  config: SiteConfig;
  envelope: SendEnvelope;
  tokens: TokenSigner;
  store: DynamoSubscriberStore;
}

/** Retried on the next invocation when it fails (the config not readable yet), else built once per container. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= build().catch((err: unknown) => {
    value = undefined;
    throw err;
  }));
}

/** The subscriber table keyed for this publication's list (all the feedback function needs). */
export const awsSubscriberStore = once(async (): Promise<AwsSubscriberStore> => {
  const { config, problems } = await loadConfig(new S3ContentStore(s3, required('CONTENT_BUCKET')));
  if (!config) throw new Error(`the publication config cannot be read: ${problems.map(formatProblem).join('; ')}`);
  const envelope = envelopeFromPublication(config.publication);
  const tokens = await awsTokens(envelope.listId);
  return { config, envelope, tokens, store: new DynamoSubscriberStore(documents, required('SUBSCRIBERS_TABLE'), (e) => tokens.subscriberId(e)) };
});

/**
 * Everything the subscriber operations need. Links in emails go under
 * `API_URL` (the HTTP API's URL, set by the CDK app), else under the
 * publication's unsubscribe base.
 */
export async function awsSubscriberDeps(onError?: SubscriberDeps['onError']): Promise<SubscriberDeps & { config: SiteConfig }> {
  const { config, envelope, tokens, store } = await awsSubscriberStore();
  const apiUrl = (process.env.API_URL ?? envelope.unsubscribeUrl.replace(/\/unsubscribe$/, '')).replace(/\/+$/, '');
  return {
    // The welcome email's List-Unsubscribe and link go to this API too.
    config, store, tokens, clock: systemClock, envelope: { ...envelope, unsubscribeUrl: `${apiUrl}/unsubscribe` }, apiUrl,
    mailer: new SesMailer(ses, { configurationSetName: required('CONFIGURATION_SET') }),
    publicationName: config.publication.name, language: config.publication.language,
    workstreams: config.workstreams.map((w) => w.id),
    latestIssue: latestStoredIssue(new S3ArchiveStore(s3, required('ARCHIVE_BUCKET'))),
    ...(onError ? { onError } : {}),
  };
}
