/**
 * The web page of one issue, inside the site layout. Paths are relative
 * (`root`) so the archive works from any base URL and from `file://`.
 */
import type { Publication } from '../content/schema.js';
import { addMonths } from './format.js';
import type { Issue } from './issue-model.js';
import type { Templates } from './templates.js';

export interface Crumb {
  label: string;
  href?: string;
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

export interface IssuePageOptions {
  /** The newest issue's month; issues older than `archivedAfterMonths` before it carry the archived warning. */
  latestMonth?: string;
  /** Shows the "draft preview" notice. */
  draft?: boolean;
  /** Extra context for the site build (previous/next, history links …). */
  extra?: Record<string, unknown>;
}

export function renderIssuePage(issue: Issue, publication: Publication, templates: Templates, options: IssuePageOptions = {}): string {
  const root = '../../';
  const archived = options.latestMonth !== undefined && issue.month < addMonths(options.latestMonth, -publication.archivedAfterMonths);
  const mailSubject = encodeURIComponent(issue.title);
  const actions = [
    { href: `mailto:?subject=${mailSubject}&body=${encodeURIComponent(issue.url)}`, label: 'Send an e-mail linking to this page' },
    { href: `mailto:${publication.feedbackEmail ?? publication.contact.email ?? ''}?subject=${encodeURIComponent(`Feedback: ${issue.title}`)}`, label: 'Feedback' },
  ];
  const breadcrumbs: Crumb[] = [
    { label: 'Home', href: `${root}index.html` },
    { label: issue.month.slice(0, 4), href: `${root}index.html#year-${issue.month.slice(0, 4)}` },
    { label: issue.monthLabel },
  ];
  return templates.page('issue', {
    site: siteContext(publication),
    root,
    pageTitle: issue.title,
    description: `${publication.name} ${publication.tagline.toLowerCase()}, ${issue.monthLabel}.`,
    canonical: issue.url,
    breadcrumbs,
    issue,
    archived,
    archivedNotice: publication.archivedNotice,
    draft: options.draft ?? false,
    actions,
    historyRoot: `${root}workstreams/`,
    calendarHref: issue.keyDates.length ? 'dates.ics' : undefined,
    ...options.extra,
  });
}
