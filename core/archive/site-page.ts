/**
 * Renders one page of the site inside the layout: works out the relative
 * root, the canonical URL and the breadcrumbs from the page's path, so every
 * page joins the site the same way.
 */
import type { Publication } from '../content/schema.js';
import { siteContext, type Crumb } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import type { OutputFile } from '../ports.js';
import { absoluteUrl, HTML, rootFrom, siteKey } from './site-paths.js';

/** What every page render needs: the templates and the publication config. */
export interface SiteContext {
  templates: Templates;
  publication: Publication;
}

export type NavItem = 'issues' | 'workstreams' | 'search' | 'subscribe';

/** One page to render inside the layout. */
export interface SitePage {
  /** Path under the site root, e.g. `workstreams/index.html`. */
  path: string;
  /** `web/<template>.hbs`. */
  template: string;
  pageTitle: string;
  description?: string;
  /** Crumbs after "Home"; the last one is the current page (no link). Omitted on the home page. */
  crumbs?: Crumb[];
  /** Extra Atom feeds to advertise (`<link rel="alternate">`), hrefs relative to the page. */
  feeds?: { title: string; href: string }[];
  /** The main navigation item this page belongs to (marked `aria-current`). */
  nav?: NavItem;
  /** Overrides the relative root: the 404 page is served at any depth, so it uses the base URL's absolute path. */
  root?: string;
  noindex?: boolean;
  context?: Record<string, unknown>;
}

/** The page as a file `site/<path>`. Links in `context` must already be relative to `root`. */
export function renderSitePage(site: SiteContext, page: SitePage): OutputFile {
  const root = page.root ?? rootFrom(page.path);
  const crumbs = page.crumbs ? [{ label: 'Home', href: `${root}index.html` }, ...page.crumbs] : undefined;
  const body = site.templates.page(page.template, {
    site: siteContext(site.publication),
    root,
    pageTitle: page.pageTitle,
    description: page.description,
    canonical: absoluteUrl(site.publication.baseUrl, page.path),
    breadcrumbs: crumbs,
    extraFeeds: page.feeds,
    nav: page.nav ? { [page.nav]: true } : {},
    noindex: page.noindex ?? false,
    ...page.context,
  });
  return { key: siteKey(page.path), body, contentType: HTML };
}
