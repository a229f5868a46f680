/**
 * Attempts for one message: throttling-type failures (`retryable: true`)
 * are retried with capped exponential backoff; anything else, or running
 * out of attempts, is final for that recipient — the send goes on.
 */
import { isRetryable } from './errors.js';
import type { Limiter, Sleep } from './rate-limiter.js';

/** How hard to try one message; the defaults suit SES throttling. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 4. */
  maxAttempts?: number;
  /** Wait before the 2nd attempt; doubles each time. Default 200 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts. Default 5 s. */
  maxDelayMs?: number;
}

/** What `withRetry` ended with, and after how many attempts. */
export type AttemptResult<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown; attempts: number };

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? 200;
  return Math.min(policy.maxDelayMs ?? 5000, base * 2 ** (attempt - 1));
}

/**
 * Runs `attempt` until it succeeds, fails for good, or attempts run out.
 * Every attempt runs through `limiter`, so retries count against the rate
 * cap too. Never throws: the outcome is the result.
 */
export async function withRetry<T>(attempt: () => Promise<T>, limiter: Limiter, sleep: Sleep, policy: RetryPolicy = {}): Promise<AttemptResult<T>> {
  const max = Math.max(1, policy.maxAttempts ?? 4);
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await limiter.run(attempt), attempts: n };
    } catch (error) {
      if (n >= max || !isRetryable(error)) return { ok: false, error, attempts: n };
      await sleep(backoffMs(n, policy));
    }
  }
}
