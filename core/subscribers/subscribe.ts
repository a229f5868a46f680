/**
 * Sign-up with double opt-in. The caller learns nothing about the address:
 * `subscribe` returns nothing, and does the same work whatever the state —
 * it always derives the id, signs a confirm token, composes the
 * confirmation and makes ONE store write. Only whether the message is
 * actually sent differs; the HTTP handler pads the response to a fixed
 * time so that does not show either.
 *
 * | stored state                          | what happens                                  |
 * |---------------------------------------|-----------------------------------------------|
 * | none, or pending that has expired     | pending; confirmation sent                    |
 * | pending, confirmation sent < window   | topics updated; nothing sent                  |
 * | pending, older confirmation           | expiry renewed; confirmation sent again       |
 * | active                                | unchanged (no topic change without a token)   |
 * | unsubscribed, or erased marker        | pending again (fresh double opt-in); sent     |
 * | suppressed (hard bounce, complaint)   | unchanged; nothing sent (protects the sender) |
 *
 * A pending entry blocks its address in every send until it is confirmed.
 */
import type { StoredSubscriber } from '../ports.js';
import { normaliseEmail } from '../send/tokens.js';
import type { Subscriber } from '../send/subscriber.js';
import { DEFAULT_POLICY, type SubscriberDeps } from './lifecycle-deps.js';
import { confirmationMessage } from './notice-message.js';
import { updateRecord, type Decision } from './update-record.js';

/** A validated sign-up request: an address and optional topics (workstream ids; none means every issue). */
export interface SignUp {
  email: string;
  topics?: readonly string[];
}

/** Whether `record` is a pending sign-up that can no longer be confirmed. */
export function pendingExpired(record: Subscriber, now: Date): boolean {
  return record.status === 'pending' && (!record.pendingUntil || Date.parse(record.pendingUntil) <= now.getTime());
}

/** Records a sign-up and sends its confirmation when due. Never reveals (by result or by throwing on state) what was stored. */
export async function subscribe(deps: SubscriberDeps, request: SignUp): Promise<void> {
  const policy = deps.policy ?? DEFAULT_POLICY;
  const now = deps.clock.now();
  const email = normaliseEmail(request.email);
  const id = deps.tokens.subscriberId(email);
  // Whole seconds: the token's expiry and the record's must be the same instant.
  const expiresAt = new Date(Math.floor((now.getTime() + policy.pendingMs) / 1000) * 1000);
  const token = deps.tokens.signId('confirm', id, { expiresAt });
  const message = await confirmationMessage(deps, email, id, token, expiresAt);
  const topics = request.topics?.length ? [...new Set(request.topics)].sort() : undefined;
  const fresh = (current: StoredSubscriber | undefined): Subscriber => ({
    email, status: 'pending', topics, reason: current?.reason, changedAt: now.toISOString(),
    confirmSentAt: now.toISOString(), pendingUntil: expiresAt.toISOString(),
  });

  const { result: send, written } = await updateRecord(deps.store, id, (current): Decision<boolean> => {
    if (!current || pendingExpired(current, now)) return { result: true, next: fresh(current) };
    if (current.status === 'pending') {
      const recent = current.confirmSentAt && now.getTime() - Date.parse(current.confirmSentAt) < policy.resendWindowMs;
      if (recent) return { result: false, next: { ...current, topics } };
      return { result: true, next: { ...fresh(current), changedAt: current.changedAt } };
    }
    if (current.status === 'unsubscribed' || current.reason === 'erased') return { result: true, next: fresh(current) };
    // Active or suppressed: the same one write, changing nothing that matters.
    return { result: false, next: { ...current } };
  });
  if (!send || !written) return;
  try {
    await deps.mailer.send(message);
  } catch (error) {
    deps.onError?.('the confirmation email could not be sent', error);
    // Let a retry send it at once rather than after the resend window.
    await updateRecord(deps.store, id, (current) => ({
      result: undefined,
      next: current?.version === written.version ? { ...current, confirmSentAt: undefined } : undefined,
    })).catch((e: unknown) => deps.onError?.('the sign-up could not be marked for a retry', e));
  }
}
