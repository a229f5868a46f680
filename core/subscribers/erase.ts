/**
 * Erasure (UK GDPR art. 17) and export (art. 15) of one subscriber.
 *
 * Decision: erasing removes the address and everything about it, and
 * leaves a suppression marker holding only the keyed hash (the subscriber
 * id) — the ICO's direct-marketing guidance says to keep just enough on a
 * suppression list to honour an objection, and a keyed hash is enough to
 * recognise the address if it is imported again, while being meaningless
 * without the secret. The marker is a valid list entry with a placeholder
 * address under the reserved `.invalid` domain (RFC 2606), so it can never
 * be mailed and the list format stays one JSON array. A later sign-up by
 * the same person replaces it through a fresh double opt-in.
 *
 * The send plans keep the addresses of past sends; erasure redacts the
 * address in every plan (send/redact-plan.ts: the recipient key stays).
 * The send ledger holds recipient keys only, never an address, so it
 * keeps its rows: they are the keyed hash that says the issue was sent.
 * Plans are redacted on every run, even when the store had nothing left
 * to erase, so re-running after a crash finishes the job.
 */
import type { StoredSubscriber } from '../ports.js';
import { redactPlan } from '../send/redact-plan.js';
import { normaliseEmail } from '../send/tokens.js';
import type { SubscriberDeps } from './lifecycle-deps.js';
import { updateRecord } from './update-record.js';

/** The address an erasure marker stands under: the id at the reserved `.invalid` domain. */
export function erasedAddress(id: string): string {
  return `${id}@erased.invalid`;
}

/** Erases `address`: nothing but the keyed-hash marker is left, in the store and in the send plans. Idempotent; resolves to whether anything changed. */
export async function eraseAddress(deps: SubscriberDeps, address: string): Promise<boolean> {
  const stored = await eraseStored(deps, address);
  const plans = (await deps.plans?.rewrite?.((plan) => redactPlan(plan, address))) ?? 0;
  return stored || plans > 0;
}

async function eraseStored(deps: SubscriberDeps, address: string): Promise<boolean> {
  const id = deps.tokens.subscriberId(normaliseEmail(address));
  const now = deps.clock.now();
  const { result } = await updateRecord(deps.store, id, (current) => {
    // Nothing stored: nothing to erase, and no marker about someone who was never on the list.
    if (!current || (current.reason === 'erased' && current.status === 'suppressed')) return { result: false };
    return { result: true, next: { email: erasedAddress(id), status: 'suppressed', reason: 'erased', changedAt: now.toISOString() } };
  });
  return result;
}

/** Everything stored about `address` (art. 15), or undefined when nothing is. */
export async function exportAddress(deps: SubscriberDeps, address: string): Promise<StoredSubscriber | undefined> {
  return deps.store.get(deps.tokens.subscriberId(normaliseEmail(address)));
}
