/**
 * What ingest derives from the content bucket's CURRENT objects, whatever
 * the event said: one report per file of the month (problems, or none,
 * with the object's version id), and the month's draft preview (web page,
 * email HTML and text) from every currently valid update. Re-running it
 * writes nothing new (unchanged bytes are skipped), so duplicate and
 * out-of-order events are harmless.
 */
import { renderMonth } from '../core/archive/render-month.js';
import { contentTypeOf, JSON_TYPE } from '../core/archive/site-paths.js';
import { loadMonth, type SiteConfig } from '../core/content/load-content.js';
import { formatProblem, type Problem } from '../core/content/problem.js';
import type { ArchiveStore, ContentStore } from '../core/ports.js';
import { renderIssuePage } from '../core/render/render-page.js';
import type { Templates } from '../core/render/templates.js';

export interface IngestStores {
  content: ContentStore;
  /** Writes `reports/` and `previews/` (the content bucket, on AWS). */
  out: ArchiveStore;
  /** The current version id of `key` (undefined when unversioned or absent). */
  versionOf(key: string): Promise<string | undefined>;
  templates: Templates;
  /** Static assets, written once to `previews/assets/`. */
  assets: Readonly<Record<string, string>>;
}

/** `updates/2010-07/specials.md` → `reports/2010-07/specials.md.json` (the extension kept: .md and .json never collide). */
export function reportKey(path: string): string {
  const [, month, ...rest] = path.split('/');
  return path.startsWith('config/') ? `reports/config/${path.slice(7)}.json` : `reports/${month}/${rest.join('/')}.json`;
}

const isAuthorFile = (key: string) => !key.slice(key.lastIndexOf('/') + 1).startsWith('.');

/** Writes the report of `path` from `problems`; a path that no longer exists gets a `removed` report. */
export async function writeReport(stores: IngestStores, path: string, problems: Problem[], exists: boolean): Promise<void> {
  const versionId = exists ? ((await stores.versionOf(path)) ?? null) : null;
  const status = !exists ? 'removed' : problems.length ? 'invalid' : 'valid';
  const report = { path, versionId, status, problems: problems.map((p) => ({ ...p, text: formatProblem(p) })) };
  await stores.out.write(reportKey(path), `${JSON.stringify(report, null, 2)}\n`, JSON_TYPE);
}

/** Re-derives one month: reports for every current file plus `removed`, and the preview. */
export async function ingestMonth(stores: IngestStores, config: SiteConfig, month: string, removed: readonly string[] = []): Promise<void> {
  const content = await loadMonth(stores.content, month, config);
  const keys = [...(await stores.content.list(`updates/${month}/`)), ...(await stores.content.list(`issues/${month}/`))].filter(isAuthorFile);
  for (const key of keys) await writeReport(stores, key, content.problems.filter((p) => p.path === key), true);
  for (const key of removed.filter((k) => !keys.includes(k))) await writeReport(stores, key, [], false);

  const rendered = await renderMonth(config, content, stores.templates);
  const page = renderIssuePage(rendered.issue, config.publication, stores.templates, { draft: true, root: '../' });
  await stores.out.write(`previews/${month}/index.html`, page, contentTypeOf('index.html'));
  await stores.out.write(`previews/${month}/email.html`, rendered.email.html, contentTypeOf('email.html'));
  await stores.out.write(`previews/${month}/email.txt`, rendered.email.text, contentTypeOf('email.txt'));
  for (const [name, body] of Object.entries(stores.assets)) await stores.out.write(`previews/assets/${name}`, body, contentTypeOf(name));
}
