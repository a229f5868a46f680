/**
 * Builds the sample content into a temporary folder once per test file, so
 * every page type exists: the home page, issues (one archived, one draft,
 * one corrected with its earlier revision), workstream pages with charts,
 * search (with a Pagefind index), subscribe (form shown), accessibility,
 * corrections, 404 and the preview index.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

/** A 200-character word and a 200-character URL: every page must wrap them at 320 px (no sideways scrolling). */
export const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(6).slice(0, 200);
export const LONG_URL = `https://www.example.org/${'a-rather-long-path-segment/'.repeat(8)}`.slice(0, 199) + 'x';
const LONG_BODY_URL = LONG_URL.replace('example.org', 'example.net');

/** Puts the long word and URLs where each part of a page shows author text: titles, body, links, figures, dates, contact. */
async function addLongText(content: string): Promise<void> {
  const file = join(content, 'updates/2010-09/civil-liberties.md');
  const text = (await readFile(file, 'utf8'))
    .replace('title: "MPA Civil Liberties Panel: DNA review continues"', `title: "MPA Civil Liberties Panel: ${LONG_WORD}"`)
    .replace('dates:\n', `links:\n  - label: "${LONG_WORD}"\n    url: "${LONG_URL}"\n  - label: "${LONG_URL}"\n    url: "${LONG_URL}?again"\ndates:\n`)
    .replace('label: "Civil Liberties Panel: expert witness session on DNA retention"', `label: "Civil Liberties Panel: ${LONG_WORD}"`)
    .replace('  - label: Written submissions received', `  - label: "Written submissions ${LONG_WORD}"`)
    .replace('contact:\n  email: dna@mpa.gov.uk', `contact:\n  lines: ["${LONG_WORD}"]\n  email: dna@mpa.gov.uk`)
    .concat(`\n${LONG_WORD} and [${LONG_BODY_URL}](${LONG_BODY_URL}) and <${LONG_BODY_URL}?plain>\n`);
  if (!text.includes(`links:\n  - label: "${LONG_WORD}"`) || !text.includes(`lines: ["${LONG_WORD}"]`)) throw new Error('site fixture: civil-liberties 2010-09 changed; update addLongText');
  await writeFile(file, text);
}

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

/** A word found only in the January 2011 issue that `nextYear` adds. */
export const NEXT_YEAR_WORD = 'Quillwort';

/** Adds January 2011 (October 2010's files, moved on a quarter, with NEXT_YEAR_WORD in its Safer Neighbourhoods update): a second year. */
async function addNextYear(content: string): Promise<void> {
  for (const folder of ['updates', 'issues']) {
    const from = join(content, folder, '2010-10');
    const to = join(content, folder, '2011-01');
    await cp(from, to, { recursive: true });
    for (const name of await readdir(to)) {
      const file = join(to, name);
      await writeFile(file, (await readFile(file, 'utf8')).replaceAll('2010-10', '2011-01').replaceAll('October 2010', 'January 2011'));
    }
  }
  const file = join(content, 'updates/2011-01/safer-neighbourhoods.md');
  await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n\nThe ${NEXT_YEAR_WORD} ward panel met for the first time.\n`);
}

export async function buildSampleSite(options: { search?: boolean; nextYear?: boolean } = {}): Promise<SampleSite> {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-site-'));
  const content = await copyContent(dir, (p) => {
    p.subscribeUrl = 'https://subscribe.metforward.example.org/subscriptions';
  });
  await addLongText(content);
  if (options.nextYear) await addNextYear(content);
  const out = join(dir, 'out');
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  const store = new FsArchiveStore(out);
  const searchIndexer = options.search ? new PagefindIndexer() : undefined;
  const built = await buildSite({ content: new FsContentStore(content), out: store, templates, assets, ...(searchIndexer ? { searchIndexer } : {}) });
  if (built.problems.length) throw new Error(`sample content has problems: ${JSON.stringify(built.problems)}`);
  const { config } = await loadConfig(new FsContentStore(content));
  const entries: ArchiveEntry[] = [];
  for (const m of ['2010-07', '2010-08', '2010-09', '2010-10', ...(options.nextYear ? ['2011-01'] : [])]) entries.push((await readArchiveEntry(store, m))!);
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
