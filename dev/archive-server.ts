/**
 * Serves the archive bucket's `site/` over HTTP on loopback, the way
 * CloudFront does: `/` and `/2010/07/` → `index.html`, an extension-less
 * path → `<path>/index.html`, anything missing → the archive's 404 page
 * with status 404. Nothing outside `site/` is reachable.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { ArchiveStore } from '../core/ports.js';
import { contentTypeOf } from '../core/archive/site-paths.js';

export async function serveArchive(archive: ArchiveStore): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.split('/').includes('..')) path = '/404.html';
      if (path.endsWith('/')) path += 'index.html';
      else if (!path.split('/').pop()!.includes('.')) path += '/index.html';
      let body = await archive.read(`site${path}`);
      let status = 200;
      if (!body) {
        status = 404;
        path = '/404.html';
        body = (await archive.read('site/404.html')) ?? new TextEncoder().encode('Not found');
      }
      res.writeHead(status, { 'content-type': contentTypeOf(path.split('/').pop()!) });
      res.end(Buffer.from(body));
    })().catch((err: unknown) => {
      res.writeHead(500).end(String((err as Error).message));
    });
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
