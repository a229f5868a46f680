/**
 * Erasure in the send plans: a plan keeps who an issue was sent to, and
 * that list must not outlive an erasure (UK GDPR art. 17). The recipient's
 * address is replaced by a placeholder under the reserved `.invalid`
 * domain (RFC 2606) built from its recipient key — the keyed hash the
 * ledger row, the Message-ID and the outbox file already use — so the plan
 * stays whole (same recipients, same keys: "was this one sent?" still has
 * its answer) and nothing can ever be mailed to the placeholder (the send
 * re-checks every planned address against the list, where it has no entry).
 */
import type { SendPlan } from './send-plan.js';
import { normaliseEmail } from './tokens.js';

/** The placeholder that stands for an erased recipient in a plan. */
export const erasedRecipient = (key: string) => `${key}@erased.invalid`;

/** `plan` with `email` replaced by its placeholder, or undefined when the plan does not name it (nothing to write). */
export function redactPlan(plan: SendPlan, email: string): SendPlan | undefined {
  const address = normaliseEmail(email);
  if (!plan.recipients.some((r) => normaliseEmail(r.email) === address)) return undefined;
  return { ...plan, recipients: plan.recipients.map((r) => (normaliseEmail(r.email) === address ? { ...r, email: erasedRecipient(r.key) } : r)) };
}
