/**
 * What ingest derives from the content bucket's CURRENT objects, whatever
 * the event said: one report per file of the month (problems, or none,
 * with the object's version id), and the month's draft preview (web page,
 * email HTML and text) from every currently valid update, and its status
 * (status.json and status.html). Re-running it
 * writes nothing new (unchanged bytes are skipped), so duplicate and
 * out-of-order events are harmless; the owner of an invalid file is
 * mailed once per object version (invalid-notice.ts).
 */
import { createHash } from 'node:crypto';
import { renderMonth } from '../archive/render-month.js';
import { contentTypeOf, JSON_TYPE } from '../archive/site-paths.js';
import { loadMonth, type SiteConfig } from '../content/load-content.js';
import type { Clock, ContentStore } from '../ports.js';
import { monthStatus } from '../desk/month-status.js';
import { statusFiles } from '../desk/status-page.js';
import { envelopeFromPublication } from '../send/envelope.js';
import { renderIssuePage } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { planInvalidNotices, sendInvalidNotices, type InvalidFile, type NoticeDeps } from './invalid-notice.js';
import { writeReport, type ReportStores } from './report.js';

export interface IngestStores extends ReportStores {
  content: ContentStore;
  templates: Templates;
  /** Static assets, written once to `previews/assets/`. */
  assets: Readonly<Record<string, string>>;
  /** Judges lateness in the status; without it nothing is late. */
  clock?: Clock;
  /** Where the owner's notice of an invalid file goes; without it nobody is mailed. */
  notices?: NoticeDeps;
}

/** The version a notice is keyed by: the object's version id, else a hash of its current bytes. */
async function versionKey(stores: IngestStores, key: string, versionId: string | null): Promise<string> {
  if (versionId) return `v:${versionId}`;
  return `sha256:${createHash('sha256').update((await stores.content.read(key)) ?? new Uint8Array()).digest('hex')}`;
}

const isAuthorFile = (key: string) => !key.slice(key.lastIndexOf('/') + 1).startsWith('.');

/** Re-derives one month: reports for every current file plus `removed`, and the preview. */
export async function ingestMonth(stores: IngestStores, config: SiteConfig, month: string, removed: readonly string[] = []): Promise<void> {
  const content = await loadMonth(stores.content, month, config);
  const keys = [...(await stores.content.list(`updates/${month}/`)), ...(await stores.content.list(`issues/${month}/`))].filter(isAuthorFile);
  const invalid: InvalidFile[] = [];
  for (const key of keys) {
    const problems = content.problems.filter((p) => p.path === key);
    const versionId = await writeReport(stores, key, problems, true);
    if (problems.length && stores.notices) invalid.push({ path: key, version: await versionKey(stores, key, versionId), problems });
  }
  for (const key of removed.filter((k) => !keys.includes(k))) await writeReport(stores, key, [], false);

  const rendered = await renderMonth(config, content, stores.templates);
  const issuePage = renderIssuePage(rendered.issue, config.publication, stores.templates, { draft: true, root: '../' });
  await stores.out.write(`previews/${month}/index.html`, issuePage, contentTypeOf('index.html'));
  await stores.out.write(`previews/${month}/email.html`, rendered.email.html, contentTypeOf('email.html'));
  await stores.out.write(`previews/${month}/email.txt`, rendered.email.text, contentTypeOf('email.txt'));
  // The same status `bulletin status --json` prints and the same page the preview serves, from the one status function.
  const status = monthStatus({ config, content, ...(stores.clock ? { now: stores.clock.now() } : {}) });
  const page = statusFiles(config.publication, status, rendered.issue.monthLabel, stores.templates, '../').find((f) => f.key.endsWith('.html'))!;
  await stores.out.write(`previews/${month}/status.html`, page.body, page.contentType);
  await stores.out.write(`previews/${month}/status.json`, `${JSON.stringify(status, null, 2)}\n`, JSON_TYPE);
  for (const [name, body] of Object.entries(stores.assets)) await stores.out.write(`previews/assets/${name}`, body, contentTypeOf(name));
  // Last: the reports and preview the notice points to are already written.
  if (stores.notices) await sendInvalidNotices(planInvalidNotices(config, month, invalid), envelopeFromPublication(config.publication), stores.notices);
}
