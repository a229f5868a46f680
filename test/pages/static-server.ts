/**
 * A static file server on 127.0.0.1 with a random port, for page tests: the
 * built site is served over HTTP as it is in production (not file://), and a
 * missing path gets the site's 404 page with status 404, as CloudFront does.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';

export interface StaticServer {
  /** Base URL ending in `/`. */
  url: string;
  close(): Promise<void>;
}

export async function serveDir(dir: string): Promise<StaticServer> {
  const serve = sirv(dir, { dev: true, extensions: [] });
  const server = createServer((req, res) =>
    serve(req, res, async () => {
      const page = await readFile(join(dir, '404.html')).catch(() => Buffer.from('Not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done()))),
  };
}
