/**
 * What ingest derives from the content bucket's CURRENT objects, whatever
 * the event said: one report per file of the month (problems, or none,
 * with the object's version id), and the month's draft preview (web page,
 * email HTML and text) from every currently valid update. Re-running it
 * writes nothing new (unchanged bytes are skipped), so duplicate and
 * out-of-order events are harmless.
 */
import { renderMonth } from '../archive/render-month.js';
import { contentTypeOf } from '../archive/site-paths.js';
import { loadMonth, type SiteConfig } from '../content/load-content.js';
import type { ContentStore } from '../ports.js';
import { renderIssuePage } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { writeReport, type ReportStores } from './report.js';

export interface IngestStores extends ReportStores {
  content: ContentStore;
  templates: Templates;
  /** Static assets, written once to `previews/assets/`. */
  assets: Readonly<Record<string, string>>;
}

const isAuthorFile = (key: string) => !key.slice(key.lastIndexOf('/') + 1).startsWith('.');

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
