/**
 * The real Clock and sleep for a send. Wall-clock time (`Date.now()`) is
 * slewed and stepped by NTP — measured here drifting 7 ms in 10 s against
 * the monotonic clock — which would let a rate cap computed on it overshoot.
 * So `systemClock` is the wall time at process start plus monotonic elapsed
 * time: right for Date headers, and steady for the rate limiter.
 */
import { setTimeout as wait } from 'node:timers/promises';
import type { Clock } from '../core/ports.js';
import type { Sleep } from '../core/send/rate-limiter.js';

/** Monotonic after start: never jumps back or forward during a run. */
export const systemClock: Clock = {
  now: () => new Date(performance.timeOrigin + performance.now()),
};

/** Resolves after `ms` milliseconds (timers round up to a whole millisecond). */
export const systemSleep: Sleep = (ms) => wait(Math.max(0, ms));

/** Both, for wiring a send: `sendIssue({ ...systemTime, … })`. */
export const systemTime = { clock: systemClock, sleep: systemSleep } as const;
