/**
 * Writes the public archive (`site/…`) through an ArchiveStore: used by
 * `bulletin build` (every month in content/, drafts marked) and by publish
 * (published issues only). Pure apart from the store and the search indexer
 * ports; the same entries give byte-identical files.
 *
 * Incremental: with `changed`, only those months' own files are written,
 * plus the pages that show them — their neighbours' pages (previous/next),
 * pages whose "archived" banner a new newest issue switches on, the
 * workstreams whose update in them changed (compared with the month's
 * previous `bulletin.json`) — and the
 * site-wide files: home page, workstreams index, feeds, calendars, sitemap,
 * standing pages and the search index. Other issues' pages are not touched.
 * Nothing is ever deleted.
 */
import type { Publication, Workstream } from '../content/schema.js';
import type { ArchiveStore } from '../ports.js';
import type { Templates } from '../render/templates.js';
import { affectedMonths } from './affected-pages.js';
import { readArchiveEntry, type ArchiveEntry } from './archive-entry.js';
import { homePage } from './home-page.js';
import { issueCalendar, issueFiles, issuePage, type ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import { markSearchStale, writeSearchIndex, type IndexedPage, type SearchIndexer } from './search-index.js';
import { siteFeeds } from './site-feeds.js';
import { accessibilityPage, correctionsPage, notFoundPage, searchPage, subscribePage } from './site-pages.js';
import { contentTypeOf, issuePagePath, siteKey } from './site-paths.js';
import { searchRecordFile, storedSearchRecord } from './search-record.js';
import { sitemapFiles } from './sitemap.js';
import { reuseStoredPdfs } from './stored-pdfs.js';
import { workstreamFiles, workstreamsIndex } from './workstream-pages.js';
import { changedWorkstreams, workstreamHistories } from './workstream-history.js';

/** Everything `writeArchive` needs; the store and the search indexer are its only effects. */
export interface WriteArchiveInput {
  out: ArchiveStore;
  templates: Templates;
  /** Static files by name (`site.css`, `search.js` …), written to `site/assets/`. */
  assets: Readonly<Record<string, string>>;
  publication: Publication;
  /** The workstream registry (order, titles, strands). */
  workstreams: readonly Workstream[];
  /** Every issue in the archive, any order, one per month (models only: cheap to hold). */
  entries: readonly ArchiveEntry[];
  /** Months whose content changed; undefined = all. See the module comment for what else is written. */
  changed?: readonly string[];
  /** Builds the search index; without one, the search index is left as it is. */
  searchIndexer?: SearchIndexer;
  /** Written as given, e.g. an earlier revision's page from `revisionPage`. Never deleted later. */
  extraPages?: readonly OutputFile[];
  onProgress?: (done: number, total: number, label: string) => void;
}

/** What a write did. */
export interface WriteArchiveResult {
  /** Keys actually written (the store skipped files whose bytes were unchanged). */
  written: string[];
}

/**
 * Writes the site for `entries`. Safe to repeat and to crash part-way: each
 * file is written whole, identical bytes are skipped, issue pages go before
 * the pages that link to them, the search index's entry file last, and
 * nothing is deleted (earlier revisions and old index files stay).
 */
export async function writeArchive(input: WriteArchiveInput): Promise<WriteArchiveResult> {
  const { out, publication } = input;
  const entries = [...input.entries].sort((a, b) => a.issue.month.localeCompare(b.issue.month));
  const months = entries.map((e) => e.issue.month);
  const duplicate = months.find((m, i) => months[i + 1] === m);
  if (duplicate) throw new Error(`writeArchive: two entries for ${duplicate}; pass one entry per month`);
  const ctx: ArchiveContext = { templates: input.templates, publication, entries };
  const written: string[] = [];
  const write = async (f: OutputFile<string | Uint8Array>): Promise<void> => {
    // A page's companions (its PDF) go first, so no page links to a file not yet written.
    for (const c of f.companions ?? []) await write(c);
    if (await out.write(f.key, f.body, f.contentType)) written.push(f.key);
  };
  // A search record that changes first makes its year's search bundle untrusted until checked again (search-index.ts).
  // An unchanged one is not written at all (the store would only read it again to find the same bytes).
  const writeSearchRecord = async (month: string, page: string) => {
    const record = searchRecordFile(month, page);
    if ((await storedSearchRecord(out, month)) !== record.body) {
      written.push(...(await markSearchStale(out, [issuePagePath(month)])));
      await write(record);
    }
    return record.body;
  };
  // The changed months' previous versions, read before they are overwritten, tell which workstream histories changed.
  const previous = input.changed ? await Promise.all(input.changed.map((m) => readArchiveEntry(out, m))) : [];

  const targets = affectedMonths(months, input.changed);
  // The search records of the pages this write renders, by month.
  const records = new Map<string, string>();
  // PDFs whose inputs are unchanged since the stored ones were rendered are read back, not rendered again.
  await reuseStoredPdfs(out, ctx, entries.filter((e) => targets.includes(e.issue.month)));
  for (const [i, month] of targets.entries()) {
    input.onProgress?.(i, targets.length, month);
    const files = issueFiles(ctx, entries.find((e) => e.issue.month === month)!);
    for (const f of files) await write(f);
    records.set(month, await writeSearchRecord(month, files[0]!.body));
  }
  for (const f of input.extraPages ?? []) await write(f);
  input.onProgress?.(targets.length, targets.length, 'index pages');

  for (const name of Object.keys(input.assets).sort()) {
    await write({ key: siteKey(`assets/${name}`), body: input.assets[name]!, contentType: contentTypeOf(name) });
  }
  const histories = workstreamHistories(input.workstreams, entries);
  const touched = input.changed
    ? new Set(input.changed.flatMap((m, i) => [...changedWorkstreams(previous[i], entries.find((e) => e.issue.month === m))]))
    : undefined;
  for (const h of histories) {
    if (!touched || touched.has(h.workstream.id)) for (const f of workstreamFiles(ctx, h)) await write(f);
  }
  const siteWide = [
    workstreamsIndex(ctx, histories),
    homePage(ctx),
    ...siteFeeds(ctx),
    { key: siteKey('dates.ics'), body: issueCalendar(ctx, entries, `${publication.name} key dates`), contentType: contentTypeOf('dates.ics') },
    ...sitemapFiles(ctx, histories),
    searchPage(ctx),
    subscribePage(ctx, histories.map((h) => h.workstream)),
    accessibilityPage(ctx),
    correctionsPage(ctx),
    notFoundPage(ctx),
  ];
  for (const f of siteWide) await write(f);

  if (input.searchIndexer) {
    // Indexers rebuild a whole year's index: unchanged issues come from their stored search records, not rendered
    // again, and only for a year that has to be checked (search-index.ts). A month without one (an output from
    // before records were kept) is rendered in memory without its PDF — its link is `data-pagefind-ignore`, so
    // the index is the same — and its record kept for next time.
    const { fonts: _fonts, ...withoutPdf } = input.templates;
    const searchCtx: ArchiveContext = { ...ctx, templates: withoutPdf };
    const indexed: IndexedPage[] = entries.map((e) => {
      const month = e.issue.month;
      const fresh = records.get(month);
      if (fresh !== undefined) return { path: issuePagePath(month), html: fresh };
      const stored = async () => {
        const html = await storedSearchRecord(out, month);
        if (html !== undefined) return html;
        return writeSearchRecord(month, issuePage(searchCtx, e).body);
      };
      return { path: issuePagePath(month), html: stored };
    });
    written.push(...(await writeSearchIndex(out, input.searchIndexer, indexed, publication.language, { trustMarks: input.changed !== undefined })));
  }
  return { written };
}
