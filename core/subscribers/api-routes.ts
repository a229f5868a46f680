/**
 * The routes of the subscribers API (see api-handler.ts for the table).
 * GET handlers only verify tokens and read; every change is a POST.
 */
import * as z from 'zod';
import { invalidLinkPage, jsonResponse, messagePage, page } from './api-pages.js';
import type { ApiDeps, Route, RouteRequest } from './api-handler.js';
import type { ApiResponse } from './api-types.js';
import { confirmSubscription, confirmTokenValid } from './confirm.js';
import { readPreferences, savePreferences } from './preferences.js';
import { subscribe } from './subscribe.js';
import { unsubscribeByToken } from './unsubscribe.js';

const SignUpSchema = z.strictObject({
  email: z.email().max(254),
  topics: z.array(z.string().max(64)).max(64).default([]),
});

function link(deps: ApiDeps, path: string, token: string): string {
  const url = new URL(`${deps.subscribers.apiUrl}/${path}`);
  url.searchParams.set('token', token);
  return url.href;
}

async function signUp(deps: ApiDeps, request: RouteRequest): Promise<ApiResponse> {
  const { site, subscribers } = deps;
  const started = subscribers.clock.now().getTime();
  const one = (name: string) => request.fields.get(name)?.[0];
  const parsed = SignUpSchema.safeParse({ email: one('email')?.trim(), topics: request.fields.get('topics') ?? [] });
  const known = new Set(subscribers.workstreams);
  if (!parsed.success || !parsed.data.topics.every((t) => known.has(t)) || [...request.fields.keys()].some((k) => k !== 'email' && k !== 'topics')) {
    return request.json
      ? jsonResponse(site, 400, { ok: false, message: 'Give an email address and, optionally, topics from the list.' })
      : messagePage(site, 400, 'Check the form', ['Enter your email address, for example name@example.org.'], { href: `${site.siteRoot}subscribe/index.html`, label: 'Back to the sign-up form' });
  }
  const ip = request.raw.sourceIp;
  if (ip && deps.allow && !(await deps.allow(`ip:${ip}`))) {
    return { ...messagePage(site, 429, 'Too many requests', ['Please wait a few minutes and try again.']), headers: { ...messagePage(site, 429, '', []).headers, 'Retry-After': '600' } };
  }
  const id = subscribers.tokens.subscriberId(parsed.data.email);
  // Over the per-address limit: the same answer, but nothing is done.
  if (!deps.allow || (await deps.allow(`subscriber:${id}`))) await subscribe(subscribers, parsed.data);
  const floor = deps.subscribeFloorMs ?? 400;
  const elapsed = subscribers.clock.now().getTime() - started;
  if (deps.sleep && elapsed < floor) await deps.sleep(floor - elapsed);
  const text = 'If this address can be subscribed, we have sent it an email with a link to confirm. Nothing is sent to you until you confirm; the link works for 7 days.';
  return request.json
    ? jsonResponse(site, 200, { ok: true, message: text })
    : messagePage(site, 200, 'Check your email', [text, 'If nothing arrives within a few minutes, check your spam folder.']);
}

const confirmGet: Route = async (deps, request) => {
  if (!request.token || !confirmTokenValid(deps.subscribers, request.token)) return invalidLinkPage(deps.site);
  return page(deps.site, 200, 'subscribers-confirm', 'Confirm your subscription', { token: request.token });
};

const confirmPost: Route = async (deps, request) => {
  const outcome = request.token ? await confirmSubscription(deps.subscribers, request.token) : 'invalid';
  if (outcome === 'invalid') return invalidLinkPage(deps.site);
  return messagePage(deps.site, 200, 'You are subscribed', [`Thank you: the ${deps.site.publication.name} bulletin will come to your address each month. Every email has a link to unsubscribe.`]);
};

const unsubscribeGet: Route = async (deps, request) => {
  const check = request.token ? deps.subscribers.tokens.verifyId('unsubscribe', request.token) : undefined;
  if (!check?.ok) return invalidLinkPage(deps.site);
  const preferencesHref = link(deps, 'preferences', deps.subscribers.tokens.signId('preferences', check.id));
  return page(deps.site, 200, 'subscribers-unsubscribe', `Unsubscribe from ${deps.site.publication.name}`, { token: request.token, preferencesHref });
};

/** RFC 8058 one-click (`List-Unsubscribe=One-Click`, token in the URL) and the page's button: both act at once, 200, no redirect. */
const unsubscribePost: Route = async (deps, request) => {
  const outcome = request.token ? await unsubscribeByToken(deps.subscribers, request.token) : 'invalid';
  if (outcome === 'invalid') return invalidLinkPage(deps.site);
  return messagePage(deps.site, 200, 'You are unsubscribed', [`You will get no more ${deps.site.publication.name} emails. We keep only a note that this address unsubscribed, so it is not added again by mistake.`]);
};

const preferencesGet: Route = async (deps, request) => {
  const view = request.token ? await readPreferences(deps.subscribers, request.token) : { ok: false as const };
  if (!view.ok) return invalidLinkPage(deps.site);
  if (!view.active) return messagePage(deps.site, 200, 'No subscription to change', ['This link is for an address that is not subscribed at the moment.']);
  const id = deps.subscribers.tokens.verifyId('preferences', request.token!);
  const unsubscribeHref = id.ok ? link(deps, 'unsubscribe', deps.subscribers.tokens.signId('unsubscribe', id.id)) : undefined;
  const chosen = new Set(view.topics === 'all' ? [] : view.topics);
  const topics = deps.site.workstreams.map((w) => ({ ...w, checked: chosen.has(w.id) }));
  return page(deps.site, 200, 'subscribers-preferences', 'Choose what you get', { token: request.token, all: view.topics === 'all', topics, unsubscribeHref });
};

const preferencesPost: Route = async (deps, request) => {
  const choice = request.fields.get('choice')?.[0] ?? 'all';
  const topics = request.fields.get('topics') ?? [];
  const known = new Set(deps.subscribers.workstreams);
  if (!['all', 'topics'].includes(choice) || !topics.every((t) => known.has(t)) || (choice === 'topics' && !topics.length)) {
    return messagePage(deps.site, 400, 'Check your choices', ['Choose every issue, or at least one workstream.']);
  }
  const outcome = request.token ? await savePreferences(deps.subscribers, request.token, choice === 'all' ? 'all' : topics) : 'invalid';
  if (outcome === 'invalid') return invalidLinkPage(deps.site);
  if (outcome === 'not-active') return messagePage(deps.site, 200, 'No subscription to change', ['This link is for an address that is not subscribed at the moment.']);
  return messagePage(deps.site, 200, 'Your choices are saved', ['The next issue follows them.']);
};

/** Path → handlers. */
export const routes: Record<string, { get?: Route; post?: Route }> = {
  '/subscribe': { post: signUp },
  '/confirm': { get: confirmGet, post: confirmPost },
  '/unsubscribe': { get: unsubscribeGet, post: unsubscribePost },
  '/preferences': { get: preferencesGet, post: preferencesPost },
};
