/**
 * The files one issue owns in the archive: its page (`YYYY/MM/index.html`),
 * its data (`bulletin.json`) and its key dates (`dates.ics`); and, when the
 * publisher asks, the page of an earlier revision (`YYYY/MM/rev-N/`).
 */
import { issueEvents, renderCalendar } from '../render/calendar.js';
import { dateLabel } from '../render/format.js';
import { renderIssuePage, type PageLink } from '../render/render-page.js';
import { issuePdf } from './issue-pdf.js';
import { bulletinJson, currentRevision, firstPublished, lastUpdated, sortedCorrections, type ArchiveEntry } from './archive-entry.js';
import type { OutputFile } from '../ports.js';
import type { SiteContext } from './site-page.js';
import { contentTypeOf, hostOf, HTML, issuePagePath, revisionPagePath, siteKey } from './site-paths.js';

/** The site plus every issue in it: what pages that show other issues need. */
export interface ArchiveContext extends SiteContext {
  /** Every issue in the archive, oldest first. */
  entries: readonly ArchiveEntry[];
}

/** PRODID of every calendar the archive publishes. */
export function prodId(ctx: SiteContext): string {
  return `-//${ctx.publication.publisher}//${ctx.publication.name} bulletin//EN`;
}

function neighbour(entry: ArchiveEntry | undefined): PageLink | undefined {
  return entry && { href: `../../${issuePagePath(entry.issue.month)}`, label: entry.issue.monthLabel };
}

/** Links to every earlier revision of `entry`, oldest first. */
function revisionLinks(entry: ArchiveEntry): PageLink[] {
  const dates = new Map(sortedCorrections(entry).map((c) => [c.revision, c.date]));
  return Array.from({ length: currentRevision(entry) - 1 }, (_, i) => {
    const r = i + 1;
    const when = r === 1 ? `first published ${dateLabel(firstPublished(entry).slice(0, 10))}` : `corrected on ${dateLabel(dates.get(r) ?? '')}`;
    return { href: `rev-${r}/index.html`, label: `Revision ${r} (${when})` };
  });
}

/** The issue page in its place in the archive: previous/next, archived warning, corrections, revisions. */
export function issuePage(ctx: ArchiveContext, entry: ArchiveEntry): OutputFile {
  const i = ctx.entries.findIndex((e) => e.issue.month === entry.issue.month);
  const previous = neighbour(ctx.entries[i - 1]);
  const next = i >= 0 ? neighbour(ctx.entries[i + 1]) : undefined;
  const pdf = issuePdf(ctx, entry);
  const body = renderIssuePage(entry.issue, ctx.publication, ctx.templates, {
    draft: entry.draft ?? false,
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
    corrections: sortedCorrections(entry),
    revisions: revisionLinks(entry),
    extra: { nav: { issues: true }, gaps: entry.draft ? entry.gaps : undefined, published: firstPublished(entry).slice(0, 10), publishedLabel: dateLabel(firstPublished(entry).slice(0, 10)), pdf: pdf?.info },
  });
  return { key: siteKey(issuePagePath(entry.issue.month)), body, contentType: HTML, ...(pdf ? { companions: [pdf.file, pdf.record] } : {}) };
}

/** The issue's key dates as iCalendar; DTSTAMP is when the shown revision was published. */
export function issueCalendar(ctx: SiteContext, entries: readonly ArchiveEntry[], name: string): string {
  const host = hostOf(ctx.publication.baseUrl);
  const events = entries.flatMap((e) => issueEvents(e.issue, { host, stamp: lastUpdated(e), sequence: currentRevision(e) - 1 }));
  return renderCalendar({ prodId: prodId(ctx), name, events });
}

/** Page, `bulletin.json` and `dates.ics` of one issue. */
export function issueFiles(ctx: ArchiveContext, entry: ArchiveEntry): OutputFile[] {
  const dir = siteKey(entry.issue.path);
  const name = `${ctx.publication.name} key dates, ${entry.issue.monthLabel}`;
  return [
    issuePage(ctx, entry),
    { key: `${dir}/bulletin.json`, body: bulletinJson(entry, issuePdf(ctx, entry)?.info), contentType: contentTypeOf('bulletin.json') },
    { key: `${dir}/dates.ics`, body: issueCalendar(ctx, [entry], name), contentType: contentTypeOf('dates.ics') },
  ];
}

/**
 * The page of an earlier revision, for the publisher to pass to `writeArchive`
 * as an extra page when it publishes a correction. `earlier` is the entry as
 * it was then (its issue and the corrections it already carried).
 */
export function revisionPage(ctx: ArchiveContext, earlier: ArchiveEntry): OutputFile {
  const revision = currentRevision(earlier);
  const pdf = issuePdf(ctx, earlier, true);
  const body = renderIssuePage(earlier.issue, ctx.publication, ctx.templates, {
    root: '../../../',
    corrections: sortedCorrections(earlier),
    earlierRevision: { revision, currentHref: '../index.html' },
    extra: { nav: { issues: true }, calendarHref: undefined, published: firstPublished(earlier).slice(0, 10), publishedLabel: dateLabel(firstPublished(earlier).slice(0, 10)), pdf: pdf?.info },
  });
  return { key: siteKey(revisionPagePath(earlier.issue.month, revision)), body, contentType: HTML, ...(pdf ? { companions: [pdf.file, pdf.record] } : {}) };
}
