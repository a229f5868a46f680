/**
 * `workstreams/index.html` and `workstreams/<id>/index.html`: each
 * workstream's updates across every issue, newest first, and its figures as
 * charts (inline SVG) with the same numbers in one data table.
 */
import { renderLineChart } from '../render/figure-chart.js';
import type { ArchiveContext } from './issue-files.js';
import type { OutputFile } from '../ports.js';
import { workstreamFeed } from './site-feeds.js';
import { renderSitePage } from './site-page.js';
import { issuePagePath, workstreamPagePath } from './site-paths.js';
import type { FigureSeries, SeriesPoint, WorkstreamHistory } from './workstream-history.js';

/** What a value is labelled with: the period it covers ("June 2010"), else the issue that reported it. */
const when = (p: SeriesPoint) => p.period ?? p.monthLabel;

/** "Special Constables: 4 values from 3,125 (June 2010) to 3,300 (September 2010); highest …", each value labelled by its period. */
export function seriesDescription(s: FigureSeries, tableCaption: string): string {
  const first = s.points[0]!;
  const last = s.points.at(-1)!;
  const unit = s.unit ? ` ${s.unit}` : '';
  const max = s.points.reduce((a, p) => (p.value > a.value ? p : a));
  const min = s.points.reduce((a, p) => (p.value < a.value ? p : a));
  const range = s.points.length === 1
    ? `one value, ${first.valueLabel}${unit} (${when(first)})`
    : `${s.points.length} values from ${first.valueLabel}${unit} (${when(first)}) to ${last.valueLabel}${unit} (${when(last)}); highest ${max.valueLabel} (${when(max)}), lowest ${min.valueLabel} (${when(min)})`;
  return `Line chart of ${s.label}: ${range}. Every value is in the table "${tableCaption}".`;
}

function figuresTable(history: WorkstreamHistory) {
  const months = [...new Set(history.series.flatMap((s) => s.points.map((p) => p.month)))].sort();
  const labelOf = new Map(history.series.flatMap((s) => s.points.map((p) => [p.month, p.monthLabel] as const)));
  return {
    caption: `Figures by month: ${history.workstream.title}`,
    headers: history.series.map((s) => ({ label: s.label, unit: s.unit })),
    rows: months.map((m) => ({
      month: m,
      monthLabel: labelOf.get(m),
      cells: history.series.map((s) => {
        const p = s.points.find((q) => q.month === m);
        return p && { valueLabel: p.valueLabel, period: p.period };
      }),
    })),
  };
}

/** One workstream's page and its Atom feed. */
export function workstreamFiles(ctx: ArchiveContext, history: WorkstreamHistory): OutputFile[] {
  const { workstream } = history;
  const root = '../../';
  const table = history.series.length ? figuresTable(history) : undefined;
  const charts = history.series.map((s, i) => ({
    label: s.label,
    unit: s.unit,
    svg: renderLineChart({
      id: `chart-${i + 1}`,
      title: s.points.length > 1 ? `${s.label}, ${when(s.points[0]!)} to ${when(s.points.at(-1)!)}` : `${s.label}, ${when(s.points[0]!)}`,
      description: seriesDescription(s, table!.caption),
      points: s.points,
    }),
  }));
  const updates = history.updates.map(({ entry, section }) => ({
    month: entry.issue.month,
    monthLabel: entry.issue.monthLabel,
    issueTitle: entry.issue.title,
    href: `${root}${issuePagePath(entry.issue.month)}#${section.anchor}`,
    draft: entry.draft ?? false,
    section,
  }));
  const page = renderSitePage(ctx, {
    path: workstreamPagePath(workstream.id),
    template: 'workstream',
    pageTitle: `${workstream.title}: all updates`,
    description: `Every monthly update from ${workstream.title} in the ${ctx.publication.name} bulletin${history.series.length ? ', with its figures over time' : ''}.`,
    crumbs: [{ label: 'Workstreams', href: `${root}workstreams/index.html` }, { label: workstream.title }],
    feeds: [{ title: `${workstream.title} (Atom)`, href: 'feed.xml' }],
    nav: 'workstreams',
    context: { workstream, charts, table, updates, first: updates.at(-1), last: updates[0] },
  });
  return [page, workstreamFeed(ctx, history)];
}

/** `workstreams/index.html`: every workstream with its number of updates and latest month. */
export function workstreamsIndex(ctx: ArchiveContext, histories: readonly WorkstreamHistory[]): OutputFile {
  return renderSitePage(ctx, {
    path: 'workstreams/index.html',
    template: 'workstreams',
    pageTitle: 'Workstreams',
    description: `The ${ctx.publication.name} workstreams and every update each has published.`,
    crumbs: [{ label: 'Workstreams' }],
    nav: 'workstreams',
    context: {
      workstreams: histories.map((h) => ({
        ...h.workstream,
        href: `${h.workstream.id}/index.html`,
        feedHref: `${h.workstream.id}/feed.xml`,
        updateCount: h.updates.length,
        latest: h.updates[0]?.entry.issue.monthLabel,
        figures: h.series.map((s) => s.label),
      })),
    },
  });
}
