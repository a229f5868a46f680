/**
 * The archive's standing pages: search, subscribe, accessibility statement,
 * corrections log and "page not found". Their dates come from the
 * publication config or the content, never the build clock.
 */
import { dateLabel } from '../render/format.js';
import { lastUpdated, sortedCorrections } from './archive-entry.js';
import type { ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import { searchBundles } from './search-index.js';
import { renderSitePage } from './site-page.js';
import { issuePagePath } from './site-paths.js';
import type { WorkstreamInfo } from './workstream-history.js';

/** `search/index.html`: Pagefind search in the browser over every year's bundle; without JavaScript it says so and offers the lists. */
export function searchPage(ctx: ArchiveContext): OutputFile {
  const bundles = searchBundles(ctx.entries.map((e) => issuePagePath(e.issue.month))).join(' ');
  return renderSitePage(ctx, {
    path: 'search/index.html',
    template: 'search',
    pageTitle: 'Search',
    description: `Search every issue of the ${ctx.publication.name} bulletin.`,
    crumbs: [{ label: 'Search' }],
    nav: 'search',
    context: { scripts: ['search.js'], bundles },
  });
}

/** `subscribe/index.html`: a sign-up form posting to `subscribeUrl`, or, without one, how to subscribe by email. */
export function subscribePage(ctx: ArchiveContext, workstreams: readonly WorkstreamInfo[]): OutputFile {
  const { publication } = ctx;
  const contact = publication.contact.email ?? publication.feedbackEmail ?? publication.replyTo ?? publication.fromAddress;
  return renderSitePage(ctx, {
    path: 'subscribe/index.html',
    template: 'subscribe',
    pageTitle: `Subscribe to ${publication.name}`,
    description: `Get the ${publication.name} bulletin by email each month.`,
    crumbs: [{ label: 'Subscribe' }],
    nav: 'subscribe',
    context: {
      action: publication.subscribeUrl,
      topics: workstreams.map((w) => ({ id: w.id, title: w.title })),
      contact,
      mailto: `mailto:${contact}?subject=${encodeURIComponent(`Subscribe to ${publication.name}`)}`,
    },
  });
}

/** `accessibility/index.html` in the UK public-sector model form. */
export function accessibilityPage(ctx: ArchiveContext): OutputFile {
  const { publication } = ctx;
  const newest = ctx.entries.at(-1);
  const prepared = publication.accessibilityStatement?.preparedOn ?? (newest ? lastUpdated(newest).slice(0, 10) : undefined);
  const reviewed = publication.accessibilityStatement?.reviewedOn;
  return renderSitePage(ctx, {
    path: 'accessibility/index.html',
    template: 'accessibility',
    pageTitle: 'Accessibility statement',
    description: `How accessible the ${publication.name} archive is, and how to report a problem.`,
    crumbs: [{ label: 'Accessibility statement' }],
    context: {
      host: new URL(publication.baseUrl).host,
      contact: publication.feedbackEmail ?? publication.contact.email,
      prepared: prepared && { date: prepared, label: dateLabel(prepared) },
      reviewed: reviewed && { date: reviewed, label: dateLabel(reviewed) },
    },
  });
}

/** `corrections/index.html`: every correction to every issue, newest first. */
export function correctionsPage(ctx: ArchiveContext): OutputFile {
  const corrections = ctx.entries
    .flatMap((e) => sortedCorrections(e).map((c) => ({ ...c, dateLabel: dateLabel(c.date), month: e.issue.month, title: e.issue.title, href: `../${issuePagePath(e.issue.month)}` })))
    .sort((a, b) => b.date.localeCompare(a.date) || b.month.localeCompare(a.month) || b.revision - a.revision);
  return renderSitePage(ctx, {
    path: 'corrections/index.html',
    template: 'corrections',
    pageTitle: 'Corrections',
    description: `Every correction made to a published issue of ${ctx.publication.name}.`,
    crumbs: [{ label: 'Corrections' }],
    context: { corrections },
  });
}

/**
 * `404.html`: served for any missing path at any depth, so every link (stylesheet,
 * home, search, footer) is an absolute path from where the site is served, never
 * relative: the base URL's path on the public site, or `servedAt` where a server
 * mounts the archive elsewhere (the preview serves it at `/site/`).
 */
export function notFoundPage(ctx: ArchiveContext, servedAt?: string): OutputFile {
  const basePath = `/${(servedAt ?? new URL(ctx.publication.baseUrl).pathname).replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return renderSitePage(ctx, { path: '404.html', template: 'not-found', pageTitle: 'Page not found', root: basePath, noindex: true });
}
