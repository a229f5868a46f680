/**
 * Syndication feeds: Atom 1.0 (RFC 4287) and JSON Feed 1.1, both written
 * directly. The `feed` package marks every title and summary `type="html"`
 * in CDATA, so a plain-text title such as "A <b> & B" would become live
 * markup in a reader; here titles, summaries and every other text are Atom
 * text constructs (`type="text"`, XML-escaped) and only the sanitised HTML
 * content is `type="html"` (escaped, never CDATA). Every date comes from the
 * entries — never the clock — so a rebuild gives the same bytes, and every id
 * and link is absolute.
 */

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

// XML 1.0 cannot carry C0 controls (bar tab/newline/CR), lone surrogates or U+FFFE/U+FFFF: drop them rather than write an unreadable feed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: never markup. */
export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const iso = (instant: string) => new Date(instant).toISOString();
const text = (tag: string, value: string) => `<${tag} type="text">${escapeXml(value)}</${tag}>`;
const el = (tag: string, value: string) => `<${tag}>${escapeXml(value)}</${tag}>`;
const link = (rel: string, href: string, type?: string) => `<link rel="${rel}"${type ? ` type="${type}"` : ''} href="${escapeXml(href)}"/>`;

/**
 * Atom 1.0 with `xml:lang`, feed id/title/updated/author/link rel=self, and per
 * entry id/title/updated/published/link/summary/content. Titles and summaries
 * are plain text (`type="text"`); content is HTML (`type="html"`), escaped.
 */
export function renderAtom(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const a = meta.author;
  const head = [
    el('id', meta.id),
    text('title', meta.title),
    ...(meta.description ? [text('subtitle', meta.description)] : []),
    el('updated', iso(feedUpdated(meta, entries))),
    `<author>${el('name', a.name)}${a.email ? el('email', a.email) : ''}${el('uri', a.url)}</author>`,
    link('alternate', meta.homeUrl, 'text/html'),
    link('self', meta.atomUrl, 'application/atom+xml'),
    ...(meta.jsonUrl ? [link('alternate', meta.jsonUrl, 'application/feed+json')] : []),
    ...(meta.rights ? [text('rights', meta.rights)] : []),
  ];
  const items = entries.map((e) => [
    '<entry>',
    el('id', e.id),
    text('title', e.title),
    link('alternate', e.url, 'text/html'),
    el('published', iso(e.published)),
    el('updated', iso(e.updated)),
    ...(e.summary ? [text('summary', e.summary)] : []),
    `<content type="html">${escapeXml(e.contentHtml)}</content>`,
    '</entry>',
  ].map((l, i, all) => (i === 0 || i === all.length - 1 ? `  ${l}` : `    ${l}`)).join('\n'));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(meta.language)}">`,
    ...head.map((l) => `  ${l}`),
    ...items,
    '</feed>',
    '',
  ].join('\n');
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
