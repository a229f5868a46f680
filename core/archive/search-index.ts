/**
 * Full-text search with no server: a SearchIndexer (Pagefind locally, see
 * adapters/pagefind-indexer.ts) turns the issue pages into a static index
 * bundle that the search page loads in the browser. Only the region marked
 * `data-pagefind-body` (the bulletin itself) is indexed.
 */
import type { ArchiveStore } from '../ports.js';
import { contentTypeOf, siteKey } from './site-paths.js';

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
}

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
 */
export async function writeSearchIndex(
  out: ArchiveStore,
  indexer: SearchIndexer,
  documents: readonly SearchDocument[],
  language: string,
): Promise<string[]> {
  const written: string[] = [];
  // The entry file goes last, so a reader never loads an entry that names files not yet written.
  const rank = (p: string) => (p === 'pagefind-entry.json' ? 1 : 0);
  const files = (await indexer.index(documents, language))
    .filter((f) => !UNUSED.test(f.path))
    .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  for (const f of files) {
    const key = siteKey(`${SEARCH_BUNDLE}${f.path}`);
    if (await out.write(key, f.bytes, contentType(f.path))) written.push(key);
  }
  return written;
}
