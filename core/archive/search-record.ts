/**
 * Each issue page's search record: the region Pagefind indexes (the element
 * marked `data-pagefind-body`) in a bare document of the page's language.
 * Pagefind reads nothing else of a page that has such a region, so the
 * record indexes exactly as the page does (the byte-identical build test
 * proves it on the sample). It is kept at `cache/search/YYYY-MM.pagefind-record`,
 * outside `site/`, written with the page, so a `--month` build feeds Pagefind
 * the unchanged months' records instead of rendering their pages again.
 */
import type { ArchiveStore, OutputFile } from '../ports.js';
import { contentTypeOf } from './site-paths.js';

/** Store key of a month's search record. */
// Not `.html`: a record is no page, and tools that check every page of an output (html-validate) must not pick it up.
export const searchRecordKey = (month: string) => `cache/search/${month}.pagefind-record`;

/** The record of `page`; the page itself when it has no `data-pagefind-body` region (so nothing is lost). */
export function searchRecord(page: string): string {
  const mark = page.indexOf('data-pagefind-body');
  const start = page.lastIndexOf('<', mark);
  const tag = /^<([a-zA-Z][\w-]*)/.exec(page.slice(start))?.[1];
  if (mark < 0 || !tag) return page;
  // The region ends at the close tag that balances its open tag (same-name elements may nest inside).
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(page); m; m = tags.exec(page)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const lang = /<html\b[^>]*\blang="([^"]*)"/i.exec(page)?.[1];
      return `<!DOCTYPE html><html${lang === undefined ? '' : ` lang="${lang}"`}><head><meta charset="utf-8"></head><body>${page.slice(start, m.index + m[0].length)}</body></html>`;
    }
  }
  return page;
}

/** The record file of `month`'s page. */
export function searchRecordFile(month: string, page: string): OutputFile {
  return { key: searchRecordKey(month), body: searchRecord(page), contentType: contentTypeOf('index.html') };
}

/** `month`'s stored record, or undefined when none was kept. */
export async function storedSearchRecord(out: ArchiveStore, month: string): Promise<string | undefined> {
  const bytes = await out.read(searchRecordKey(month));
  return bytes && new TextDecoder().decode(bytes);
}
