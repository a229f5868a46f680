import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
    // Loaded when an index is made, not when the command starts.
    const pagefind = await loadPagefind();
    try {
      const bundles: SearchBundleFile[][] = [];
      for (const documents of lists) bundles.push(await indexOne(pagefind, documents, language, options));
      return bundles;
    } finally {
      await pagefind.close();
    }
  }
}

async function indexOne(pagefind: typeof import('pagefind'), documents: readonly SearchDocument[], language: string, options: { oneAtATime?: boolean }): Promise<SearchBundleFile[]> {
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

/**
 * Pagefind is an ES module only. The bundled command is CommonJS run from V8's code cache, where
 * Node 20 cannot run `import()` (bin/run-built.js): there the loader lends its own `import`.
 */
function loadPagefind(): Promise<typeof import('pagefind')> {
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('bulletin.import')] as ((specifier: string) => Promise<unknown>) | undefined;
  return (lent ? lent('pagefind') : import('pagefind')) as Promise<typeof import('pagefind')>;
}

/**
 * The installed Pagefind's version. Its package.json is not among its exports (nor is anything `require` may
 * load), so it is found in the folders Node would look in for the package, nearest first.
 */
function pagefindVersion(): string {
  const folders = createRequire(import.meta.url).resolve.paths('pagefind') ?? [];
  const manifest = folders.map((f) => join(f, 'pagefind', 'package.json')).find((f) => existsSync(f));
  if (!manifest) throw new SearchIndexError('pagefind is not installed (npm ci installs it)');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
