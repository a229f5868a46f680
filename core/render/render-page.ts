/**
 * The web page of one issue, inside the site layout. Paths are relative
 * (`root`) so the archive works from any base path and from `file://`.
 * Everything the archive adds (previous/next, corrections, revisions) comes
 * in through the options as ready-made links, so this stays a pure render.
 */
import type { Publication } from '../content/schema.js';
import { dateLabel } from './format.js';
import type { Issue } from './issue-model.js';
import type { Templates } from './templates.js';

/** One breadcrumb; the current page has no `href`. */
export interface Crumb {
  label: string;
  href?: string;
}

/** A ready-made link, `href` relative to the page. */
export interface PageLink {
  href: string;
  label: string;
}

/** What the layout needs to know about the site, from the publication config. */
export function siteContext(publication: Publication) {
  return {
    name: publication.name,
    tagline: publication.tagline,
    publisher: publication.publisher,
    language: publication.language,
    feedbackEmail: publication.feedbackEmail ?? publication.contact.email,
  };
}

/** The issue's place in the archive; every field optional, so the page renders on its own too. */
export interface IssuePageOptions {
  /** Shows the "draft preview" notice. */
  draft?: boolean;
  /** Relative path to the site root; `../../` for `YYYY/MM/index.html`. */
  root?: string;
  previous?: PageLink;
  next?: PageLink;
  /** Corrections, newest first: each shows "Corrected on <date>: <note>". */
  corrections?: { revision: number; date: string; note: string }[];
  /** Links to the earlier revisions' pages, oldest first. */
  revisions?: PageLink[];
  /** Set on an earlier revision's page: which revision it shows, and the link to the current version. */
  earlierRevision?: { revision: number; currentHref: string };
  /** Extra context for the layout (feeds …). */
  extra?: Record<string, unknown>;
}

/**
 * The "archived material" warning an issue carries: the publisher's successor
 * when the issue is dated before the day the publisher was replaced
 * (`replacedBy.on`), else none. Decided by configuration and the issue's own
 * month (its dateline, not when this archive happened to write it), so adding
 * a newer issue never changes an older page.
 */
export function archivedWarning(month: string, publication: Publication): { name: string; label: string; url: string } | undefined {
  const by = publication.replacedBy;
  if (!by || `${month}-01` >= by.on) return undefined;
  return { name: by.shortName ? `${by.name} (${by.shortName})` : by.name, label: `${by.shortName ?? by.name} website`, url: by.url };
}

/** The issue page: the bulletin (marked `data-pagefind-body` for search), notices, share/feedback/print, previous/next. */
export function renderIssuePage(issue: Issue, publication: Publication, templates: Templates, options: IssuePageOptions = {}): string {
  const root = options.root ?? '../../';
  const mailSubject = encodeURIComponent(issue.title);
  const site = siteContext(publication);
  const feedback = site.feedbackEmail;
  const actions = [
    { href: `mailto:?subject=${mailSubject}&body=${encodeURIComponent(issue.url)}`, label: 'Send an e-mail linking to this page' },
    ...(feedback ? [{ href: `mailto:${feedback}?subject=${encodeURIComponent(`Feedback: ${issue.title}`)}`, label: 'Feedback' }] : []),
  ];
  const year = issue.month.slice(0, 4);
  const earlier = options.earlierRevision;
  const breadcrumbs: Crumb[] = [
    { label: 'Home', href: `${root}index.html` },
    { label: year, href: `${root}index.html#year-${year}` },
    ...(earlier
      ? [{ label: issue.monthLabel, href: earlier.currentHref }, { label: `Revision ${earlier.revision}` }]
      : [{ label: issue.monthLabel }]),
  ];
  const corrections = (options.corrections ?? []).map((c) => ({ ...c, dateLabel: dateLabel(c.date) }));
  return templates.page('issue', {
    site,
    root,
    pageTitle: earlier ? `${issue.monthLabel} issue, revision ${earlier.revision}` : issue.title,
    description: `${publication.name} ${publication.tagline.toLowerCase()}, ${issue.monthLabel}.`,
    canonical: issue.url,
    noindex: options.draft === true || earlier !== undefined,
    breadcrumbs,
    issue,
    archived: archivedWarning(issue.month, publication),
    draft: options.draft ?? false,
    corrections,
    revisions: options.revisions ?? [],
    earlierRevision: earlier,
    pager: options.previous || options.next ? { previous: options.previous, next: options.next } : undefined,
    actions,
    historyRoot: `${root}workstreams/`,
    calendarHref: issue.keyDates.length ? 'dates.ics' : undefined,
    dataHref: earlier ? undefined : 'bulletin.json',
    ...options.extra,
  });
}
