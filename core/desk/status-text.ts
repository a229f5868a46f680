/**
 * The month's status as plain text for a terminal: aligned columns, no
 * colour, every line printable (titles and problems are shown escaped by
 * formatProblem; registry fields are one-line by schema).
 */
import { dateTimeFormat } from '../render/format.js';
import type { MonthStatus } from './month-status.js';

const DAY = () => dateTimeFormat({ timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const TIME = () => dateTimeFormat({ timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2010-11-05` → `Fri 5 Nov 2010`. */
export function dayLabel(date: string): string {
  return DAY().format(new Date(`${date}T12:00:00Z`));
}

/** An ISO instant as London time, e.g. `2 Nov 2010, 10:00`. */
export function londonLabel(iso: string): string {
  return TIME().format(new Date(iso));
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** The lines `bulletin status` prints: dates, one row per workstream, its problems, then the verdict and its reasons. */
export function statusLines(status: MonthStatus): string[] {
  const lines = [`Status of the ${status.month} issue`];
  const d = status.dates;
  if (d) lines.push(`Call for updates ${dayLabel(d.call.date)} · deadline ${dayLabel(d.deadline.date)} (end of day, London time) · publishes ${dayLabel(d.publish.date)}`);
  lines.push('');
  lines.push(...table([
    ['WORKSTREAM', 'REQUIRED', 'STATE', 'OWNER', 'LAST CHANGED'],
    ...status.workstreams.map((w) => [w.id, w.required ? 'yes' : 'no', w.state, w.owner, w.lastChanged ? londonLabel(w.lastChanged) : '-']),
  ]));
  const problems = status.workstreams.flatMap((w) => w.problems);
  if (problems.length) lines.push('', 'Problems:', ...problems.map((p) => `  ${p}`));
  lines.push('');
  if (status.ready) lines.push('Ready to publish.');
  else lines.push(`Not ready to publish (${status.reasons.length} reason${status.reasons.length === 1 ? '' : 's'}):`, ...status.reasons.map((r) => `  ${r}`));
  return lines;
}
