/**
 * The HTTP side of `bulletin preview`: the build output served as files on
 * loopback, every text type with its charset (as the archive writer sets it
 * on S3), and any unknown URL answered 404 with the archive's own "page not
 * found" page — rendered for where the preview serves the archive (`/site/`),
 * so its stylesheet and links work at any depth.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import { notFoundPage } from '../core/archive/site-pages.js';
import { contentTypeOf, HTML } from '../core/archive/site-paths.js';
import { loadConfig } from '../core/content/load-content.js';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { compileTemplates } from '../core/render/templates.js';

/** Where the preview serves `--out/site/`: the public archive's root. */
export const SITE_MOUNT = '/site/';

const UNKNOWN = contentTypeOf('');

/** The site's 404 page with its links from `SITE_MOUNT`; undefined while the publication config is invalid. */
export async function previewNotFound(content: string): Promise<string | undefined> {
  const { config } = await loadConfig(new FsContentStore(content));
  if (!config) return undefined;
  const templates = compileTemplates(await readTemplateFiles());
  return notFoundPage({ templates, publication: config.publication, entries: [] }, SITE_MOUNT).body;
}

/** Answers a request itself (true) or leaves it to the files (false): the subscribers API under `/api/`. */
export type Mount = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Serves `out`; `notFound()` is the page for an unknown URL (and for `/site/404.html` itself); `mount` answers first. */
export function previewServer(out: string, notFound: () => string | undefined, mount?: () => Mount | undefined): Server {
  const serve = sirv(out, {
    dev: true,
    extensions: ['html'],
    // sirv names `.txt`, `.css`, `.ics` … without a charset; a browser would then guess (and mangle "–", "’").
    setHeaders: (res, pathname) => {
      const type = contentTypeOf(pathname.slice(pathname.lastIndexOf('/') + 1));
      if (type !== UNKNOWN) res.setHeader('content-type', type);
    },
  });
  const send404 = (res: ServerResponse, status: number) => {
    const page = notFound();
    res.statusCode = status;
    res.setHeader('content-type', page === undefined ? 'text/plain; charset=utf-8' : HTML);
    res.setHeader('cache-control', 'no-store');
    res.end(page ?? 'Not found (the publication config is invalid: see the terminal)');
  };
  const files = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://preview').pathname;
    if (path === `${SITE_MOUNT}404.html`) return send404(res, 200);
    serve(req, res, () => send404(res, 404));
  };
  return createServer((req, res) => {
    const answer = mount?.();
    if (!answer) return files(req, res);
    answer(req, res).then((done) => done || files(req, res), () => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong; please try again later.\n');
    });
  });
}
