/**
 * The month's dates: the month after the reporting month, month-end days,
 * deadlines moved off weekends, manifest overrides, and London wall-clock
 * times turned into instants correctly on the days the clocks change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarSchema } from '../../core/content/schema.js';
import { monthCalendar } from '../../core/desk/calendar.js';
import { londonInstant, weekday } from '../../core/desk/london-time.js';

const calendar = (over: Record<string, unknown> = {}) => CalendarSchema.parse({ callDay: 1, deadlineDay: 7, publishDay: 10, ...over });

describe('monthCalendar', () => {
  it('puts the July 2010 issue in August, in British Summer Time', () => {
    // Act
    const c = monthCalendar(calendar({ deadlineDay: 5 }), '2010-07');

    // Assert: 5 August 2010 is a Thursday; 09:00 BST is 08:00 UTC.
    expect(c.call).toEqual({ date: '2010-08-01', at: '2010-08-01T08:00:00.000Z' });
    expect(c.deadline).toEqual({ date: '2010-08-05', at: '2010-08-05T23:00:00.000Z' });
    expect(c.reminders.map((r) => r.date)).toEqual(['2010-08-02', '2010-08-04', '2010-08-06']);
    expect(c.publish).toEqual({ date: '2010-08-10', at: '2010-08-10T08:00:00.000Z' });
  });

  it('moves a Saturday deadline to the Friday before, and counts reminders from the Friday', () => {
    // Act: 7 August 2010 is a Saturday.
    const c = monthCalendar(calendar(), '2010-07');

    // Assert
    expect(c.deadline.date).toBe('2010-08-06');
    expect(c.reminders.map((r) => [r.offset, r.date])).toEqual([[-3, '2010-08-03'], [-1, '2010-08-05'], [1, '2010-08-07']]);
  });

  it('moves a Sunday deadline to the Friday before', () => {
    // Act: 8 August 2010 is a Sunday.
    expect(monthCalendar(calendar({ deadlineDay: 8 }), '2010-07').deadline.date).toBe('2010-08-06');
  });

  it('takes day 31 as the last day of a 30-day month, of a 28-day February and of a leap February', () => {
    // Arrange
    const c = calendar({ callDay: 31, deadlineDay: 31, publishDay: 31 });

    // Act + Assert: 30 Sep 2010 is a Thursday, 28 Feb 2011 a Monday, 29 Feb 2012 a Wednesday.
    expect(monthCalendar(c, '2010-08').deadline.date).toBe('2010-09-30');
    expect(monthCalendar(c, '2011-01').deadline.date).toBe('2011-02-28');
    expect(monthCalendar(c, '2011-01').publish.date).toBe('2011-02-28');
    expect(monthCalendar(c, '2012-01').call.date).toBe('2012-02-29');
  });

  it('publishes a December issue in January of the next year', () => {
    expect(monthCalendar(calendar(), '2010-12').publish.date).toBe('2011-01-10');
  });

  it('uses GMT and BST correctly on the days the clocks change', () => {
    // Act: 27 March 2011 (to BST) and 31 October 2010 (to GMT) are change days.
    const spring = monthCalendar(calendar({ callDay: 27, deadlineDay: 28, publishDay: 28 }), '2011-02');
    const autumn = monthCalendar(calendar({ callDay: 31, deadlineDay: 31, publishDay: 31 }), '2010-09', { deadline: '2010-10-30' });

    // Assert: 09:00 on the change day is after the change; the deadline day ends at the next London midnight.
    expect(spring.call.at).toBe('2011-03-27T08:00:00.000Z');
    expect(autumn.call.at).toBe('2010-10-31T09:00:00.000Z');
    expect(autumn.deadline.at).toBe('2010-10-30T23:00:00.000Z');
    expect(monthCalendar(calendar(), '2011-02', { deadline: '2011-03-26' }).deadline.at).toBe('2011-03-27T00:00:00.000Z');
    expect(monthCalendar(calendar(), '2011-02', { deadline: '2011-03-27' }).deadline.at).toBe('2011-03-27T23:00:00.000Z');
  });

  it('keeps the dates a manifest sets, even a weekend deadline', () => {
    // Act
    const c = monthCalendar(calendar(), '2010-07', { callOn: '2010-07-28', deadline: '2010-08-07', publishOn: '2010-08-12' });

    // Assert
    expect([c.call.date, c.deadline.date, c.publish.date]).toEqual(['2010-07-28', '2010-08-07', '2010-08-12']);
    expect(c.reminders[0]!.date).toBe('2010-08-04');
  });

  it('never sets a computed deadline on a weekend, and never more than two days early', () => {
    fc.assert(fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, day) => {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const c = monthCalendar(calendar({ callDay: 1, deadlineDay: day, publishDay: 31 }), month);
      expect([0, 6]).not.toContain(weekday(c.deadline.date));
      expect(c.deadline.date.slice(0, 7) > month || c.deadline.date.slice(0, 7) === month).toBe(true);
    }));
  });
});

describe('londonInstant', () => {
  const wall = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

  it('is the instant at which London clocks show that date and time, every day of the year', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1997-01-01T00:00:00Z'), max: new Date('2080-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 23 }).filter((h) => h !== 1), fc.integer({ min: 0, max: 59 }), (d, h, mi) => {
      const date = d.toISOString().slice(0, 10);
      const time = `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
      expect(wall.format(new Date(londonInstant(date, time))).replace(', ', ' ')).toBe(`${date} ${time}`);
    }));
  });
});
