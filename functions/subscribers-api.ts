/**
 * The subscribers API behind API Gateway (HTTP API, payload format 2.0):
 * a thin edge that turns the event into the core's ApiRequest — body
 * decoded from base64 when API Gateway encoded it (multipart, binary),
 * header names lower-cased, the client address from
 * `requestContext.http.sourceIp` (API Gateway's own view, never a
 * client-supplied header) — and the core's answer back into a response,
 * verbatim: no cookies, no redirects. The routes, limits and pages are the
 * core's (core/subscribers/api-handler.ts); API Gateway's stage throttling
 * sits in front of the per-IP and per-address limits here.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { systemSleep } from '../adapters/system-clock.js';
import type { SiteConfig } from '../core/content/load-content.js';
import { compileTemplates, type Templates } from '../core/render/templates.js';
import { createSubscribersApi, MAX_BODY_BYTES } from '../core/subscribers/api-handler.js';
import type { ApiHandler, ApiRequest, ApiResponse } from '../core/subscribers/api-types.js';
import type { SubscriberDeps } from '../core/subscribers/lifecycle-deps.js';
import { RequestLimiter } from '../core/subscribers/request-limiter.js';
import { awsSubscriberDeps } from './aws-subscribers.js';

/** The core's request for an API Gateway v2 event. */
export function apiRequestOf(event: APIGatewayProxyEventV2): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const raw = event.body ?? '';
  // A body far over the limit is cut (the core answers 413 for anything over it) rather than decoded whole.
  const body = event.isBase64Encoded ? Buffer.from(raw.slice(0, Math.ceil((MAX_BODY_BYTES + 3) / 3) * 4), 'base64') : Buffer.from(raw.slice(0, MAX_BODY_BYTES + 1), 'utf8');
  const query: Record<string, string> = {};
  // API Gateway joins repeated parameters with commas; the first value is the one a form would send.
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v.split(',')[0]!;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || '/',
    headers, body: body.subarray(0, MAX_BODY_BYTES + 1), query,
    sourceIp: event.requestContext.http.sourceIp,
  };
}

/** The API Gateway response for the core's answer: status, headers and body as they are. */
export function resultOf(response: ApiResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}

/** The Lambda handler over a lazily built core handler (built once per container, rebuilt after a failed start). */
export function createHandler(api: () => Promise<ApiHandler>) {
  let ready: Promise<ApiHandler> | undefined;
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    ready ??= api().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return resultOf(await (await ready)(apiRequestOf(event)));
  };
}

/**
 * The core handler over `subscribers`, with the archive's page layout.
 * Rate limits are per container (a warm Lambda sees a stream of requests):
 * 20 sign-ups per IP per 10 minutes, 3 per address per hour; API Gateway's
 * stage throttling caps the whole API in front of them.
 */
export function subscribersApiOver(subscribers: SubscriberDeps, config: SiteConfig, templates: Templates): ApiHandler {
  const perIp = new RequestLimiter(20, 600_000, subscribers.clock);
  const perAddress = new RequestLimiter(3, 3_600_000, subscribers.clock);
  return createSubscribersApi({
    subscribers,
    site: {
      templates, publication: config.publication,
      siteRoot: config.publication.baseUrl.replace(/\/*$/, '/'),
      workstreams: config.workstreams.map((w) => ({ id: w.id, title: w.title })),
    },
    allow: (key) => (key.startsWith('ip:') ? perIp : perAddress).allow(key),
    sleep: systemSleep,
  });
}

/** The real wiring: the templates are bundled beside the function (infra: withTemplates). */
export async function awsSubscribersApi(): Promise<ApiHandler> {
  const logger = new Logger();
  const { config, ...subscribers } = await awsSubscriberDeps((what, error) => logger.error(what, { error: (error as Error).message }));
  const templates = compileTemplates(await readTemplateFiles(join(dirname(fileURLToPath(import.meta.url)), 'templates')));
  return subscribersApiOver(subscribers, config, templates);
}

export const handler = createHandler(awsSubscribersApi);
