/**
 * `bulletin subscribers …`: the comms inbox's tools over the local list
 * (`unsubscribe`, `erase`, `export`, `purge`, `serve`), and the one local wiring of
 * the subscribers API — `localSubscribersApi` — that `serve` and the
 * preview server mount. The list file, the archive's token secret and the
 * outbox are the same ones `publish` uses.
 */
import { join } from 'node:path';
import { FileSubscriberStore } from '../../adapters/file-subscribers.js';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { FsSendPlanStore } from '../../adapters/fs-send-plans.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { serveSubscribersApi } from '../../adapters/node-http-subscribers.js';
import { createOutboxMailer } from '../../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../../adapters/system-clock.js';
import { loadConfig } from '../../core/content/load-content.js';
import { formatProblem } from '../../core/content/problem.js';
import { readRecords } from '../../core/publish/records.js';
import { renderEmail } from '../../core/render/render-email.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { createSubscribersApi } from '../../core/subscribers/api-handler.js';
import type { ApiHandler } from '../../core/subscribers/api-types.js';
import { eraseAddress, exportAddress } from '../../core/subscribers/erase.js';
import type { LatestIssue, SubscriberDeps } from '../../core/subscribers/lifecycle-deps.js';
import { RequestLimiter } from '../../core/subscribers/request-limiter.js';
import { purgeExpiredPending } from '../../core/subscribers/purge-expired.js';
import { unsubscribeAddress } from '../../core/subscribers/unsubscribe.js';
import { UsageError, type Io } from '../io.js';
import { archiveTokens, type SendOptions } from './send.js';

export interface SubscribersOptions {
  content: string;
  /** The archive: its token secret and published records. */
  out: string;
  subscribers?: string;
  outbox: string;
  /** The API's public base URL (links in emails); default: the envelope's unsubscribe base. */
  apiUrl?: string;
  /** The archive's root for page styles; default: the publication's baseUrl. */
  siteRoot?: string;
}

/** The latest published issue's email, rendered once per (month, revision) and then reused. */
function latestIssue(out: string, templates: Templates): () => Promise<LatestIssue | undefined> {
  let cached: { key: string; latest: LatestIssue } | undefined;
  return async () => {
    const records = await readRecords(new FsArchiveStore(out));
    const month = [...records.keys()].sort().at(-1);
    const record = month ? records.get(month)!.at(-1) : undefined;
    if (!record) return undefined;
    const key = `${record.month}/${record.revision}`;
    if (cached?.key !== key) cached = { key, latest: { issueId: record.month, email: await renderEmail(record.issue, templates) } };
    return cached.latest;
  };
}

/** The subscriber operations wired to the local list, secret and outbox. */
export async function localSubscriberDeps(options: SubscribersOptions, io: Io): Promise<{ deps: SubscriberDeps; templates: Templates; config: NonNullable<Awaited<ReturnType<typeof loadConfig>>['config']> }> {
  const { config, problems } = await loadConfig(new FsContentStore(options.content));
  if (!config) throw new UsageError(problems.map(formatProblem).join('; '));
  const envelope = envelopeFromPublication(config.publication);
  const tokens = await archiveTokens({ ...options, month: '' } as SendOptions, envelope.listId, io);
  const templates = compileTemplates(await readTemplateFiles());
  const deps: SubscriberDeps = {
    store: new FileSubscriberStore(options.subscribers ?? join(options.content, 'subscribers.json'), { idOf: (e) => tokens.subscriberId(e) }),
    tokens, clock: systemClock, mailer: createOutboxMailer(options.outbox), envelope,
    plans: new FsSendPlanStore(join(options.out, 'plans')),
    apiUrl: (options.apiUrl ?? envelope.unsubscribeUrl.replace(/\/unsubscribe$/, '')).replace(/\/+$/, ''),
    publicationName: config.publication.name, language: config.publication.language,
    workstreams: config.workstreams.map((w) => w.id),
    latestIssue: latestIssue(options.out, templates),
    onError: (what, error) => io.err(`subscribers: ${what}: ${(error as Error).message}`),
  };
  return { deps, templates, config };
}

/**
 * The subscribers API over the local files, for mounting: the handler
 * expects paths relative to its mount point (`/subscribe`, `/confirm`,
 * `/unsubscribe`, `/preferences`). Per-IP: 20 sign-ups per 10 minutes;
 * per address: 3 per hour.
 */
export async function localSubscribersApi(options: SubscribersOptions, io: Io): Promise<ApiHandler> {
  const { deps, templates, config } = await localSubscriberDeps(options, io);
  const perIp = new RequestLimiter(20, 600_000, systemClock);
  const perAddress = new RequestLimiter(3, 3_600_000, systemClock);
  return createSubscribersApi({
    subscribers: deps,
    site: {
      templates, publication: config.publication,
      siteRoot: (options.siteRoot ?? config.publication.baseUrl).replace(/\/*$/, '/'),
      workstreams: config.workstreams.map((w) => ({ id: w.id, title: w.title })),
    },
    allow: (key) => (key.startsWith('ip:') ? perIp : perAddress).allow(key),
    sleep: systemSleep,
  });
}

/** `bulletin subscribers unsubscribe EMAIL`: for `mailto:` unsubscribes reaching the comms inbox. */
export async function unsubscribeCommand(email: string, options: SubscribersOptions, io: Io): Promise<number> {
  const { deps } = await localSubscriberDeps(options, io);
  const changed = await unsubscribeAddress(deps, email);
  io.out(changed ? `Unsubscribed ${email.trim().toLowerCase()}: no more issues go to it.` : `${email.trim().toLowerCase()} was already unsubscribed or suppressed; nothing changed.`);
  return 0;
}

/** `bulletin subscribers erase EMAIL`: removes the address, keeping only a keyed-hash suppression marker. */
export async function eraseCommand(email: string, options: SubscribersOptions, io: Io): Promise<number> {
  const { deps } = await localSubscriberDeps(options, io);
  const changed = await eraseAddress(deps, email);
  io.out(changed ? `Erased ${email.trim().toLowerCase()} from ${deps.store.source}; only a keyed hash is kept so it is not added again by mistake.` : `Nothing stored about ${email.trim().toLowerCase()}; nothing changed.`);
  return 0;
}

/** `bulletin subscribers export EMAIL`: everything stored about one address, as JSON. */
export async function exportCommand(email: string, options: SubscribersOptions, io: Io): Promise<number> {
  const { deps } = await localSubscriberDeps(options, io);
  const record = await exportAddress(deps, email);
  io.out(JSON.stringify(record ?? null, null, 2));
  return record ? 0 : 1;
}

/** `bulletin subscribers purge`: forgets expired, never-confirmed sign-ups. */
export async function purgeCommand(options: SubscribersOptions, io: Io): Promise<number> {
  const { deps } = await localSubscriberDeps(options, io);
  const n = await purgeExpiredPending(deps);
  io.out(`${n} expired sign-up${n === 1 ? '' : 's'} forgotten.`);
  return 0;
}

/** `bulletin subscribers serve`: the API on localhost until interrupted. */
export async function serveCommand(options: SubscribersOptions & { port: number; host: string }, io: Io): Promise<number> {
  const server = await serveSubscribersApi(await localSubscribersApi(options, io), { port: options.port, host: options.host });
  io.err(`Subscribers API at ${server.url} (POST /subscribe, /confirm, /unsubscribe, /preferences); messages go to ${options.outbox}. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await server.close();
  return 0;
}
