/**
 * The subscribers API as one transport-neutral handler:
 *
 * | route                | GET (never changes state)          | POST (acts)                                   |
 * |----------------------|------------------------------------|-----------------------------------------------|
 * | `/subscribe`         | 405                                | sign up (form, multipart or JSON): same answer for every address |
 * | `/confirm`           | page with a Confirm button         | confirm (token in the form or the query)      |
 * | `/unsubscribe`       | page with a button + preferences   | unsubscribe: RFC 8058 one-click or the button |
 * | `/preferences`       | page with the choices              | save the choices                              |
 *
 * HEAD is answered as GET without a body. Bodies over 8 KiB get 413. Every
 * refusal is a page with a generic message, never a stack; nothing
 * redirects, nothing sets a cookie.
 */
import type { ApiHandler, ApiRequest, ApiResponse } from './api-types.js';
import { jsonResponse, messagePage, type PageSite } from './api-pages.js';
import { parseBody, type Fields } from './form-body.js';
import type { SubscriberDeps } from './lifecycle-deps.js';
import { routes } from './api-routes.js';

/** The largest body accepted: a sign-up form with every topic fits many times over. */
export const MAX_BODY_BYTES = 8 * 1024;

export interface ApiDeps {
  subscribers: SubscriberDeps;
  site: PageSite;
  /** Throttling hook: false refuses. Called with `ip:<address>` (429) and `subscriber:<id>` (silently does nothing). */
  allow?: (key: string) => boolean | Promise<boolean>;
  /** Every sign-up answer takes at least this long (ms), so sending or not sending mail does not show: 400. */
  subscribeFloorMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A parsed request as the routes see it. */
export interface RouteRequest {
  method: 'GET' | 'POST';
  raw: ApiRequest;
  fields: Fields;
  /** The token from the form, else the query (RFC 8058 puts it in the URL). */
  token: string | undefined;
  json: boolean;
}

export type Route = (deps: ApiDeps, request: RouteRequest) => Promise<ApiResponse>;

function header(request: ApiRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : request.headers[key];
}

function notAllowed(site: PageSite, allowed: string): ApiResponse {
  const response = messagePage(site, 405, 'Not available', ['This address does not answer that kind of request.']);
  return { ...response, headers: { ...response.headers, Allow: allowed } };
}

/** Builds the handler. `routes` keys are paths relative to the mount point. */
export function createSubscribersApi(deps: ApiDeps): ApiHandler {
  const { site } = deps;
  const answer = async (request: ApiRequest): Promise<ApiResponse> => {
    try {
      const path = request.path.replace(/\/+$/, '') || '/';
      const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
      if (!route) return messagePage(site, 404, 'Page not found', ['There is nothing at this address.']);
      const method = request.method.toUpperCase();
      const allowed = route.post && !route.get ? 'POST' : 'GET, HEAD, POST';
      if (!['GET', 'HEAD', 'POST'].includes(method) || (method !== 'POST' && !route.get)) return notAllowed(site, allowed);
      const length = Number(header(request, 'content-length') ?? 0);
      if (request.body.length > MAX_BODY_BYTES || length > MAX_BODY_BYTES) return messagePage(site, 413, 'Too much data', ['The form sent more than this page accepts.']);
      const type = header(request, 'content-type');
      const json = /^application\/json\b/i.test(type ?? '');
      const parsed = method === 'POST' ? parseBody(type, request.body) : { ok: true as const, fields: new Map() };
      if (!parsed.ok) return messagePage(site, parsed.status, 'This request could not be read', ['Send the form from the page, please.']);
      const fromForm = parsed.fields.get('token')?.[0];
      const token = fromForm ?? request.query.token;
      const routed: RouteRequest = { method: method === 'POST' ? 'POST' : 'GET', raw: request, fields: parsed.fields, token, json };
      return await (routed.method === 'POST' ? route.post! : route.get!)(deps, routed);
    } catch (error) {
      deps.subscribers.onError?.('the subscribers API failed', error);
      return request.headers['content-type']?.startsWith('application/json')
        ? jsonResponse(site, 500, { ok: false, message: 'Something went wrong; please try again later.' })
        : messagePage(site, 500, 'Something went wrong', ['Please try again later.']);
    }
  };
  return async (request) => {
    const response = await answer(request);
    return request.method.toUpperCase() === 'HEAD' ? { ...response, body: '' } : response;
  };
}
