/**
 * Suppression from mail-service feedback: a hard bounce or a complaint
 * blocks the address at once and for good (every send skips it). Only a
 * fresh double opt-in would ever make it active again — and a sign-up for
 * a bounced or complaining address sends nothing (see subscribe.ts).
 */
import type { SuppressionReason } from '../send/subscriber.js';
import { normaliseEmail } from '../send/tokens.js';
import type { SubscriberDeps } from './lifecycle-deps.js';
import { updateRecord, type Decision } from './update-record.js';

/** Suppresses `address` for `reason`; an address not yet stored gets a suppression record. Resolves to whether anything changed. */
export async function suppressAddress(deps: SubscriberDeps, address: string, reason: Extract<SuppressionReason, 'bounce' | 'complaint'>): Promise<boolean> {
  const email = normaliseEmail(address);
  const now = deps.clock.now();
  const { result } = await updateRecord(deps.store, deps.tokens.subscriberId(email), (current): Decision<boolean> => {
    // An erasure marker already blocks, and must not get the address back.
    if (current?.status === 'suppressed' && current.reason !== undefined) return { result: false };
    return { result: true, next: { email: current?.email ?? email, status: 'suppressed', reason, changedAt: now.toISOString() } };
  });
  return result;
}
