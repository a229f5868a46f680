/** Key dates as iCalendar: valid structure, one event per date, stable UIDs, content-derived DTSTAMP. */
import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../core/render/calendar.js';
import type { MemoryArchiveStore } from './memory-archive-store.js';
import type { SampleArchive } from './sample-archive.js';
import { writtenSample } from './site-written.js';

let out: MemoryArchiveStore;
let sample: SampleArchive;
beforeAll(async () => {
  ({ out, sample } = await writtenSample());
});

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
const files = () => [...sample.entries.map((e) => `site/${e.issue.path}/dates.ics`), 'site/dates.ics'];

describe('every .ics file', () => {
  it('is a VCALENDAR 2.0 with a PRODID, CRLF line ends and lines folded at 75 octets', () => {
    for (const key of files()) {
      const text = out.text(key);
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Metropolitan Police Authority//Met Forward bulletin//EN\r\n'), key).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n'), key).toBe(true);
      expect(text.replace(/\r\n/g, ''), key).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    }
  });

  it('has one VEVENT per key date, each with UID, DTSTAMP (UTC), DTSTART and SUMMARY', () => {
    for (const key of files()) {
      const text = out.text(key);
      const blocks = text.split('BEGIN:VEVENT\r\n').slice(1);
      const expected = key === 'site/dates.ics'
        ? sample.entries.reduce((n, e) => n + e.issue.keyDates.length, 0)
        : sample.entries.find((e) => key.includes(e.issue.path))!.issue.keyDates.length;
      expect(blocks, key).toHaveLength(expected);
      for (const b of blocks) {
        expect(b).toMatch(/^UID:\S+@metforward\.example\.org\r\n/m);
        expect(b).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r\n/m);
        expect(b).toMatch(/^DTSTART(;VALUE=DATE:\d{8}|;TZID=Europe\/London:\d{8}T\d{6})\r\n/m);
        expect(b).toMatch(/^SUMMARY:.+/m);
      }
      expect(new Set(events(text).map((e) => e.uid)).size, key).toBe(expected);
    }
  });
});

it('parses with a calendar library: all-day dates as dates, timed dates in Europe/London', () => {
  const parsed = events(out.text('site/2010/08/dates.ics'));
  const board = parsed.find((e) => e.uid === '2010-08-london-crime-reduction-board-1@metforward.example.org')!;
  expect(board.start.toISOString()).toBe('2010-09-28T09:00:00.000Z'); // 10:00 BST
  expect(board.location).toBe('City Hall');
  const comments = parsed.find((e) => e.uid === '2010-08-civil-liberties-1@metforward.example.org')!;
  expect(comments.datetype).toBe('date');
  expect(comments.summary).toBe('Closing date for comments on DNA in policing');
  expect(out.text('site/2010/08/dates.ics')).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n');
});

it('stamps events with the content\'s dates: publication, or the newest correction (with a SEQUENCE bump)', () => {
  const july = events(out.text('site/2010/07/dates.ics'))[0]!;
  expect(july.dtstamp.toISOString()).toBe('2010-07-01T09:00:00.000Z');
  const august = out.text('site/2010/08/dates.ics');
  expect(august).toContain('DTSTAMP:20100812T090000Z');
  expect(august).toContain('SEQUENCE:1');
});

it('folds long lines at 75 octets without splitting a multi-byte character', () => {
  const line = `SUMMARY:${'é'.repeat(60)}€${'x'.repeat(30)}`;
  const folded = fold(line);
  const parts = folded.split('\r\n');
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
  expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
  expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
});
