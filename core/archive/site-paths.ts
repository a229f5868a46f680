/**
 * Where everything lives in the archive. Pages are addressed by their path
 * under the site root (`2010/07/index.html`); the store key adds `site/`.
 * Links between pages are relative (the archive works under any base path,
 * e.g. `/site/` in the local preview); canonical and feed URLs are absolute
 * from the publication's `baseUrl`.
 */
import { baseOf, monthPath } from '../render/format.js';

/** Content types of the HTML pages and JSON files. */
export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Store key of a file under the site root. */
export function siteKey(path: string): string {
  return `site/${path}`;
}

/** The relative prefix from a page to the site root: `2010/07/index.html` → `../../`. */
export function rootFrom(pagePath: string): string {
  return '../'.repeat(pagePath.split('/').length - 1);
}

/** Absolute URL of a site file; a folder's `index.html` is dropped (`…/2010/07/`). */
export function absoluteUrl(baseUrl: string, pagePath: string): string {
  return `${baseOf(baseUrl)}/${pagePath.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The host of `baseUrl`, used in calendar UIDs. */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** Paths under the site root: an issue, an earlier revision, a workstream page and its feed. */
export const issuePagePath = (month: string) => `${monthPath(month)}/index.html`;
export const revisionPagePath = (month: string, revision: number) => `${monthPath(month)}/rev-${revision}/index.html`;
export const workstreamPagePath = (id: string) => `workstreams/${id}/index.html`;
export const workstreamFeedPath = (id: string) => `workstreams/${id}/feed.xml`;

/** Content type by file name, for files whose type is not set by their writer. */
export function contentTypeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    css: 'text/css; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    json: JSON_TYPE,
    html: HTML,
    xml: 'application/xml; charset=utf-8',
    txt: 'text/plain; charset=utf-8',
    svg: 'image/svg+xml',
    ics: 'text/calendar; charset=utf-8',
    pdf: 'application/pdf',
  };
  return types[ext] ?? 'application/octet-stream';
}
