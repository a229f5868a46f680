/**
 * Full-text search with no server: a SearchIndexer (Pagefind locally, see
 * adapters/pagefind-indexer.ts) turns the issue pages into static index
 * bundles that the search page loads in the browser. Only the region marked
 * `data-pagefind-body` (the bulletin itself) is indexed.
 *
 * One bundle per year (`pagefind/2010/` …): indexers build a whole index
 * each time, so one index of every issue would cost a publish in proportion
 * to the archive's age; a year's bundle holds at most twelve issues, and a
 * build indexes only the years whose pages changed. The search page loads
 * the newest year's bundle and merges the others into it (Pagefind's
 * `mergeIndex`: the merged bundles share the first one's WebAssembly and
 * worker, so each adds only its small index files).
 */
import { createHash } from 'node:crypto';
import type { ArchiveStore } from '../ports.js';
import { sha256 } from './pdf-record.js';
import { contentTypeOf, siteKey } from './site-paths.js';
import { readStoredJson } from './stored-json.js';

/** One page to index: its path under the site root and its full HTML. */
export interface SearchDocument {
  path: string;
  html: string;
}

/** A page for `writeSearchIndex`: its HTML in hand, or read only when its year's bundle has to be checked. */
export interface IndexedPage {
  path: string;
  html: string | (() => Promise<string>);
}

/** One file of the search index bundle, as the indexer returns it. */
export interface SearchBundleFile {
  /** Path inside the bundle folder, e.g. `pagefind.js`, `index/en_1a2b.pf_index`. */
  path: string;
  bytes: Uint8Array;
}

/** The search index port. */
export interface SearchIndexer {
  /**
   * Makes one bundle per list of documents, in order — a whole index each
   * time: indexers are not incremental — and returns each bundle's files.
   * Result URLs are the documents' paths with a leading `/`, for the search
   * page to make relative. Given together, the lists can share the
   * indexer's start-up.
   */
  index(lists: readonly (readonly SearchDocument[])[], language: string): Promise<SearchBundleFile[][]>;
  /**
   * The indexer and its version (`pagefind@1.5.2`). With it, the same documents are not indexed again: the
   * bundle they made is still in the store (see `writeSearchIndex`). Indexers whose output for the same
   * documents can differ must leave it out.
   */
  readonly edition?: string;
}

/** What a year's bundle in the store was made from: kept outside `site/`, written after the bundle's entry file. */
export const searchStampKey = (shard: string) => `cache/search/${shard}.json`;
interface SearchStamp {
  inputs: string;
  /** Every file of the bundle that was written (path inside the bundle → sha256 of its bytes). */
  files: Record<string, string>;
  /** The hash of the indexer's edition, the language and the pages' paths (`searchOutline`): what a trusted year is checked by. */
  outline?: string;
  /** Set (`markSearchStale`) before any of the year's pages is rewritten; cleared when its bundle is checked again. */
  stale?: true;
}
const ENTRY = 'pagefind-entry.json';

/** Where the bundles live under the site root: one folder per shard, each with its own `pagefind.js`. */
export const SEARCH_BUNDLE = 'pagefind/';

/** The shard a document belongs to: its year (`2010/07/index.html` → `2010`); anything else goes in `site`. */
export function searchShard(path: string): string {
  return /^(\d{4})\//.exec(path)?.[1] ?? 'site';
}

/** The bundle folder of a shard, under the site root: `pagefind/2010/`. */
export const searchBundle = (shard: string) => `${SEARCH_BUNDLE}${shard}/`;

/** The bundles the search page loads for these document paths, newest year first (the first is the one the others merge into). */
export function searchBundles(paths: readonly string[]): string[] {
  return [...new Set(paths.map(searchShard))].sort((a, b) => b.localeCompare(a)).map(searchBundle);
}

// The bundle also carries ready-made UIs we do not use (our page has its own, accessible, form).
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.|wasm\.unknown\.|playground\/)/;

function contentType(path: string): string {
  if (path.endsWith('.pagefind') || path.endsWith('.pf_index') || path.endsWith('.pf_fragment') || path.endsWith('.pf_meta') || path.endsWith('.pf_filter')) return 'application/octet-stream';
  return contentTypeOf(path);
}

/**
 * Indexes `pages`, one bundle per shard (year), and writes the bundles
 * through the store. Files are content-addressed by the indexer, so an
 * unchanged index writes nothing; files of an older index are left for
 * caches still holding its entry file. With an `edition`, the indexer is not
 * even run for a shard whose stored bundle was made from the same pages.
 *
 * With `trustMarks`, a shard is not read at all when its stamp is not
 * marked `stale` and lists the same pages in the same order: every change
 * of a page's search record marks its year stale first (`markSearchStale`),
 * so an unmarked stamp still describes the records. Without it (a whole
 * build), every shard's pages and bundle files are checked.
 */
