/**
 * Unsubscribing, effective at once and idempotent. What is kept is the
 * minimal suppression record ICO guidance asks for — the address, status
 * `unsubscribed` and when — so the address is never re-added by mistake
 * (topics and consent details go). A later sign-up needs a fresh double
 * opt-in. An address that is already suppressed (bounce, complaint,
 * erased) stays as it is: the stronger block wins.
 */
import type { StoredSubscriber } from '../ports.js';
import type { Subscriber } from '../send/subscriber.js';
import { normaliseEmail } from '../send/tokens.js';
import type { SubscriberDeps } from './lifecycle-deps.js';
import { updateRecord, type Decision } from './update-record.js';

/** `unsubscribed` (now, or already); `invalid`: the token was refused and nothing changed. */
export type UnsubscribeOutcome = 'unsubscribed' | 'invalid';

/** The suppression record left when `current` leaves the list; undefined when it already is one. */
export function optOutRecord(current: StoredSubscriber, email: string, now: Date): Subscriber | undefined {
  if (current.status === 'unsubscribed' || current.status === 'suppressed') return undefined;
  return { email, status: 'unsubscribed', reason: 'unsubscribed', changedAt: now.toISOString() };
}

/** One-click and page unsubscribe: the token names the subscriber. Repeating it changes nothing more. */
export async function unsubscribeByToken(deps: SubscriberDeps, token: string): Promise<UnsubscribeOutcome> {
  const check = deps.tokens.verifyId('unsubscribe', token);
  if (!check.ok) return 'invalid';
  const now = deps.clock.now();
  // No record: nobody is on the list under this id, so there is nothing to mail and nothing to keep.
  await updateRecord(deps.store, check.id, (current): Decision<void> => ({ result: undefined, next: current && optOutRecord(current, current.email, now) }));
  return 'unsubscribed';
}

/**
 * By address, for the comms inbox (`mailto:` unsubscribes) and the CLI: an
 * address with no record gets a suppression record anyway, so it is not
 * added later by mistake. Resolves to whether anything changed.
 */
export async function unsubscribeAddress(deps: SubscriberDeps, address: string): Promise<boolean> {
  const email = normaliseEmail(address);
  const now = deps.clock.now();
  const { result } = await updateRecord(deps.store, deps.tokens.subscriberId(email), (current): Decision<boolean> => {
    const next = current ? optOutRecord(current, current.email, now) : { email, status: 'unsubscribed', reason: 'unsubscribed', changedAt: now.toISOString() } as const;
    return { result: next !== undefined, next };
  });
  return result;
}
