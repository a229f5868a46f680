/**
 * Topic preferences: an active subscriber follows every issue, or only
 * issues with an update from chosen workstreams (the send's selectAudience
 * applies them). The token (purpose `preferences`) names the subscriber;
 * only active subscribers have preferences to change.
 */
import type { SubscriberDeps } from './lifecycle-deps.js';
import { updateRecord, type Decision } from './update-record.js';

/** `all`, or the workstream ids followed. */
export type TopicChoice = 'all' | readonly string[];

export type PreferencesView = { ok: true; active: boolean; topics: TopicChoice } | { ok: false };

/** What the preferences page shows; reads only. */
export async function readPreferences(deps: SubscriberDeps, token: string): Promise<PreferencesView> {
  const check = deps.tokens.verifyId('preferences', token);
  if (!check.ok) return { ok: false };
  const current = await deps.store.get(check.id);
  return { ok: true, active: current?.status === 'active', topics: current?.topics?.length ? current.topics : 'all' };
}

/** `saved`, `not-active` (nothing changed: no active subscription), or `invalid` (token refused). */
export type PreferencesOutcome = 'saved' | 'not-active' | 'invalid';

/** Sets the topics of the active subscriber `token` names. Topics must be known workstream ids (checked at the edge). */
export async function savePreferences(deps: SubscriberDeps, token: string, choice: TopicChoice): Promise<PreferencesOutcome> {
  const check = deps.tokens.verifyId('preferences', token);
  if (!check.ok) return 'invalid';
  const topics = choice === 'all' || !choice.length ? undefined : [...new Set(choice)].sort();
  const { result } = await updateRecord(deps.store, check.id, (current): Decision<PreferencesOutcome> =>
    current?.status === 'active' ? { result: 'saved', next: { ...current, topics } } : { result: 'not-active' });
  return result;
}
