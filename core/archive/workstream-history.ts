/**
 * A workstream's history across the archive: its update in every issue,
 * newest first, and its figures as series (figures with the same label
 * across months form one series, oldest point first).
 */
import type { Workstream } from '../content/schema.js';
import { numberLabel } from '../render/format.js';
import type { IssueSection } from '../render/issue-model.js';
import type { ArchiveEntry } from './archive-entry.js';

/** What a history page needs of a workstream (registry entry, or the section's own title for one no longer registered). */
export type WorkstreamInfo = Pick<Workstream, 'id' | 'title'> & { strand?: string };

/** One workstream's section in one issue. */
export interface WorkstreamUpdate {
  entry: ArchiveEntry;
  section: IssueSection;
}

/** One value of a figure series: the value reported in one issue. */
export interface SeriesPoint {
  month: string;
  monthLabel: string;
  value: number;
  valueLabel: string;
  period?: string;
}

/** Figures with the same label across months. */
export interface FigureSeries {
  label: string;
  /** The newest point's unit. */
  unit?: string;
  points: SeriesPoint[];
}

/** Everything a workstream page and feed show. */
export interface WorkstreamHistory {
  workstream: WorkstreamInfo;
  /** Newest first. */
  updates: WorkstreamUpdate[];
  /** In order of first appearance; points oldest first, at most one per month. */
  series: FigureSeries[];
}

/**
 * Every workstream of the registry (in registry order), then any workstream
 * that appears only in archived issues (ids are never reused, so its pages
 * stay). `entries` may be in any order.
 */
export function workstreamHistories(registry: readonly Workstream[], entries: readonly ArchiveEntry[]): WorkstreamHistory[] {
  const oldestFirst = [...entries].sort((a, b) => a.issue.month.localeCompare(b.issue.month));
  const known = [...registry].sort((a, b) => a.order - b.order).map((w): WorkstreamInfo => ({ id: w.id, title: w.title, ...(w.strand ? { strand: w.strand } : {}) }));
  for (const e of oldestFirst) {
    for (const s of e.issue.sections) {
      if (!known.some((w) => w.id === s.workstream)) known.push({ id: s.workstream, title: s.workstreamTitle, ...(s.strand ? { strand: s.strand } : {}) });
    }
  }
  return known.map((workstream) => historyOf(workstream, oldestFirst));
}

function historyOf(workstream: WorkstreamInfo, oldestFirst: readonly ArchiveEntry[]): WorkstreamHistory {
  const updates: WorkstreamUpdate[] = [];
  const series = new Map<string, FigureSeries>();
  for (const entry of oldestFirst) {
    const section = entry.issue.sections.find((s) => s.workstream === workstream.id);
    if (!section) continue;
    updates.push({ entry, section });
    for (const f of section.figures) {
      const s = series.get(f.label) ?? { label: f.label, points: [] };
      series.set(f.label, s);
      if (s.points.at(-1)?.month === entry.issue.month) continue;
      if (f.unit) s.unit = f.unit;
      s.points.push({
        month: entry.issue.month,
        monthLabel: entry.issue.monthLabel,
        value: f.value,
        valueLabel: f.valueLabel || numberLabel(f.value),
        ...(f.period ? { period: f.period } : {}),
      });
    }
  }
  return { workstream, updates: updates.reverse(), series: [...series.values()] };
}

/**
 * The workstreams whose history pages differ between two versions of one
 * month's entry (either may be absent): those whose section changed, or all
 * of the month's workstreams when something every history entry shows
 * (title, draft mark, corrections, dates) changed.
 */
export function changedWorkstreams(before: ArchiveEntry | undefined, after: ArchiveEntry | undefined): Set<string> {
  const ids = (e?: ArchiveEntry) => e?.issue.sections.map((s) => s.workstream) ?? [];
  const all = new Set([...ids(before), ...ids(after)]);
  const shared = (e: ArchiveEntry) => JSON.stringify([e.issue.title, e.issue.url, e.issue.monthLabel, e.draft ?? false, e.corrections ?? [], e.publishedAt ?? '']);
  if (!before || !after || shared(before) !== shared(after)) return all;
  const section = (e: ArchiveEntry, id: string) => JSON.stringify(e.issue.sections.find((s) => s.workstream === id) ?? null);
  return new Set([...all].filter((id) => section(before, id) !== section(after, id)));
}
