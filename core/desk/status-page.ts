/**
 * The month's status in the preview: `status/YYYY-MM.html` for people,
 * `status/YYYY-MM.json` for scripts (and for later single-month builds to
 * read other months' readiness back), and the gaps the draft issue page
 * marks. All from one MonthStatus, so the index, the status page and the
 * draft page say the same.
 */
import type { Publication } from '../content/schema.js';
import type { ArchiveStore, OutputFile } from '../ports.js';
import { baseOf } from '../render/format.js';
import { siteContext } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { readStoredJson } from '../archive/stored-json.js';
import type { MonthStatus, WorkstreamStatus } from './month-status.js';
import { dayLabel } from './status-text.js';

/** A section the draft page marks: a required update not there, or any invalid one. */
export interface SectionGap {
  id: string;
  title: string;
  state: WorkstreamStatus['state'];
  owner: string;
  reason: string;
  /** Where the problems are; never their messages, which may quote author text. */
  locations: string[];
}

/**
 * What the preview pages and status.json hold: the status without problem
 * messages or reasons (they may quote author text, which no output may
 * carry); `bulletin status` and `bulletin validate` print them in full.
 */
export type PreviewStatus = Omit<MonthStatus, 'reasons' | 'workstreams'> & {
  reasonCount: number;
  workstreams: (Omit<WorkstreamStatus, 'problems'> & { problemCount: number })[];
};

export function previewStatus(status: MonthStatus): PreviewStatus {
  const { reasons, workstreams, ...rest } = status;
  return { ...rest, reasonCount: reasons.length, workstreams: workstreams.map(({ problems, ...w }) => ({ ...w, problemCount: problems.length })) };
}

export const statusPagePath = (month: string) => `status/${month}.html`;
export const statusJsonPath = (month: string) => `status/${month}.json`;

const REASON: Record<WorkstreamStatus['state'], string> = {
  missing: 'No update has been received yet.',
  late: 'No valid update was received by the deadline.',
  invalid: 'The update file has problems, so it is left out.',
  valid: 'Received and valid.',
  skipped: 'Left out this month by the manifest.',
};

/** One sentence saying what a state means, for pages. */
export const stateReason = (w: Pick<WorkstreamStatus, 'state' | 'locations'>): string => (w.state === 'late' && w.locations.length ? 'The update file still has problems after the deadline, so it is left out.' : REASON[w.state]);

/** The sections the draft page marks, in registry order. Never shown on a published page. */
export function sectionGaps(status: MonthStatus | PreviewStatus): SectionGap[] {
  return status.workstreams
    .filter((w) => w.state === 'invalid' || (w.required && (w.state === 'missing' || w.state === 'late')))
    .map((w) => ({ id: w.id, title: w.title, state: w.state, owner: w.owner, reason: stateReason(w), locations: w.locations }));
}

/** The status page and its JSON; `root` is the page's way to the site's assets (ingest's previews/YYYY-MM/ use `../`). */
export function statusFiles(publication: Publication, full: MonthStatus, monthLabel: string, templates: Templates, root = '../site/'): OutputFile[] {
  const status = previewStatus(full);
  const d = status.dates;
  const html = templates.page('status', {
    site: siteContext(publication),
    root,
    pageTitle: `Status of the ${monthLabel} issue`,
    canonical: `${baseOf(publication.baseUrl)}/`,
    noindex: true,
    monthLabel,
    status,
    dates: d && { call: dayLabel(d.call.date), deadline: dayLabel(d.deadline.date), publish: dayLabel(d.publish.date), deadlineIso: d.deadline.date },
    rows: status.workstreams.map((w) => ({ ...w, reason: stateReason(w) })),
  });
  return [
    { key: statusPagePath(status.month), body: html, contentType: 'text/html; charset=utf-8' },
    { key: statusJsonPath(status.month), body: `${JSON.stringify(status, null, 2)}\n`, contentType: 'application/json' },
  ];
}

/** The status a previous build wrote for `month`, or undefined (never built, or unreadable: then it is recomputed). */
export async function readStatus(out: ArchiveStore, month: string): Promise<PreviewStatus | undefined> {
  const parsed = (await readStoredJson(out, statusJsonPath(month))) as PreviewStatus | undefined;
  return parsed?.month === month && Array.isArray(parsed.workstreams) && typeof parsed.reasonCount === 'number' ? parsed : undefined;
}
