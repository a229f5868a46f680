/**
 * The send plan: who one issue's send is for, fixed when the send starts.
 *
 * The audience is chosen once (`selectAudience`) and stored create-only;
 * every later run — a repair after a crash, a re-run next week — finishes
 * that plan and never adds anyone (newcomers get the latest issue through
 * the welcome email, never an old issue). Opt-outs since then still win:
 * the send checks each planned address against the current list.
 *
 * Each planned recipient keeps the key it was given then (ledger row,
 * Message-ID, outbox file), so "who has been sent this issue" does not
 * depend on the token secret staying the same.
 */
import * as z from 'zod';
import type { Clock, SendPlanStore } from '../ports.js';
import { StateError } from '../state-error.js';
import type { Audience } from './select-recipients.js';
import type { TokenSigner } from './tokens.js';

export const PlannedRecipientSchema = z.strictObject({
  email: z.string().min(3),
  /** Recipient key (32 hex): ledger row and Message-ID. */
  key: z.string().regex(/^[0-9a-f]{32}$/),
  /** Why the address is in the audience: `all` or `topics: a, b`. */
  reason: z.string(),
});
export type PlannedRecipient = z.infer<typeof PlannedRecipientSchema>;

export const SendPlanSchema = z.strictObject({
  issueId: z.string().min(1),
  /** ISO time the send started (the plan was made). */
  createdAt: z.string(),
  /** `TokenSigner.fingerprint()` of the secret the keys were made with. */
  keyFingerprint: z.string(),
  recipients: z.array(PlannedRecipientSchema),
  /** Left out when the plan was made. */
  excluded: z.strictObject({ suppressed: z.number().int().min(0), notInTopics: z.number().int().min(0) }),
});
export type SendPlan = z.infer<typeof SendPlanSchema>;

/** A new plan for `issueId` from the audience, keyed with `tokens`. */
export function makeSendPlan(issueId: string, audience: Audience, tokens: TokenSigner, clock: Clock): SendPlan {
  return {
    issueId,
    createdAt: clock.now().toISOString(),
    keyFingerprint: tokens.fingerprint(),
    recipients: audience.recipients.map((r) => ({ email: r.email, key: r.key ?? tokens.recipientKey(r.email), reason: r.reason ?? 'all' })),
    excluded: { suppressed: audience.suppressed, notInTopics: audience.notInTopics },
  };
}

/** Stores `candidate` unless the issue already has a plan; returns the plan that holds (the first one wins). */
export async function fixSendPlan(store: SendPlanStore, candidate: SendPlan): Promise<{ plan: SendPlan; created: boolean }> {
  if (await store.create(candidate)) return { plan: candidate, created: true };
  const existing = await store.read(candidate.issueId);
  if (!existing) throw new Error(`the send plan for ${candidate.issueId} exists but cannot be found; run again`);
  return { plan: existing, created: false };
}

/** Parses a stored plan's text; throws StateError naming `key` when it is not a whole, valid plan for `issueId`. */
export function parseSendPlan(key: string, issueId: string, text: string): SendPlan {
  const advice = 'it records who this issue is being sent to — restore it from a backup; until then nothing more is sent for this issue';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new StateError(key, `is damaged (not valid JSON: ${(cause as Error).message})`, advice, { cause });
  }
  const parsed = SendPlanSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StateError(key, `is damaged (${issue.path.join('.') || 'the plan'}: ${issue.message})`, advice);
  }
  if (parsed.data.issueId !== issueId) throw new StateError(key, `is the plan of ${parsed.data.issueId}, not ${issueId}`, advice);
  return parsed.data;
}
