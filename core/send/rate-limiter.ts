/**
 * The send-rate cap: a token bucket (refilled at `ratePerSecond`, holding at
 * most `burst` tokens) that smooths the flow, plus a sliding-window guard
 * that makes the cap exact: in ANY window [t, t + 1 s) at most
 * floor(ratePerSecond) tasks start (for rates below 1/s: one per
 * 1/rate seconds). A bucket alone would let `burst` extra through after a pause.
 *
 * Time and sleeping are injected, so tests run on a fake clock.
 */
import type { Clock } from '../ports.js';
import { SendError } from './errors.js';

/** Waits `ms` milliseconds (injected: a fake one advances a fake clock). */
export type Sleep = (ms: number) => Promise<void>;

/**
 * A Clock reads whole milliseconds (Date), so a reading can be up to 1 ms
 * behind the true time; the window check adds that much to stay exact.
 * Give the limiter a monotonic clock (adapters/system-clock.ts): a wall
 * clock that NTP slews would make its windows — and the cap — drift.
 */
const CLOCK_RESOLUTION_MS = 1;

/** The cap and the time sources; `burst` only smooths, it never raises the cap. */
export interface RateLimiterOptions {
  ratePerSecond: number;
  /** Tokens the bucket holds; default 1/10 s worth (at least 1). */
  burst?: number;
  clock: Clock;
  sleep: Sleep;
}

/**
 * Runs tasks no faster than the cap. Concurrent callers are served in order.
 * `run` starts the task in the same synchronous step as the final time check,
 * so nothing (another worker's disk write, say) can slip in between the
 * slot being granted and the message being handed over.
 */
export interface Limiter {
  /** Waits for a slot, then starts `task` at once; resolves with its result. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Token bucket + sliding window: never more than the cap in any second (see the module comment). */
export class RateLimiter implements Limiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  /** At most `windowMax` task starts in any `windowMs`. */
  readonly windowMax: number;
  readonly windowMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #tokens: number;
  #refilledAt: number | undefined;
  /** Ring of the last `windowMax` grant times. */
  readonly #grants: Float64Array;
  #count = 0;
  #head = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor({ ratePerSecond, burst, clock, sleep }: RateLimiterOptions) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new SendError('OPTIONS_INVALID', `the send rate must be a positive number of messages per second, not ${ratePerSecond}`);
    this.ratePerSecond = ratePerSecond;
    this.windowMax = Math.max(1, Math.floor(ratePerSecond));
    this.windowMs = ratePerSecond >= 1 ? 1000 : 1000 / ratePerSecond;
    this.burst = Math.max(1, Math.min(this.windowMax, Math.floor(burst ?? ratePerSecond / 10)));
    this.#tokens = this.burst;
    this.#clock = clock;
    this.#sleep = sleep;
    this.#grants = new Float64Array(this.windowMax);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    // The queue waits for the slot only, never for the task: a slow send does not hold up the next grant.
    const started = this.#queue.then(() => this.#take(task));
    this.#queue = started.then(() => undefined, () => undefined);
    return started.then((box) => box.result);
  }

  async #take<T>(task: () => Promise<T>): Promise<{ result: Promise<T> }> {
    for (;;) {
      const now = this.#clock.now().getTime();
      if (this.#refilledAt !== undefined) {
        this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) * this.ratePerSecond) / 1000);
      }
      this.#refilledAt = now;
      const bucketWait = this.#tokens >= 1 - 1e-9 ? 0 : ((1 - this.#tokens) * 1000) / this.ratePerSecond;
      const windowWait = this.#count < this.windowMax ? 0 : this.#grants[this.#head]! + this.windowMs + CLOCK_RESOLUTION_MS - now;
      const wait = Math.max(bucketWait, windowWait);
      if (wait <= 0) {
        this.#tokens -= 1;
        const result = callNow(task);
        // The window counts hand-overs, so it is stamped AFTER the task has started: a pause between the
        // check and the hand-over (a busy machine descheduling us) can delay a start, never bunch two up.
        this.#grants[this.#head] = this.#clock.now().getTime();
        this.#head = (this.#head + 1) % this.windowMax;
        this.#count = Math.min(this.#count + 1, this.windowMax);
        // Boxed, so the queue does not adopt (and wait for) the task's promise.
        return { result };
      }
      await this.#sleep(wait);
    }
  }
}

/** Starts `task` now; a synchronous throw becomes a rejection. */
function callNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (err) {
    return Promise.reject(err);
  }
}
