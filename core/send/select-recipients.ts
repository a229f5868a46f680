/**
 * Who an issue goes to: every address with an `active` entry, once
 * (case-insensitive). When the same address also appears unsubscribed or
 * suppressed, the opt-out wins — it is kept as a recipient marked
 * `suppressed`, so the send report counts it instead of mailing it.
 */
import { normaliseEmail } from './tokens.js';
import type { Subscriber } from './subscriber.js';

/** One address in a send (stored subscribers become recipients). */
export interface Recipient {
  /** Normalised (trimmed, lower-case) address. */
  email: string;
  /** Do not mail: an opt-out or suppression is on record for this address. */
  suppressed?: boolean;
}

/** Active subscribers, deduplicated in first-seen order; opt-outs win over a duplicate active entry. */
export function selectRecipients(subscribers: readonly Subscriber[]): Recipient[] {
  const byEmail = new Map<string, { active: boolean; blocked: boolean }>();
  for (const s of subscribers) {
    const email = normaliseEmail(s.email);
    const seen = byEmail.get(email) ?? { active: false, blocked: false };
    if (s.status === 'active') seen.active = true;
    if (s.status === 'unsubscribed' || s.status === 'suppressed') seen.blocked = true;
    byEmail.set(email, seen);
  }
  const out: Recipient[] = [];
  for (const [email, { active, blocked }] of byEmail) {
    if (active) out.push(blocked ? { email, suppressed: true } : { email });
  }
  return out;
}
