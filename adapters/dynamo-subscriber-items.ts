/**
 * How a subscriber is laid out in the subscribers table: one item per
 * subscriber, keyed by its opaque id (`pk = sub#<id>`, `sk = subscriber`,
 * the keyed hash tokens name) — never by the address, so an erased
 * subscriber leaves no address in a key. The address is the `email`
 * attribute beside the record's other fields and its `version`.
 *
 * `expiresAt` (epoch seconds, the table's TTL attribute) is set only on a
 * fresh pending sign-up: DynamoDB then forgets it when its link expires.
 * A pending record that remembers an earlier opt-out gets none, or TTL
 * would delete the opt-out with it (purge-expired reverts those).
 */
import type { Problem } from '../core/content/problem.js';
import type { StoredSubscriber } from '../core/ports.js';
import { readableAddress, SubscriberSchema, type Subscriber } from '../core/send/subscriber.js';
import { normaliseEmail } from '../core/send/tokens.js';
import { erasedAddress } from '../core/subscribers/erase.js';

export const SUBSCRIBER_SK = 'subscriber';
/** The key of subscriber `id` (32 hex, `TokenSigner.subscriberId`). */
export const subscriberKey = (id: string) => ({ pk: `sub#${id}`, sk: SUBSCRIBER_SK });

export type Item = Record<string, unknown>;
/** One item judged alone: the subscriber when valid, problems otherwise, and which addresses it blocks. */
export type Checked = { subscriber?: Subscriber; problems: Problem[]; blocks: string[] };

const BOOKKEEPING = new Set(['pk', 'sk', 'expiresAt']);

/** The item that stores `record`. */
export function itemOf(record: StoredSubscriber): Item {
  const ttl = record.status === 'pending' && !record.reason && record.pendingUntil ? { expiresAt: Math.floor(Date.parse(record.pendingUntil) / 1000) } : {};
  return { ...subscriberKey(record.id), ...record, ...ttl };
}

/**
 * The record an item stands for. An item that is not a valid record (edited
 * by hand) reads as `unsubscribed` — it may be a mangled opt-out — keeping
 * its version, so the API's next write replaces it rather than trusting it.
 */
export function recordOfItem(item: Item, id: string): StoredSubscriber {
  const fields: Item = {};
  for (const [k, v] of Object.entries(item)) if (!BOOKKEEPING.has(k)) fields[k] = v instanceof Set ? [...v].sort() : v;
  const version = typeof item.version === 'number' && Number.isInteger(item.version) && item.version >= 0 ? item.version : 0;
  const parsed = SubscriberSchema.safeParse({ ...fields, id, version });
  if (parsed.success && (parsed.data.id ?? id) === id) return { ...parsed.data, email: normaliseEmail(parsed.data.email), id, version };
  return { email: readableAddress(item.email) ?? '', status: 'unsubscribed', id, version };
}

/**
 * Judges a listed item: a valid entry whose key is its address's id (or an
 * erasure marker's) is a subscriber; anything else is a problem, and every
 * address it names is blocked unless it is a valid `active` entry.
 */
export function checkItem(item: Item, source: string, idOf: ((email: string) => string) | undefined): Checked {
  const pk = String(item.pk);
  const id = pk.slice(4);
  const topics = item.topics instanceof Set ? [...item.topics].sort() : item.topics;
  const parsed = SubscriberSchema.pick({ email: true, status: true, topics: true }).safeParse({ email: item.email, status: item.status, ...(topics === undefined ? {} : { topics }) });
  const problems: Problem[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: source, field: `[${pk}].${i.path.join('.') || 'item'}`, message: i.message }));
  if (parsed.success && idOf) {
    const email = normaliseEmail(parsed.data.email);
    if (idOf(email) !== id && email !== erasedAddress(id)) problems.push({ path: source, field: `[${pk}].email`, message: 'does not match the item\'s key' });
  }
  const valid = problems.length === 0 ? parsed.data : undefined;
  const address = readableAddress(item.email);
  const blocks = valid?.status === 'active' || address === undefined ? [] : [address];
  return { ...(valid ? { subscriber: valid } : {}), problems, blocks };
}
