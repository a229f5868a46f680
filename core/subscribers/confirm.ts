/**
 * Double opt-in, second step. Only a POST carrying a valid, unexpired
 * confirm token for the CURRENT pending sign-up activates (the token's
 * expiry must equal the record's, so a link from an earlier sign-up — after
 * an unsubscribe, say — never re-activates anyone). The welcome email with
 * the latest issue follows the one request that made the change.
 */
import type { SubscriberDeps } from './lifecycle-deps.js';
import { pendingExpired } from './subscribe.js';
import { updateRecord, type Decision } from './update-record.js';
import { welcomeMessage } from './welcome-email.js';

/** `confirmed`: this request activated; `already`: was active (nothing changed); `invalid`: refused, nothing changed. */
export type ConfirmOutcome = 'confirmed' | 'already' | 'invalid';

/** Whether `token` would confirm now, without changing anything (for the GET page). */
export function confirmTokenValid(deps: SubscriberDeps, token: string): boolean {
  const check = deps.tokens.verifyId('confirm', token, deps.clock.now());
  // Confirm links always expire; one without an expiry was never issued by us.
  return check.ok && check.expiresAt !== undefined;
}

/** Activates the pending sign-up `token` names and sends the welcome. Safe to repeat. */
export async function confirmSubscription(deps: SubscriberDeps, token: string): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  const check = deps.tokens.verifyId('confirm', token, now);
  if (!check.ok || !check.expiresAt) return 'invalid';
  const expiresAt = check.expiresAt.getTime();
  const { result, written } = await updateRecord(deps.store, check.id, (current): Decision<ConfirmOutcome> => {
    if (current?.status === 'active') return { result: 'already' };
    if (!current || current.status !== 'pending' || pendingExpired(current, now) || Date.parse(current.pendingUntil!) !== expiresAt) return { result: 'invalid' };
    const { pendingUntil: _p, confirmSentAt: _c, reason: _r, ...kept } = current;
    return { result: 'confirmed', next: { ...kept, status: 'active', changedAt: now.toISOString(), confirmedAt: now.toISOString() } };
  });
  if (result === 'confirmed' && written) {
    try {
      const latest = await deps.latestIssue?.();
      await deps.mailer.send(await welcomeMessage(deps, written.email, now, latest));
    } catch (error) {
      deps.onError?.('the welcome email could not be sent', error);
    }
  }
  return result;
}
