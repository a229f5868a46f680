import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { fakeTime } from './support.js';

/** The most grant times that fall in any half-open window [t, t + windowMs). */
function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function run(rate: number, n: number, options: { burst?: number; pauseEvery?: number; pauseMs?: number } = {}) {
  const time = fakeTime(0);
  const limiter = new RateLimiter({ ratePerSecond: rate, clock: time, sleep: (ms) => time.sleep(ms), ...(options.burst ? { burst: options.burst } : {}) });
  const grants: number[] = [];
  for (let i = 0; i < n; i++) {
    // A slow mailer, or a retry's backoff, lets the bucket refill: the cap must hold across it.
    if (options.pauseEvery && i % options.pauseEvery === 0) time.ms += options.pauseMs ?? 0;
    await limiter.run(async () => grants.push(time.ms));
  }
  return { grants, limiter, elapsed: grants.at(-1)! - grants[0]! };
}

describe('RateLimiter', () => {
  it.each([
    [14, 300],
    [200, 3000],
    [2000, 20000],
  ])('never exceeds %i/s in any one-second window, and stays close to it', async (rate, n) => {
    const { grants, elapsed } = await run(rate, n);
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(rate);
    const achieved = (n - 1) / (elapsed / 1000);
    expect(achieved / rate).toBeGreaterThan(0.95);
  });

  it('holds the cap when pauses let the bucket fill up (burst tokens are not extra)', async () => {
    const { grants } = await run(200, 4000, { burst: 100, pauseEvery: 150, pauseMs: 700 });
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(200);
  });

  it('caps a fractional rate at its whole part per second, and a rate below 1/s at one per period', async () => {
    const fractional = await run(14.5, 200);
    expect(busiestWindow(fractional.grants, 1000)).toBeLessThanOrEqual(14);
    const slow = await run(0.5, 5);
    expect(busiestWindow(slow.grants, 2000)).toBe(1);
    expect(slow.elapsed).toBeGreaterThanOrEqual(8000);
    expect(slow.elapsed).toBeLessThanOrEqual(8004);
  });

  it('serves concurrent callers one at a time, in order, within the cap', async () => {
    const time = fakeTime(0);
    const limiter = new RateLimiter({ ratePerSecond: 50, clock: time, sleep: (ms) => time.sleep(ms) });
    const order: number[] = [];
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 300 }, (_, i) => limiter.run(async () => {
      order.push(i);
      grants.push(time.ms);
    })));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(busiestWindow(grants, 1000)).toBeLessThanOrEqual(50);
  });

  it('starts the next task without waiting for a slow one, and passes results and errors through', async () => {
    const time = fakeTime(0);
    const limiter = new RateLimiter({ ratePerSecond: 1000, clock: time, sleep: (ms) => time.sleep(ms) });
    let release: () => void = () => undefined;
    const slow = limiter.run(() => new Promise<string>((resolve) => (release = () => resolve('slow'))));
    expect(await limiter.run(async () => 'fast')).toBe('fast');
    await expect(limiter.run(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(limiter.run(() => {
      throw new Error('sync');
    })).rejects.toThrow('sync');
    release();
    expect(await slow).toBe('slow');
  });

  it('holds the cap at the hand-over however long the machine pauses between granting a slot and starting the task', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(14, 200, 2000), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 50, maxLength: 50 }),
      async (rate, pauses) => {
        // Arrange: each task's first step is delayed by a pause (the process was descheduled), then it records the hand-over.
        const time = fakeTime(0);
        const limiter = new RateLimiter({ ratePerSecond: rate, clock: time, sleep: (ms) => time.sleep(ms) });
        const handedOver: number[] = [];
        // Act
        for (let i = 0; i < rate * 3; i++) {
          await limiter.run(async () => {
            time.ms += pauses[i % pauses.length]! * (i % 7 === 0 ? 1 : 0);
            handedOver.push(time.ms);
          });
        }
        // Assert
        expect(busiestWindow(handedOver, 1000)).toBeLessThanOrEqual(rate);
      },
    ), { numRuns: 25 });
  });

  it('refuses a rate that is not a positive number', () => {
    const time = fakeTime(0);
    for (const ratePerSecond of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RateLimiter({ ratePerSecond, clock: time, sleep: time.sleep })).toThrow(expect.objectContaining({ code: 'OPTIONS_INVALID' }));
    }
  });
});
