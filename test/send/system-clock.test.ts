import { describe, expect, it } from 'vitest';
import { systemClock, systemSleep } from '../../adapters/system-clock.js';

describe('systemClock', () => {
  it('never goes back, however the wall clock is adjusted', () => {
    let last = systemClock.now().getTime();
    for (let i = 0; i < 10_000; i++) {
      const t = systemClock.now().getTime();
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
    }
  });

  it('tells the time of day (for Date headers): the wall time at start plus elapsed time', () => {
    // Not a timing assertion: only that it is today's date, not a zero-based counter.
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(60 * 60_000);
  });

  it('sleeps without complaint for zero or a negative wait', async () => {
    await expect(systemSleep(0)).resolves.toBeUndefined();
    await expect(systemSleep(-5)).resolves.toBeUndefined();
  });
});