export async function writeSearchIndex(
  out: ArchiveStore,
  indexer: SearchIndexer,
  pages: readonly IndexedPage[],
  language: string,
  options: { trustMarks?: boolean } = {},
): Promise<string[]> {
  const shards = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    const shard = searchShard(page.path);
    const list = shards.get(shard);
    if (list) list.push(page);
    else shards.set(shard, [page]);
  }
  const stale: { shard: string; docs: SearchDocument[]; inputs: string | undefined; outline: string | undefined }[] = [];
  const written: string[] = [];
  const writeStamp = async (shard: string, stamp: SearchStamp) => {
    if (await writeSearchStamp(out, shard, stamp)) written.push(searchStampKey(shard));
  };
  for (const [shard, list] of shards) {
    const outline = indexer.edition === undefined ? undefined : searchOutline(indexer.edition, list, language);
    const stamp = outline === undefined ? undefined : await readSearchStamp(out, shard);
    if (stamp && options.trustMarks && !stamp.stale && stamp.outline === outline) continue;
    const docs: SearchDocument[] = [];
    for (const p of list) docs.push({ path: p.path, html: typeof p.html === 'string' ? p.html : await p.html() });
    const inputs = indexer.edition === undefined ? undefined : searchInputs(indexer.edition, docs, language);
    if (inputs !== undefined && stamp && (await indexedAlready(out, shard, stamp, inputs))) {
      // The same pages made the stored bundle: only the stamp's mark (and an older stamp's missing outline) changes.
      if (stamp.stale || stamp.outline !== outline) await writeStamp(shard, { inputs, files: stamp.files, ...(outline ? { outline } : {}) });
      continue;
    }
    stale.push({ shard, docs, inputs, outline });
  }
  if (!stale.length) return written;
  const bundles = await indexer.index(stale.map((s) => s.docs), language);
  for (const [i, { shard, inputs, outline }] of stale.entries()) {
    // The entry file goes last, so a reader never loads an entry that names files not yet written.
    const rank = (p: string) => (p === ENTRY ? 1 : 0);
    const files = bundles[i]!.filter((f) => !UNUSED.test(f.path)).sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
    for (const f of files) {
      const key = siteKey(`${searchBundle(shard)}${f.path}`);
      if (await out.write(key, f.bytes, contentType(f.path))) written.push(key);
    }
    if (inputs !== undefined && files.some((f) => f.path === ENTRY)) {
      await writeStamp(shard, { inputs, files: Object.fromEntries(files.map((f) => [f.path, sha256(f.bytes)])), ...(outline ? { outline } : {}) });
    }
  }
  return written;
}

/**
 * Marks the stamps of the years these page paths fall in as stale, before
 * their search records change: until a build with an indexer checks such a
 * year again, no build trusts its bundle unread — whether this build has no
 * indexer, or stops before it indexes.
 */
export async function markSearchStale(out: ArchiveStore, paths: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const shard of new Set(paths.map(searchShard))) {
    const stamp = await readSearchStamp(out, shard);
    if (!stamp || stamp.stale) continue;
    if (await writeSearchStamp(out, shard, { ...stamp, stale: true })) written.push(searchStampKey(shard));
  }
  return written;
}

/** Writes a shard's stamp; true when its bytes changed. */
function writeSearchStamp(out: ArchiveStore, shard: string, stamp: SearchStamp): Promise<boolean> {
  return out.write(searchStampKey(shard), `${JSON.stringify(stamp)}\n`, contentTypeOf('index.json'));
}

/** The stored stamp of a shard, when it has the shape of one. */
async function readSearchStamp(out: ArchiveStore, shard: string): Promise<SearchStamp | undefined> {
  const stamp = (await readStoredJson(out, searchStampKey(shard))) as Partial<SearchStamp> | undefined;
  if (!stamp || typeof stamp.inputs !== 'string' || !stamp.files || typeof stamp.files !== 'object' || !(ENTRY in stamp.files)) return undefined;
  return stamp as SearchStamp;
}

/** The hash of what a shard's bundle is made of apart from the pages' text: indexer, language and the pages' paths, in order. */
function searchOutline(edition: string, pages: readonly IndexedPage[], language: string): string {
  const hash = createHash('sha256');
  const add = (text: string) => hash.update(`${Buffer.byteLength(text)}:`).update(text);
  add(edition);
  add(language);
  for (const p of pages) add(p.path);
  return hash.digest('hex');
}

/** The hash of everything an index is made from: indexer, language, and each document's path and HTML, in order. */
function searchInputs(edition: string, documents: readonly SearchDocument[], language: string): string {
  // Fed piece by piece, each with its length in front (so no two inputs run together): a year's pages are ≈ 250 KB,
  // which one JSON string of them all would first copy and escape.
  const hash = createHash('sha256');
  const add = (text: string) => hash.update(`${Buffer.byteLength(text)}:`).update(text);
  add(edition);
  add(language);
  for (const d of documents) {
    add(d.path);
    add(d.html);
  }
  return hash.digest('hex');
}

/** Whether the store holds the shard's bundle `inputs` made: its stamp says so, and every file of it is there, byte for byte. */
async function indexedAlready(out: ArchiveStore, shard: string, stamp: SearchStamp, inputs: string): Promise<boolean> {
  if (stamp.inputs !== inputs) return false;
  for (const [path, digest] of Object.entries(stamp.files)) {
    const bytes = await out.read(siteKey(`${searchBundle(shard)}${path}`));
    if (!bytes || sha256(bytes) !== digest) return false;
  }
  return true;
}
