/**
 * The archive's home page (`index.html`): the newest issue first, with its
 * contents, then every issue grouped by year, newest first. Each year has an
 * `id="year-YYYY"` anchor that the issue pages' breadcrumbs link to.
 */
import { dateLabel } from '../render/format.js';
import { sortedCorrections, type ArchiveEntry } from './archive-entry.js';
import type { ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import { renderSitePage } from './site-page.js';
import { issuePagePath } from './site-paths.js';

/** One line of an issue list, with links relative to the site root. */
export function issueListItem(entry: ArchiveEntry, root = '') {
  const newest = sortedCorrections(entry)[0];
  return {
    href: `${root}${issuePagePath(entry.issue.month)}`,
    title: entry.issue.title,
    month: entry.issue.month,
    monthLabel: entry.issue.monthLabel,
    draft: entry.draft ?? false,
    ...(newest ? { correctedOn: newest.date, correctedOnLabel: dateLabel(newest.date) } : {}),
  };
}

/** `index.html`; links are relative to the site root. */
export function homePage(ctx: ArchiveContext): OutputFile {
  const newestFirst = [...ctx.entries].reverse();
  const latest = newestFirst[0];
  const years: { year: string; issues: ReturnType<typeof issueListItem>[] }[] = [];
  for (const e of newestFirst) {
    const year = e.issue.month.slice(0, 4);
    if (years.at(-1)?.year !== year) years.push({ year, issues: [] });
    years.at(-1)!.issues.push(issueListItem(e));
  }
  const { publication } = ctx;
  return renderSitePage(ctx, {
    path: 'index.html',
    template: 'index',
    pageTitle: 'All issues',
    description: `Every issue of the ${publication.name} ${publication.tagline.toLowerCase()}, newest first.`,
    nav: 'issues',
    context: {
      latest: latest && {
        ...issueListItem(latest),
        sections: latest.issue.sections.map((s) => ({ href: `${issuePagePath(latest.issue.month)}#${s.anchor}`, title: s.title, summary: s.summary })),
        keyDateCount: latest.issue.keyDates.length,
      },
      years,
      issueCount: ctx.entries.length,
    },
  });
}
