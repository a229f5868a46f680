/**
 * `sitemap.xml` (sitemaps.org 0.9) and `robots.txt` pointing to it. URLs are
 * absolute from `baseUrl`; `lastmod` is the content's own time (W3C Datetime:
 * the issue's publication or newest correction, to the second, so a same-day
 * correction still moves it), so rebuilding changes nothing. Draft
 * previews and earlier revisions are left out: they are not for indexing.
 */
import { lastUpdated, type ArchiveEntry } from './archive-entry.js';
import type { ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import { absoluteUrl, contentTypeOf, issuePagePath, siteKey, workstreamPagePath } from './site-paths.js';
import type { WorkstreamHistory } from './workstream-history.js';

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function newest(entries: readonly ArchiveEntry[]): string | undefined {
  return entries.map(lastUpdated).sort().at(-1);
}

/** `sitemap.xml` with the home page, published issues, workstream pages and standing pages; `robots.txt` naming it. */
export function sitemapFiles(ctx: ArchiveContext, histories: readonly WorkstreamHistory[]): OutputFile[] {
  const published = ctx.entries.filter((e) => !e.draft);
  const latest = newest(published);
  const urls: { path: string; lastmod?: string }[] = [
    { path: 'index.html', ...(latest ? { lastmod: latest } : {}) },
    ...[...published].reverse().map((e) => ({ path: issuePagePath(e.issue.month), lastmod: lastUpdated(e) })),
    { path: 'workstreams/index.html', ...(latest ? { lastmod: latest } : {}) },
    ...histories.map((h) => {
      const mod = newest(h.updates.map((u) => u.entry).filter((e) => !e.draft));
      return { path: workstreamPagePath(h.workstream.id), ...(mod ? { lastmod: mod } : {}) };
    }),
    { path: 'search/index.html' },
    { path: 'subscribe/index.html' },
    { path: 'corrections/index.html' },
    { path: 'accessibility/index.html' },
  ];
  const base = ctx.publication.baseUrl;
  const sitemap = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${xmlEscape(absoluteUrl(base, u.path))}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
  const robots = ['User-agent: *', 'Disallow:', '', `Sitemap: ${absoluteUrl(base, 'sitemap.xml')}`, ''].join('\n');
  return [
    { key: siteKey('sitemap.xml'), body: sitemap, contentType: contentTypeOf('sitemap.xml') },
    { key: siteKey('robots.txt'), body: robots, contentType: contentTypeOf('robots.txt') },
  ];
}
