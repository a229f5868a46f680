/**
 * Which rounds are due on a London date, from the publication's calendar
 * and each month's manifest (which may move its own dates): the call for
 * updates on its day, a reminder on each reminder day. The remind Lambda
 * runs daily and asks this, so the schedule never has to know the
 * calendar's rules (weekends, month ends, manifest overrides).
 */
import { loadMonth, type MonthContent, type SiteConfig } from '../content/load-content.js';
import type { ContentStore } from '../ports.js';
import { monthCalendar, type MonthCalendar } from './calendar.js';
import type { ReminderKind } from './reminders.js';

/** The kinds `dates` has on `date` (a call and a reminder may share a day). */
export function kindsDue(dates: MonthCalendar, date: string): ReminderKind[] {
  return [
    ...(dates.call.date === date ? (['call'] as const) : []),
    ...(dates.reminders.some((r) => r.date === date) ? (['reminder'] as const) : []),
  ];
}

/** `month` moved by `by` months (YYYY-MM). */
function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

/**
 * The reporting months that could have a round on `date`: an issue's
 * dates fall in the month after it, and reminders up to 27 days either
 * side of its deadline reach one month further each way.
 */
export function candidateMonths(date: string): string[] {
  const here = date.slice(0, 7);
  return [shift(here, -2), shift(here, -1), here];
}

export interface DueRound {
  month: string;
  kinds: ReminderKind[];
  content: MonthContent;
}

/** Every round due on `date`, oldest month first; none without a calendar. */
export async function roundsDue(store: ContentStore, config: SiteConfig, date: string): Promise<DueRound[]> {
  const calendar = config.publication.calendar;
  if (!calendar) return [];
  const due: DueRound[] = [];
  for (const month of candidateMonths(date)) {
    const content = await loadMonth(store, month, config);
    const kinds = kindsDue(monthCalendar(calendar, month, content.manifest), date);
    if (kinds.length) due.push({ month, kinds, content });
  }
  return due;
}
