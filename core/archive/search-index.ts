/**
 * Full-text search with no server: a SearchIndexer (Pagefind locally, see
 * adapters/pagefind-indexer.ts) turns the issue pages into a static index
 * bundle that the search page loads in the browser. Only the region marked
 * `data-pagefind-body` (the bulletin itself) is indexed.
 */
import type { ArchiveStore } from '../ports.js';
import { sha256 } from './pdf-record.js';
import { contentTypeOf, siteKey } from './site-paths.js';
import { readStoredJson } from './stored-json.js';

/** One page to index: its path under the site root and its full HTML. */
export interface SearchDocument {
  path: string;
  html: string;
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
   * Indexes every document — a whole index each time: indexers are not
   * incremental — and returns the bundle's files. Result URLs are the
   * documents' paths with a leading `/`, for the search page to make relative.
   */
  index(documents: readonly SearchDocument[], language: string): Promise<SearchBundleFile[]>;
  /**
   * The indexer and its version (`pagefind@1.5.2`). With it, the same documents are not indexed again: the
   * bundle they made is still in the store (see `writeSearchIndex`). Indexers whose output for the same
   * documents can differ must leave it out.
   */
  readonly edition?: string;
}

/** What the bundle in the store was made from: kept outside `site/`, written after the bundle's entry file. */
export const SEARCH_STAMP_KEY = 'cache/search/index.json';
interface SearchStamp {
  inputs: string;
  /** Every file of the bundle that was written (path inside the bundle → sha256 of its bytes). */
  files: Record<string, string>;
}
const ENTRY = 'pagefind-entry.json';

/** Where the bundle lives under the site root; the search page's script loads `pagefind.js` from here. */
export const SEARCH_BUNDLE = 'pagefind/';

// The bundle also carries ready-made UIs we do not use (our page has its own, accessible, form).
const UNUSED = /^(pagefind-(ui|modular-ui|component-ui|highlight)\.|wasm\.unknown\.|playground\/)/;

function contentType(path: string): string {
  if (path.endsWith('.pagefind') || path.endsWith('.pf_index') || path.endsWith('.pf_fragment') || path.endsWith('.pf_meta') || path.endsWith('.pf_filter')) return 'application/octet-stream';
  return contentTypeOf(path);
}

/**
 * Indexes `documents` and writes the bundle through the store. Files are
 * content-addressed by the indexer, so an unchanged index writes nothing;
 * files of an older index are left for caches still holding its entry file.
 * An indexer with an `edition` is not even run when the stored bundle was
 * made from the same documents.
 */
export async function writeSearchIndex(
  out: ArchiveStore,
  indexer: SearchIndexer,
  documents: readonly SearchDocument[],
  language: string,
): Promise<string[]> {
  const written: string[] = [];
  const inputs = indexer.edition === undefined ? undefined : searchInputs(indexer.edition, documents, language);
  if (inputs !== undefined && (await indexedAlready(out, inputs))) return written;
  // The entry file goes last, so a reader never loads an entry that names files not yet written.
  const rank = (p: string) => (p === ENTRY ? 1 : 0);
  const files = (await indexer.index(documents, language))
    .filter((f) => !UNUSED.test(f.path))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  for (const f of files) {
    const key = siteKey(`${SEARCH_BUNDLE}${f.path}`);
    if (await out.write(key, f.bytes, contentType(f.path))) written.push(key);
  }
  if (inputs !== undefined && files.some((f) => f.path === ENTRY)) {
    const stamp: SearchStamp = { inputs, files: Object.fromEntries(files.map((f) => [f.path, sha256(f.bytes)])) };
    if (await out.write(SEARCH_STAMP_KEY, `${JSON.stringify(stamp)}\n`, contentTypeOf('index.json'))) written.push(SEARCH_STAMP_KEY);
  }
  return written;
}

/** The hash of everything an index is made from: indexer, language, and each document's path and HTML, in order. */
function searchInputs(edition: string, documents: readonly SearchDocument[], language: string): string {
  return sha256(JSON.stringify([edition, language, documents.map((d) => [d.path, d.html])]));
}

/** Whether the store holds the bundle `inputs` made: the stamp says so, and every file of it is there, byte for byte. */
async function indexedAlready(out: ArchiveStore, inputs: string): Promise<boolean> {
  const stamp = (await readStoredJson(out, SEARCH_STAMP_KEY)) as Partial<SearchStamp> | undefined;
  if (!stamp || stamp.inputs !== inputs || !stamp.files || typeof stamp.files !== 'object' || !(ENTRY in stamp.files)) return false;
  for (const [path, digest] of Object.entries(stamp.files)) {
    const bytes = await out.read(siteKey(`${SEARCH_BUNDLE}${path}`));
    if (!bytes || sha256(bytes) !== digest) return false;
  }
  return true;
}
