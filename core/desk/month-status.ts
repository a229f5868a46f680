/**
 * The month's status: one function that says, for every workstream in the
 * registry, whether its update is missing, invalid, valid, skipped or late,
 * and whether the month can be published and exactly why not. Everything
 * that shows readiness (`bulletin status`, the preview, `publish`'s gate)
 * reads it, so they can never disagree.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import { formatProblem, type Problem } from '../content/problem.js';
import { monthCalendar, type MonthCalendar } from './calendar.js';

export type WorkstreamState = 'missing' | 'invalid' | 'valid' | 'skipped' | 'late';

export interface WorkstreamStatus {
  id: string;
  title: string;
  required: boolean;
  owner: string;
  state: WorkstreamState;
  /** The update's file when there is one (valid or not). */
  path?: string;
  /** Each problem of the workstream's file(s), as `path:line:col: field: message`. */
  problems: string[];
  /**
   * Where each problem is (`updates/2010-07/specials.md:5:1`), with no author
   * text (messages and field names may quote it): what pages may show.
   */
  locations: string[];
  /** ISO instant the update's file last changed, when the store knows. */
  lastChanged?: string;
}

export interface MonthStatus {
  month: string;
  ready: boolean;
  /** One line per reason the month cannot be published; empty when ready. */
  reasons: string[];
  approved: boolean;
  workstreams: WorkstreamStatus[];
  /** The month's dates; absent when the publication has no calendar. */
  dates?: MonthCalendar;
}

export interface MonthStatusInput {
  config: SiteConfig;
  content: MonthContent;
  /** Without it, nothing is late (publish's gate does not depend on the time). */
  now?: Date;
  /** When each content file last changed (key → ISO instant), where known. */
  lastChanged?: Readonly<Record<string, string>>;
}

/** The workstream a problem belongs to: its file is `updates/<month>/<id>.<ext>`. */
function problemWorkstream(p: Problem, month: string): string | undefined {
  const m = /^updates\/(\d{4}-\d{2})\/([^/]+)\.[^./]+$/.exec(p.path);
  return m && m[1] === month ? m[2] : undefined;
}

const SAFE_PATH = /^updates\/\d{4}-\d{2}\/[a-z0-9]+(-[a-z0-9]+)*\.(md|json)$/;
const location = (p: Problem) => (SAFE_PATH.test(p.path) ? [p.path, p.line, p.line !== undefined ? p.col : undefined].filter((x) => x !== undefined).join(':') : 'the update file');

/** The status of `content`'s month. Pure: the time comes in as `now`. */
export function monthStatus({ config, content, now, lastChanged = {} }: MonthStatusInput): MonthStatus {
  const { month, manifest, manifestPath, updates, problems } = content;
  const calendar = config.publication.calendar;
  const dates = calendar ? monthCalendar(calendar, month, manifest) : undefined;
  const pastDeadline = Boolean(now && dates && now.getTime() >= Date.parse(dates.deadline.at));
  const skipped = new Set(manifest?.skip ?? []);
  const reasons: string[] = [];
  if (!manifest) {
    reasons.push(`issues/${month}/issue.md: file: is missing; the editor approves a month by writing it with "status: approved"`);
  } else if (manifest.status !== 'approved') {
    reasons.push(`${manifestPath ?? `issues/${month}/issue.md`}: status: is "${manifest.status}"; set "status: approved" to publish`);
  }
  const workstreams = config.workstreams.map((ws): WorkstreamStatus => {
    const update = updates.find((u) => u.workstream === ws.id);
    const own = problems.filter((p) => problemWorkstream(p, month) === ws.id);
    const path = update?.path ?? own[0]?.path;
    let state: WorkstreamState = own.length ? 'invalid' : update ? 'valid' : 'missing';
    if (skipped.has(ws.id) && !update && !own.length) state = 'skipped';
    if (ws.required && !update && !skipped.has(ws.id)) {
      reasons.push(`updates/${month}/${ws.id}.md: file: required workstream "${ws.title}" has no valid update; write one, or add it to "skip:" in the manifest`);
      if (pastDeadline) state = 'late';
    }
    const changed = path ? lastChanged[path] : undefined;
    return {
      id: ws.id, title: ws.title, required: ws.required, owner: ws.owner, state,
      ...(path ? { path } : {}),
      problems: own.map(formatProblem),
      locations: own.map(location),
      ...(changed ? { lastChanged: changed } : {}),
    };
  });
  for (const p of problems) reasons.push(formatProblem(p));
  return { month, ready: reasons.length === 0, reasons, approved: manifest?.status === 'approved', workstreams, ...(dates ? { dates } : {}) };
}
