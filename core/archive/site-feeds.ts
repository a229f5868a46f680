/**
 * The archive's feeds: `feed.xml` (Atom) and `feed.json` (JSON Feed 1.1)
 * with one entry per issue, and an Atom feed per workstream with one entry
 * per update — the newest `FEED_ENTRIES` of each, as feed readers expect
 * (the pages hold the whole archive), so a feed's size does not grow with
 * the archive. Entry dates come from content: first publication (or the
 * month's first day, 09:00Z) and the newest correction.
 */
import { dateLabel } from '../render/format.js';
import { renderAtom, renderJsonFeed, type FeedEntry, type FeedMeta } from '../render/feeds.js';
import type { Issue } from '../render/issue-model.js';
import { firstPublished, lastUpdated, sortedCorrections, type ArchiveEntry } from './archive-entry.js';
import type { ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import type { SiteContext } from './site-page.js';
import { absoluteUrl, siteKey, workstreamFeedPath, workstreamPagePath } from './site-paths.js';
import type { WorkstreamHistory } from './workstream-history.js';

/** How many of the newest issues (or updates) a feed carries. */
export const FEED_ENTRIES = 24;

const ATOM = 'application/atom+xml; charset=utf-8';
const JSON_FEED = 'application/feed+json; charset=utf-8';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function correctionHtml(entry: ArchiveEntry): string {
  return sortedCorrections(entry).map((c) => `<p><strong>Corrected on ${dateLabel(c.date)}:</strong> ${escapeHtml(c.note)}</p>`).join('');
}

/** The issue as one feed entry's HTML: intro, then each section's heading and text. */
function issueHtml(issue: Issue): string {
  return [
    issue.introHtml ?? '',
    ...issue.sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>${s.html}`),
  ].join('\n');
}

const draftTitle = (entry: ArchiveEntry, title: string) => (entry.draft ? `Draft: ${title}` : title);

function meta(ctx: SiteContext, pagePath: string, feedPath: string, title: string, description: string, entries: readonly ArchiveEntry[], json?: string): FeedMeta {
  const { publication } = ctx;
  const home = absoluteUrl(publication.baseUrl, 'index.html');
  return {
    id: absoluteUrl(publication.baseUrl, pagePath),
    title,
    description,
    homeUrl: absoluteUrl(publication.baseUrl, pagePath),
    atomUrl: absoluteUrl(publication.baseUrl, feedPath),
    ...(json ? { jsonUrl: absoluteUrl(publication.baseUrl, json) } : {}),
    language: publication.language,
    author: { name: publication.publisher, ...(publication.contact.email ? { email: publication.contact.email } : {}), url: home },
    rights: `© ${publication.publisher}`,
    emptyUpdated: entries[0] ? lastUpdated(entries[0]) : '2000-01-01T00:00:00Z',
  };
}

/** `feed.xml` and `feed.json`: the newest issues, newest first. */
export function siteFeeds(ctx: ArchiveContext): OutputFile[] {
  const newestFirst = [...ctx.entries].reverse().slice(0, FEED_ENTRIES);
  const entries: FeedEntry[] = newestFirst.map((e) => ({
    id: e.issue.url,
    url: e.issue.url,
    title: draftTitle(e, e.issue.title),
    summary: e.issue.sections.map((s) => s.summary ?? s.title).join(' · '),
    contentHtml: correctionHtml(e) + issueHtml(e.issue),
    published: firstPublished(e),
    updated: lastUpdated(e),
  }));
  const { publication } = ctx;
  const m = meta(ctx, 'index.html', 'feed.xml', `${publication.name}: ${publication.tagline}`, `Every issue of the ${publication.name} bulletin.`, ctx.entries, 'feed.json');
  return [
    { key: siteKey('feed.xml'), body: renderAtom(m, entries), contentType: ATOM },
    { key: siteKey('feed.json'), body: renderJsonFeed(m, entries), contentType: JSON_FEED },
  ];
}

/** `workstreams/<id>/feed.xml`: the workstream's newest updates, newest first. */
export function workstreamFeed(ctx: SiteContext, history: WorkstreamHistory): OutputFile {
  const { workstream, updates } = history;
  const entries: FeedEntry[] = updates.slice(0, FEED_ENTRIES).map(({ entry, section }) => ({
    id: `${entry.issue.url}#${section.anchor}`,
    url: `${entry.issue.url}#${section.anchor}`,
    title: draftTitle(entry, `${entry.issue.monthLabel}: ${section.title}`),
    ...(section.summary ? { summary: section.summary } : {}),
    contentHtml: correctionHtml(entry) + section.html,
    published: firstPublished(entry),
    updated: lastUpdated(entry),
  }));
  const title = `${ctx.publication.name}: ${workstream.title}`;
  const m = meta(ctx, workstreamPagePath(workstream.id), workstreamFeedPath(workstream.id), title, `Every monthly update from ${workstream.title}.`, updates.map((u) => u.entry));
  return { key: siteKey(workstreamFeedPath(workstream.id)), body: renderAtom(m, entries), contentType: ATOM };
}
