/**
 * One month's dates on the editor's desk, from the publication's calendar
 * and the month's manifest alone (no clock): the same inputs always give the
 * same dates.
 *
 * The rules: an issue reports on one month and is called for, due and
 * published in the month after it (the July 2010 issue in August 2010, as
 * the publish schedule publishes "the previous month"). A day past that
 * month's end means its last day. A deadline on a Saturday or Sunday moves
 * to the Friday before, so owners are never due at a weekend; reminders
 * count from the deadline as moved. Dates the manifest sets are kept as
 * written (the editor chose them). Updates are due by the END of the
 * deadline day: late from 00:00 London time the day after.
 */
import type { Calendar, Manifest } from '../content/schema.js';
import { addDays, dayOf, londonInstant, nextMonth, weekday } from './london-time.js';

/** A day and the instant (ISO, UTC) something happens on it. */
export interface Moment {
  date: string;
  at: string;
}

export interface MonthCalendar {
  /** The reporting month, YYYY-MM. */
  month: string;
  call: Moment;
  /** `at` is the end of the deadline day: an update not valid by then is late. */
  deadline: Moment;
  /** One per configured offset, in the configured order; `offset` is days from the deadline. */
  reminders: (Moment & { offset: number })[];
  publish: Moment;
}

/** Friday before a Saturday or Sunday; any other day as it is. */
function weekdayOnOrBefore(date: string): string {
  const day = weekday(date);
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, -2) : date;
}

/** The dates of `month`'s issue. */
export function monthCalendar(calendar: Calendar, month: string, manifest?: Pick<Manifest, 'callOn' | 'deadline' | 'publishOn'>): MonthCalendar {
  const out = nextMonth(month);
  const deadline = manifest?.deadline ?? weekdayOnOrBefore(dayOf(out, calendar.deadlineDay));
  const call = manifest?.callOn ?? dayOf(out, calendar.callDay);
  const publish = manifest?.publishOn ?? dayOf(out, calendar.publishDay);
  return {
    month,
    call: { date: call, at: londonInstant(call, calendar.sendTime) },
    deadline: { date: deadline, at: londonInstant(addDays(deadline, 1), '00:00') },
    reminders: calendar.reminders.map((offset) => {
      const date = addDays(deadline, offset);
      return { offset, date, at: londonInstant(date, calendar.sendTime) };
    }),
    publish: { date: publish, at: londonInstant(publish, calendar.publishTime) },
  };
}
