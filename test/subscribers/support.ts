/**
 * Shared set-up for the subscriber tests: the real publication, templates
 * and July 2010 email (the latest issue), the real file store in a
 * throwaway folder (or an in-memory store for property runs), a recording
 * mailer and a fake clock. The handler is the core one, called directly.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser, type ParsedMail } from 'mailparser';
import { DynamoSubscriberStore } from '../../adapters/dynamo-subscribers.js';
import { FileSubscriberStore } from '../../adapters/file-subscribers.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import type { Mailer, OutgoingMessage, StoredSubscriber, WritableSubscriberStore } from '../../core/ports.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { parseSubscribers } from '../../core/send/subscriber.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { createSubscribersApi, type ApiDeps } from '../../core/subscribers/api-handler.js';
import type { ApiHandler, ApiResponse } from '../../core/subscribers/api-types.js';
import type { SubscriberDeps } from '../../core/subscribers/lifecycle-deps.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { fakeTime, julyEmail, SECRET, type FakeTime } from '../send/support.js';

/** Where the API is mounted: the envelope's unsubscribe base (the publication's baseUrl here). */
export const API_URL = 'https://metforward.example.org';

/** Records every message it accepts; `fail` makes the next sends throw. */
export class RecordingMailer implements Mailer {
  readonly idempotent = false;
  readonly sent: OutgoingMessage[] = [];
  fail = false;
  async send(message: OutgoingMessage) {
    if (this.fail) throw Object.assign(new Error('mail service unavailable'), { retryable: true });
    this.sent.push(message);
    return { status: 'accepted' as const };
  }
  async wasAccepted() {
    return undefined;
  }
  parse(i: number): Promise<ParsedMail> {
    return simpleParser(Buffer.from(this.sent[i]!.raw!));
  }
}

/** A WritableSubscriberStore in memory, with the file store's compare-and-set rules; counts writes. */
export class MemoryStore implements WritableSubscriberStore {
  readonly source = 'memory';
  readonly records = new Map<string, StoredSubscriber>();
  writes = 0;
  async list() {
    return parseSubscribers('memory', JSON.stringify([...this.records.values()]));
  }
  async get(id: string) {
    const r = this.records.get(id);
    return r && structuredClone(r);
  }
  async put(record: StoredSubscriber, expected: number | undefined) {
    this.writes++;
    if (this.records.get(record.id)?.version !== expected) return false;
    this.records.set(record.id, structuredClone(record));
    return true;
  }
  async remove(id: string, expected: number) {
    this.writes++;
    if (this.records.get(id)?.version !== expected) return false;
    this.records.delete(id);
    return true;
  }
}

let templates: Promise<Templates> | undefined;

export interface Harness {
  deps: SubscriberDeps;
  api: ApiHandler;
  apiDeps: ApiDeps;
  tokens: TokenSigner;
  store: WritableSubscriberStore;
  mailer: RecordingMailer;
  time: FakeTime;
  /** The list file (file store only). */
  file?: string;
  call(method: string, path: string, options?: { query?: Record<string, string>; body?: string | Uint8Array; type?: string }): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Which WritableSubscriberStore a harness runs on. */
export type StoreKind = 'file' | 'memory' | 'dynamo';

/** A fresh harness; `store: 'file'` (default) writes a real list file in a temporary folder; `dynamo` a fresh table on dynalite. */
export async function harness(options: { store?: StoreKind; entries?: unknown[] } = {}): Promise<Harness> {
  const { config, email, envelope } = await julyEmail();
  if (envelope.unsubscribeUrl !== `${API_URL}/unsubscribe`) throw new Error(`the envelope unsubscribes at ${envelope.unsubscribeUrl}`);
  const time = fakeTime();
  const tokens = new TokenSigner({ secret: SECRET, listId: envelope.listId });
  const kind = options.store ?? 'file';
  const dir = kind === 'file' ? await mkdtemp(join(tmpdir(), 'bulletin-subs-')) : undefined;
  const file = dir && join(dir, 'subscribers.json');
  if (file && options.entries) await (await import('node:fs/promises')).writeFile(file, JSON.stringify(options.entries));
  const idOf = (e: string) => tokens.subscriberId(e);
  const store = file ? new FileSubscriberStore(file, { idOf })
    : kind === 'dynamo' ? new DynamoSubscriberStore(documentClient(), await freshTable('subscribers'), idOf)
      : new MemoryStore();
  const mailer = new RecordingMailer();
  const deps: SubscriberDeps = {
    store, tokens, clock: time, mailer, envelope, apiUrl: API_URL,
    publicationName: config.publication.name, language: config.publication.language,
    workstreams: config.workstreams.map((w) => w.id),
    latestIssue: async () => ({ issueId: '2010-07', email: { ...email, preheader: '' } }),
  };
  templates ??= readTemplateFiles().then(compileTemplates);
  const apiDeps: ApiDeps = {
    subscribers: deps,
    site: { templates: await templates, publication: config.publication, siteRoot: 'https://metforward.example.org/', workstreams: config.workstreams.map((w) => ({ id: w.id, title: w.title })) },
    sleep: time.sleep,
  };
  const api = createSubscribersApi(apiDeps);
  return {
    deps, api, apiDeps, tokens, store, mailer, time, ...(file ? { file } : {}),
    call: (method, path, o = {}) => api({
      method, path, query: o.query ?? {},
      headers: o.type ? { 'content-type': o.type } : {},
      body: typeof o.body === 'string' ? Buffer.from(o.body) : (o.body ?? new Uint8Array()),
    }),
    close: async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The list file's bytes (or the memory store's records), to prove a request changed nothing. */
export async function snapshot(h: Harness): Promise<string> {
  if (h.file) return readFile(h.file, 'utf8').catch(() => '(none)');
  if (h.store instanceof DynamoSubscriberStore) {
    const { Items = [] } = await h.store.client.send(new ScanCommand({ TableName: h.store.table, ConsistentRead: true }));
    return JSON.stringify(Items.map((i) => JSON.stringify(i)).sort());
  }
  return JSON.stringify([...(h.store as MemoryStore).records.entries()]);
}

/** The URL-encoded form body `fields`. */
export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) p.append(k, one);
  return p.toString();
}

/** The token in the first link under `<api>/<path>?token=` in `text`. */
export function tokenIn(text: string, path: string): string {
  const m = new RegExp(`${API_URL.replace(/[.]/g, '\\.')}/${path}\\?token=([A-Za-z0-9._%-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text.slice(0, 300)}`);
  return decodeURIComponent(m[1]!);
}

/** Signs up `email` through the API and returns the confirm token from the email it got. */
export async function signUp(h: Harness, email: string, topics: string[] = []): Promise<string> {
  const before = h.mailer.sent.length;
  const r = await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: form({ email, topics }) });
  if (r.status !== 200) throw new Error(`sign-up answered ${r.status}`);
  if (h.mailer.sent.length !== before + 1) throw new Error('no confirmation email was sent');
  return tokenIn((await h.mailer.parse(before)).text ?? '', 'confirm');
}
