/**
 * Builds the sample content into a temporary folder once per test file, so
 * every page type exists: the home page, issues (one archived, one draft,
 * one corrected with its earlier revision), workstream pages with charts,
 * search (with a Pagefind index), subscribe (form shown), accessibility,
 * corrections, 404 and the preview index.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { PagefindIndexer } from '../../adapters/pagefind-indexer.js';
import { readArchiveEntry, type ArchiveEntry } from '../../core/archive/archive-entry.js';
import { buildSite } from '../../core/archive/build-site.js';
import { revisionPage } from '../../core/archive/issue-files.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { loadConfig } from '../../core/content/load-content.js';
import { compileTemplates } from '../../core/render/templates.js';

export const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

/** Site paths of one page of each type. */
export const PAGES = {
  home: 'index.html',
  issue: '2010/09/index.html',
  draftIssue: '2010/10/index.html',
  archivedIssue: '2010/07/index.html',
  correctedIssue: '2010/08/index.html',
  earlierRevision: '2010/08/rev-1/index.html',
  workstreams: 'workstreams/index.html',
  workstreamWithChart: 'workstreams/specials/index.html',
  search: 'search/index.html',
  subscribe: 'subscribe/index.html',
  accessibility: 'accessibility/index.html',
  corrections: 'corrections/index.html',
  notFound: '404.html',
} as const;

export const CORRECTION = { revision: 2, date: '2010-08-12', note: 'The Anti Violence Oversight Panel meets on 14 October, not 7 October.' };

export interface SampleSite {
  /** The build output (`index.html` preview + `site/`). */
  out: string;
  site: string;
  cleanup(): Promise<void>;
}

/** Copies content/ with `edit` applied to config/publication.yaml. */
export async function copyContent(dir: string, edit: (publication: Record<string, unknown>) => void = () => {}): Promise<string> {
  const content = join(dir, 'content');
  await cp(CONTENT_DIR, content, { recursive: true });
  const file = join(content, 'config/publication.yaml');
  const doc = parseDocument(await readFile(file, 'utf8'));
  const data = doc.toJSON() as Record<string, unknown>;
  edit(data);
  for (const [k, v] of Object.entries(data)) doc.set(k, v);
  await writeFile(file, doc.toString());
  return content;
}

export async function buildSampleSite(options: { search?: boolean } = {}): Promise<SampleSite> {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-site-'));
  const content = await copyContent(dir, (p) => {
    p.archivedAfterMonths = 2;
    p.subscribeUrl = 'https://subscribe.metforward.example.org/subscriptions';
  });
  const out = join(dir, 'out');
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  const store = new FsArchiveStore(out);
  const searchIndexer = options.search ? new PagefindIndexer() : undefined;
  const built = await buildSite({ content: new FsContentStore(content), out: store, templates, assets, ...(searchIndexer ? { searchIndexer } : {}) });
  if (built.problems.length) throw new Error(`sample content has problems: ${JSON.stringify(built.problems)}`);
  const { config } = await loadConfig(new FsContentStore(content));
  const entries: ArchiveEntry[] = [];
  for (const m of ['2010-07', '2010-08', '2010-09', '2010-10']) entries.push((await readArchiveEntry(store, m))!);
  const earlier = entries[1]!;
  const corrected: ArchiveEntry = { ...earlier, corrections: [CORRECTION] };
  const all = [entries[0]!, corrected, ...entries.slice(2)];
  const ctx = { templates, publication: config!.publication, entries: all };
  await writeArchive({
    out: store, templates, assets, publication: config!.publication, workstreams: config!.workstreams, entries: all,
    changed: ['2010-08'], extraPages: [revisionPage(ctx, earlier)], ...(searchIndexer ? { searchIndexer } : {}),
  });
  return { out, site: join(out, 'site'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
