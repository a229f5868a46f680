/**
 * The subscribers API's answers: HTML pages rendered from
 * `templates/web/subscribers-*.hbs` inside the archive's layout (one h1,
 * `lang`, labelled controls), or JSON, always with the same security
 * headers. Pages hold no personal data, never redirect and set no cookies;
 * they are never cached, and send no Referer (their URLs carry tokens).
 */
import type { Publication } from '../content/schema.js';
import { siteContext } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import type { ApiResponse } from './api-types.js';

/** What pages need: templates, the publication, and where the archive's assets are. */
export interface PageSite {
  templates: Templates;
  publication: Publication;
  /** The archive's root URL with a trailing slash (absolute, or a path on the same host), for styles and links. */
  siteRoot: string;
  /** Topics a subscriber may choose: workstream ids and titles, in order. */
  workstreams: readonly { id: string; title: string }[];
}

/** Headers on every answer. The CSP allows only the archive's stylesheet and forms posting back here. */
export function securityHeaders(siteRoot: string): Record<string, string> {
  const origin = /^https?:\/\//.test(siteRoot) ? ` ${new URL(siteRoot).origin}` : '';
  return {
    'Content-Security-Policy': `default-src 'none'; style-src 'self'${origin}; img-src 'self'${origin}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Strict-Transport-Security': 'max-age=31536000',
  };
}

/** `web/<template>.hbs` in the layout, as a response with `status`. */
export function page(site: PageSite, status: number, template: string, pageTitle: string, context: Record<string, unknown> = {}): ApiResponse {
  const body = site.templates.page(template, {
    site: siteContext(site.publication),
    root: site.siteRoot,
    pageTitle,
    canonical: new URL('subscribe/index.html', site.publication.baseUrl.replace(/\/*$/, '/')).href,
    nav: { subscribe: true },
    noindex: true,
    ...context,
  });
  return { status, headers: { ...securityHeaders(site.siteRoot), 'Content-Type': 'text/html; charset=utf-8' }, body };
}

/** A page that only says something: a heading, paragraphs and an optional link. */
export function messagePage(site: PageSite, status: number, heading: string, paragraphs: string[], link?: { href: string; label: string }): ApiResponse {
  return page(site, status, 'subscribers-message', heading, { heading, paragraphs, link });
}

/** The page for a link that is not (or no longer) valid: one generic text for every reason. */
export function invalidLinkPage(site: PageSite): ApiResponse {
  return messagePage(site, 400, 'This link is not valid', [
    'The link may have expired, been used for an earlier sign-up, or been copied incompletely. Nothing has been changed.',
  ], { href: `${site.siteRoot}subscribe/index.html`, label: 'Subscribe again' });
}

/** JSON for API clients, with the same headers. */
export function jsonResponse(site: PageSite, status: number, value: unknown): ApiResponse {
  return { status, headers: { ...securityHeaders(site.siteRoot), 'Content-Type': 'application/json; charset=utf-8' }, body: `${JSON.stringify(value)}\n` };
}
