/**
 * Who an issue goes to — the audience, decided once when its send starts:
 * every address with a valid `active` entry, once (case-insensitive), except
 *
 * - addresses the list BLOCKS (any entry for them that is not a valid
 *   `active` one: an opt-out, a suppression, a pending or an invalid entry —
 *   see subscriber.ts); counted as `suppressed`, never mailed;
 * - topic subscribers whose topics are not in the issue (`topics` names
 *   workstream ids; without topics, a subscriber gets every issue).
 *
 * Each recipient carries the reason it is in the audience, for the plan.
 */
import { normaliseEmail } from './tokens.js';
import type { LoadedSubscribers } from './subscriber.js';

/** One address in a send (stored subscribers become recipients). */
export interface Recipient {
  /** Normalised (trimmed, lower-case) address. */
  email: string;
  /** Do not mail: an opt-out or suppression is on record for this address. */
  suppressed?: boolean;
  /** Why this address is in the audience: `all` (every issue) or `topics: a, b`. */
  reason?: string;
  /** The recipient key fixed in the send plan (ledger row, Message-ID); derived from the address when absent. */
  key?: string;
}

/** The audience of one issue and what was left out of it. */
export interface Audience {
  recipients: Recipient[];
  /** Active subscribers left out because an entry blocks their address. */
  suppressed: number;
  /** Active topic subscribers none of whose topics this issue covers. */
  notInTopics: number;
}

/** The audience for an issue covering `workstreams` (its sections' ids), in first-seen order. */
export function selectAudience(list: Pick<LoadedSubscribers, 'subscribers' | 'blocked'>, workstreams: readonly string[]): Audience {
  const blocked = new Set(list.blocked.map(normaliseEmail));
  const topicsOf = new Map<string, Set<string> | 'all'>();
  for (const s of list.subscribers) {
    if (s.status !== 'active') continue;
    const email = normaliseEmail(s.email);
    const before = topicsOf.get(email);
    // Two active entries for one address: the wider choice wins (an address follows all, or the union of topics).
    if (before === 'all' || !s.topics?.length) topicsOf.set(email, 'all');
    else topicsOf.set(email, new Set([...(before ?? []), ...s.topics]));
  }
  const audience: Audience = { recipients: [], suppressed: 0, notInTopics: 0 };
  for (const [email, topics] of topicsOf) {
    if (blocked.has(email)) {
      audience.suppressed++;
      continue;
    }
    if (topics === 'all') {
      audience.recipients.push({ email, reason: 'all' });
      continue;
    }
    const matched = workstreams.filter((w) => topics.has(w));
    if (matched.length) audience.recipients.push({ email, reason: `topics: ${matched.join(', ')}` });
    else audience.notInTopics++;
  }
  return audience;
}
