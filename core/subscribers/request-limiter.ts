/**
 * A fixed-window request counter per key (an IP, a subscriber id), for the
 * subscribers API's throttling hook. In memory: one process locally, one
 * Lambda instance on AWS (where API Gateway throttling is the real cap).
 * Keys are opaque; callers pass subscriber ids, never addresses.
 */
import type { Clock } from '../ports.js';

export class RequestLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(readonly limit: number, readonly windowMs: number, readonly clock: Clock) {}

  /** Counts one request for `key`; false when it is over `limit` in the current window. */
  allow(key: string): boolean {
    const now = this.clock.now().getTime();
    if (this.#windows.size > 10_000) {
      for (const [k, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(k);
    }
    const w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.#windows.set(key, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.limit;
  }
}
