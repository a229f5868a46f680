/**
 * Which rounds are due on a day: the daily remind Lambda relies on every
 * call and reminder date of every month being found from that date alone,
 * whatever the calendar (month ends, weekend deadlines, offsets either side).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/content/load-content.js';
import { CalendarSchema } from '../../core/content/schema.js';
import { monthCalendar } from '../../core/desk/calendar.js';
import { candidateMonths, kindsDue, roundsDue } from '../../core/desk/due-rounds.js';
import { EditedContent } from '../publish/edited-content.js';

const calendars = fc.record({
  callDay: fc.integer({ min: 1, max: 31 }), deadlineDay: fc.integer({ min: 1, max: 31 }), publishDay: fc.integer({ min: 1, max: 31 }),
  reminders: fc.array(fc.integer({ min: -27, max: 27 }), { maxLength: 4 }),
}).map(({ callDay, deadlineDay, publishDay, reminders }) => {
  const [a, b, c] = [callDay, deadlineDay, publishDay].sort((x, y) => x - y) as [number, number, number];
  return CalendarSchema.parse({ callDay: a, deadlineDay: b, publishDay: c, reminders });
});
const months = fc.record({ y: fc.integer({ min: 2000, max: 2040 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);

describe('roundsDue', () => {
  it('finds every month\'s call and reminder days from the date alone', () => {
    fc.assert(fc.property(calendars, months, (calendar, month) => {
      // Act
      const dates = monthCalendar(calendar, month);

      // Assert
      for (const date of [dates.call.date, ...dates.reminders.map((r) => r.date)]) {
        expect(candidateMonths(date)).toContain(month);
        expect(kindsDue(dates, date).length).toBeGreaterThan(0);
      }
      expect(kindsDue(dates, dates.call.date)).toContain('call');
    }), { numRuns: 500 });
  });

  it('on the sample calendar: the call on the 1st, reminders 3 and 1 days before the (weekday) deadline and the day after, nothing else', async () => {
    // Arrange: October 2010's deadline, the 7th of November, is a Sunday: it moves to Friday the 5th.
    const store = new EditedContent();
    const { config } = await loadConfig(store);
    const due = async (date: string) => (await roundsDue(store, config!, date)).map((r) => [r.month, r.kinds]);

    // Act / Assert
    expect(await due('2010-11-01')).toEqual([['2010-10', ['call']]]);
    expect(await due('2010-11-02')).toEqual([['2010-10', ['reminder']]]);
    expect(await due('2010-11-04')).toEqual([['2010-10', ['reminder']]]);
    expect(await due('2010-11-06')).toEqual([['2010-10', ['reminder']]]);
    expect(await due('2010-11-05')).toEqual([]);
    expect(await due('2010-11-10')).toEqual([]);
  });

  it('follows the dates a month\'s manifest sets', async () => {
    // Arrange
    const store = new EditedContent();
    store.edits.set('issues/2010-10/issue.md', '---\nstatus: draft\ncallOn: "2010-10-28"\ndeadline: "2010-11-09"\n---\n');
    const { config } = await loadConfig(store);
    const due = async (date: string) => (await roundsDue(store, config!, date)).map((r) => [r.month, r.kinds]);

    // Act / Assert
    expect(await due('2010-10-28')).toEqual([['2010-10', ['call']]]);
    expect(await due('2010-11-01')).toEqual([]);
    expect(await due('2010-11-08')).toEqual([['2010-10', ['reminder']]]);
  });
});
