import { readFileSync } from 'node:fs';
import * as pagefind from 'pagefind';
import type { SearchBundleFile, SearchDocument, SearchIndexer } from '../core/archive/search-index.js';

/** Pagefind failed to start, index a page or write its bundle (unexpected: thrown, not reported). */
export class SearchIndexError extends Error {
  readonly code = 'SEARCH_INDEX_FAILED';
}

/**
 * SearchIndexer over Pagefind's Node API: pages are indexed from memory
 * (`addHTMLFile`) and the bundle is returned from memory (`getFiles`), so the
 * core writes it through its ArchiveStore like any other file. Pagefind runs
 * as a child process, started once for all the bundles a build makes and
 * closed after them, so no process lingers.
 */
export class PagefindIndexer implements SearchIndexer {
  /** `pagefind@<version>`: the same documents make the same bundle (files are named by their content). */
  readonly edition = `pagefind@${pagefindVersion()}`;

  /**
   * One bundle per list, made one after another by one Pagefind process (started once, closed at the end).
   * `oneAtATime`: each page awaited before the next is sent (what the test compares the all-at-once bundle with).
   */
  async index(lists: readonly (readonly SearchDocument[])[], language: string, options: { oneAtATime?: boolean } = {}): Promise<SearchBundleFile[][]> {
    try {
      const bundles: SearchBundleFile[][] = [];
      for (const documents of lists) bundles.push(await indexOne(documents, language, options));
      return bundles;
    } finally {
      await pagefind.close();
    }
  }
}

async function indexOne(documents: readonly SearchDocument[], language: string, options: { oneAtATime?: boolean }): Promise<SearchBundleFile[]> {
  const created = await pagefind.createIndex({ forceLanguage: language.slice(0, 2).toLowerCase(), keepIndexUrl: true });
  const { index } = created;
  if (!index) throw new SearchIndexError(`pagefind could not start: ${created.errors.join('; ')}`);
  try {
    // All sent at once, in the documents' order: Pagefind's service takes them as they arrive (and the bundle
    // depends on that order), so the round trips overlap instead of each waiting for the last.
    const add = (doc: SearchDocument) => index.addHTMLFile({ url: `/${doc.path}`, content: doc.html });
    const added = [];
    if (options.oneAtATime) for (const doc of documents) added.push(await add(doc));
    else added.push(...(await Promise.all(documents.map(add))));
    const failed = added.findIndex((a) => a.errors.length);
    if (failed >= 0) throw new SearchIndexError(`pagefind could not index ${documents[failed]!.path}: ${added[failed]!.errors.join('; ')}`);
    const { files, errors } = await index.getFiles();
    if (errors.length) throw new SearchIndexError(`pagefind could not write its index: ${errors.join('; ')}`);
    return files.map((f) => ({ path: f.path, bytes: f.content }));
  } finally {
    await index.deleteIndex();
  }
}

/** The installed Pagefind's version (its package.json is not among its exports, so it is read beside the module). */
function pagefindVersion(): string {
  const manifest = new URL('../package.json', import.meta.resolve('pagefind'));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
