/**
 * Key dates as iCalendar (RFC 5545). Written here rather than through
 * ical-generator's calendar object because that formats TZID times and
 * DTSTAMP in the build machine's local zone and only emits a VTIMEZONE when
 * the whole calendar (DTSTAMP included) is zoned; we keep its text escaping.
 * Same input → same bytes: nothing reads the clock.
 */
import { escape } from 'ical-generator';
import type { Issue } from './issue-model.js';

/** One key date as a VEVENT. */
export interface CalendarEvent {
  /** Globally unique and stable across rebuilds, e.g. `2010-07-civil-liberties-1@host`. */
  uid: string;
  /** ISO instant the information was published (becomes DTSTAMP, UTC). */
  stamp: string;
  /** Bumped when the issue is corrected, so calendars replace the old copy. */
  sequence: number;
  /** `YYYY-MM-DD`: an all-day event (VALUE=DATE) unless `time` is set. */
  date: string;
  /** `HH:MM` local time in Europe/London. */
  time?: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
}

const TZID = 'Europe/London';

/** Europe/London since 1996 (EU rules): BST from the last Sunday of March, GMT from the last Sunday of October. */
const LONDON = [
  'BEGIN:VTIMEZONE', `TZID:${TZID}`,
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST', 'DTSTART:19700329T010000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT', 'DTSTART:19701025T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
];

/** `2010-07-01T09:00:00Z` → `20100701T090000Z` (UTC). */
function utcStamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Folds a content line into lines of at most 75 octets (continuations start with a space), never splitting a character. */
export function fold(line: string): string {
  // At most 25 UTF-16 units is at most 75 octets (a unit is ≤ 3 octets; a pair of them, one character, is 4).
  if (line.length <= 25) return line;
  // Printable ASCII (most lines): one octet per character, so the lines are plain slices of 75, then 74 after the space.
  if (ASCII.test(line)) {
    if (line.length <= 75) return line;
    const parts = [line.slice(0, 75)];
    for (let i = 75; i < line.length; i += 74) parts.push(` ${line.slice(i, i + 74)}`);
    return parts.join('\r\n');
  }
  return foldByOctets(line);
}

const ASCII = /^[\x00-\x7f]*$/;

/** `fold` for any text: counts each character's UTF-8 octets, never splitting one. */
export function foldByOctets(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  return [...out, current].join('\r\n');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Appends the event's folded lines to `out`; `stamps` keeps each DTSTAMP made (an issue's events share one). */
function addEvent(out: string[], e: CalendarEvent, stamps: Map<string, string>): void {
  const day = e.date.replace(/-/g, '');
  let stamp = stamps.get(e.stamp);
  if (stamp === undefined) {
    stamp = utcStamp(e.stamp);
    stamps.set(e.stamp, stamp);
  }
  out.push(
    'BEGIN:VEVENT',
    fold(`UID:${e.uid}`),
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${stamp}`,
    e.time ? `DTSTART;TZID=${TZID}:${day}T${e.time.replace(':', '')}00` : `DTSTART;VALUE=DATE:${day}`,
    fold(`SUMMARY:${escape(e.summary, false)}`),
  );
  if (e.description) out.push(fold(`DESCRIPTION:${escape(e.description, false)}`));
  if (e.location) out.push(fold(`LOCATION:${escape(e.location, false)}`));
  if (e.url) out.push(fold(`URL:${e.url}`));
  out.push('TRANSP:TRANSPARENT', 'END:VEVENT');
}

/** A complete VCALENDAR: CRLF line ends, lines folded at 75 octets, one VEVENT per event in the order given. */
export function renderCalendar(calendar: { prodId: string; name: string; events: readonly CalendarEvent[] }): string {
  // Lines we make whole here (BEGIN, SEQUENCE, DTSTAMP, DTSTART …) are ASCII and under 75 octets: only the others are folded.
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', fold(`PRODID:${calendar.prodId}`), 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', fold(`X-WR-CALNAME:${escape(calendar.name, false)}`)];
  if (calendar.events.some((e) => e.time)) lines.push(...LONDON);
  const stamps = new Map<string, string>();
  for (const e of calendar.events) addEvent(lines, e, stamps);
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** One event per key date of the issue, UIDs `<month>-<workstream>-<n>@<host>` (n counts from 1 within the section). */
export function issueEvents(issue: Issue, options: { host: string; stamp: string; sequence: number }): CalendarEvent[] {
  return issue.sections.flatMap((s) =>
    s.dates.map((d, i): CalendarEvent => ({
      uid: `${issue.month}-${s.workstream}-${i + 1}@${options.host}`,
      stamp: options.stamp,
      sequence: options.sequence,
      date: d.date,
      ...(d.time ? { time: d.time } : {}),
      summary: d.label,
      description: `${s.title}. From ${issue.title}: ${issue.url}#${s.anchor}`,
      ...(d.location ? { location: d.location } : {}),
      url: `${issue.url}#${s.anchor}`,
    })),
  );
}
