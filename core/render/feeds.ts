/**
 * Syndication feeds: Atom 1.0 (RFC 4287, through the `feed` package) and
 * JSON Feed 1.1 (written directly: `feed` only emits JSON Feed 1.0). Every
 * date comes from the entries — never the clock — so a rebuild gives the
 * same bytes, and every id and link is absolute.
 */
import { Feed } from 'feed';

/** One feed entry; every URL absolute, every date from content. */
export interface FeedEntry {
  /** Absolute, permanent: the entry's page URL (plus a fragment for a section). */
  id: string;
  url: string;
  title: string;
  summary?: string;
  /** Sanitised HTML with absolute links. */
  contentHtml: string;
  /** ISO instants. */
  published: string;
  updated: string;
}

/** The feed itself; every URL absolute. */
export interface FeedMeta {
  /** Absolute, permanent feed id (the page the feed belongs to). */
  id: string;
  title: string;
  description?: string;
  homeUrl: string;
  /** Absolute URL of this Atom document (rel="self"). */
  atomUrl: string;
  /** Absolute URL of the JSON Feed, when there is one. */
  jsonUrl?: string;
  language: string;
  author: { name: string; email?: string; url: string };
  rights?: string;
  /** Used as the feed's `updated` when there are no entries; otherwise the newest entry's. */
  emptyUpdated: string;
}

function feedUpdated(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  return entries.reduce((max, e) => (e.updated > max ? e.updated : max), entries.length ? '' : meta.emptyUpdated);
}

/** Atom 1.0 with feed id/title/updated/author/link rel=self, and per entry id/title/updated/link/summary/content. */
export function renderAtom(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const feed = new Feed({
    id: meta.id,
    title: meta.title,
    ...(meta.description ? { description: meta.description } : {}),
    link: meta.homeUrl,
    language: meta.language,
    updated: new Date(feedUpdated(meta, entries)),
    feedLinks: { atom: meta.atomUrl, ...(meta.jsonUrl ? { json: meta.jsonUrl } : {}) },
    author: { name: meta.author.name, ...(meta.author.email ? { email: meta.author.email } : {}), link: meta.author.url },
    ...(meta.rights ? { copyright: meta.rights } : {}),
  });
  for (const e of entries) {
    feed.addItem({
      id: e.id,
      title: e.title,
      link: e.url,
      date: new Date(e.updated),
      published: new Date(e.published),
      ...(e.summary ? { description: e.summary } : {}),
      content: e.contentHtml,
    });
  }
  return `${feed.atom1()}\n`;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: meta.homeUrl,
    ...(meta.jsonUrl ? { feed_url: meta.jsonUrl } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    language: meta.language,
    authors: [{ name: meta.author.name, url: meta.author.url }],
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      ...(e.summary ? { summary: e.summary } : {}),
      content_html: e.contentHtml,
      date_published: e.published,
      ...(e.updated !== e.published ? { date_modified: e.updated } : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
