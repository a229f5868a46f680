/**
 * The subscriber list as records by id — the pure half of a list-file
 * store. Hand-written entries have no `id`: they are matched through the
 * id of their (readable) address, so the API finds and replaces them too.
 *
 * Several entries for one address (a hand-edited file) read as ONE record,
 * the most restrictive: suppressed > unsubscribed > pending > active, and
 * an entry that is not valid counts as `unsubscribed` (it may be a mangled
 * opt-out), so reading never lets an address through that the send path
 * blocks. A write replaces all of them with the one record.
 */
import type { StoredSubscriber } from '../ports.js';
import { readableAddress, SubscriberSchema, type SubscriberStatus } from '../send/subscriber.js';

const RANK: Record<SubscriberStatus, number> = { suppressed: 3, unsubscribed: 2, pending: 1, active: 0 };

/** The id of an entry as written: its `id`, else the id of its readable address. */
function entryId(entry: unknown, idOf: ((email: string) => string) | undefined): string | undefined {
  const e = entry as { id?: unknown; email?: unknown } | null;
  if (typeof e?.id === 'string' && /^[0-9a-f]{32}$/.test(e.id)) return e.id;
  const address = readableAddress(typeof entry === 'string' ? entry : e?.email);
  return address && idOf ? idOf(address) : undefined;
}

/** Indices of the entries that belong to subscriber `id`. */
export function entriesFor(entries: readonly unknown[], id: string, idOf?: (email: string) => string): number[] {
  const out: number[] = [];
  entries.forEach((entry, i) => {
    if (entryId(entry, idOf) === id) out.push(i);
  });
  return out;
}

/** The one record the entries at `indices` stand for (see the module comment), or undefined for none. */
export function recordOf(entries: readonly unknown[], indices: readonly number[], id: string): StoredSubscriber | undefined {
  let best: StoredSubscriber | undefined;
  let version = 0;
  for (const i of indices) {
    const entry = entries[i];
    const parsed = SubscriberSchema.safeParse(entry);
    const v = (entry as { version?: unknown } | null)?.version;
    if (typeof v === 'number' && Number.isInteger(v) && v > version) version = v;
    const email = readableAddress(typeof entry === 'string' ? entry : (entry as { email?: unknown } | null)?.email) ?? '';
    const record: StoredSubscriber = parsed.success
      ? { ...parsed.data, email: parsed.data.email.toLowerCase(), id, version: 0 }
      : { email, status: 'unsubscribed', id, version: 0 };
    if (!best || RANK[record.status] > RANK[best.status]) best = record;
  }
  return best && { ...best, version };
}

/** `entries` with those at `indices` replaced by `record` (at the first one's place, else appended). */
export function replaceEntries(entries: readonly unknown[], indices: readonly number[], record: StoredSubscriber | undefined): unknown[] {
  const drop = new Set(indices);
  const out: unknown[] = [];
  entries.forEach((entry, i) => {
    if (i === indices[0] && record) out.push(record);
    if (!drop.has(i)) out.push(entry);
  });
  if (!indices.length && record) out.push(record);
  return out;
}
