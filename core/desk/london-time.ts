/**
 * Europe/London wall-clock times as instants, and plain calendar-date
 * arithmetic. Pure: uses Intl's time-zone data, never the clock, so the same
 * date and time give the same instant on any machine in any zone.
 */
import { dateTimeFormat } from '../render/format.js';

const LONDON = () =>
  dateTimeFormat({ timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** London's offset from UTC in milliseconds at instant `ms` (0 in GMT, one hour in BST). */
function offsetAt(ms: number): number {
  const p = Object.fromEntries(LONDON().formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) at which London clocks read `time` on `date`.
 * Correct on the clock-change days; a time the spring change skips
 * (01:00–01:59 on the last Sunday of March) comes out an hour later.
 */
export function londonInstant(date: string, time = '00:00'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, mi);
  // Two passes: the first guess may sit on the other side of a change.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Day `day` of `month`, or the month's last day when it has fewer (31 in June → 30 June). */
export function dayOf(month: string, day: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The London calendar date (YYYY-MM-DD) at `instant`. */
export function londonDate(instant: Date): string {
  const p = Object.fromEntries(LONDON().formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
