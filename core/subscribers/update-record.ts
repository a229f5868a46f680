/**
 * Read-decide-write on one subscriber, as a compare-and-set loop: the
 * decision is made on the version read, and the write only lands if nobody
 * wrote since; otherwise it is decided again on the fresh record. This is
 * the whole concurrency story — it maps onto DynamoDB's single-item
 * conditional Put/Delete, with no transactions.
 */
import type { StoredSubscriber, WritableSubscriberStore } from '../ports.js';
import type { Subscriber } from '../send/subscriber.js';

/** What to do with the record: write `next` (without id/version — those are set here), remove it, or leave it. */
export type Decision<T> = { result: T; next?: Subscriber | 'remove' };

/** Gave up after repeated conflicting writes (someone hammering one address). */
export class SubscriberConflictError extends Error {
  override readonly name = 'SubscriberConflictError';
  readonly code = 'SUBSCRIBER_CONFLICT';
}

const ATTEMPTS = 5;

/** Applies `decide` to subscriber `id` atomically; resolves to its result and the record as written. */
export async function updateRecord<T>(
  store: WritableSubscriberStore,
  id: string,
  decide: (current: StoredSubscriber | undefined) => Decision<T>,
): Promise<{ result: T; written?: StoredSubscriber }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await store.get(id);
    const { result, next } = decide(current);
    if (next === undefined) return { result };
    if (next === 'remove') {
      if (!current || (await store.remove(id, current.version))) return { result };
      continue;
    }
    const written: StoredSubscriber = { ...withoutEmpty(next), id, version: (current?.version ?? 0) + 1 };
    if (await store.put(written, current?.version)) return { result, written };
  }
  throw new SubscriberConflictError(`subscriber ${id} kept changing while it was being written; try again`);
}

/** Drops fields set to undefined or empty topic lists, so records stay minimal. */
function withoutEmpty(record: Subscriber): Subscriber {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined || (k === 'topics' && Array.isArray(v) && !v.length) || k === 'id' || k === 'version') continue;
    out[k] = v;
  }
  return out as Subscriber;
}
