/**
 * Pending sign-ups that were never confirmed are forgotten once they
 * expire (7 days): the address was typed by someone, not necessarily its
 * owner, so nothing about it is kept longer than the link works. A pending
 * record that remembers an earlier opt-out (`reason`) goes back to that
 * suppression record instead, so the opt-out is not lost. On DynamoDB the
 * same rule fits a scheduled scan (TTL alone would also delete the
 * remembered opt-outs).
 */
import { erasedAddress } from './erase.js';
import type { SubscriberDeps } from './lifecycle-deps.js';
import { pendingExpired } from './subscribe.js';
import { updateRecord } from './update-record.js';

/** Removes or reverts every expired pending sign-up; resolves to how many changed. Safe to run at any time. */
export async function purgeExpiredPending(deps: SubscriberDeps): Promise<number> {
  const now = deps.clock.now();
  const { subscribers } = await deps.store.list();
  let changed = 0;
  for (const s of subscribers) {
    if (!pendingExpired(s, now)) continue;
    const id = s.id ?? deps.tokens.subscriberId(s.email);
    const { result } = await updateRecord(deps.store, id, (current) => {
      if (!current || !pendingExpired(current, now)) return { result: false };
      if (!current.reason) return { result: true, next: 'remove' as const };
      const email = current.reason === 'erased' ? erasedAddress(id) : current.email;
      const status = current.reason === 'unsubscribed' ? 'unsubscribed' as const : 'suppressed' as const;
      return { result: true, next: { email, status, reason: current.reason, changedAt: now.toISOString() } };
    });
    if (result) changed++;
  }
  return changed;
}
