/**
 * The subscribers API on a Node `http` server, for local use (`bulletin
 * subscribers serve`, the preview's `/api/` mount, tests). Turns a Node
 * request into the core's ApiRequest — keeping at most MAX_BODY_BYTES + 1
 * bytes, so an oversized body is refused without being buffered — and
 * writes the ApiResponse back verbatim.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES } from '../core/subscribers/api-handler.js';
import type { ApiHandler } from '../core/subscribers/api-types.js';

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    // Past the limit, the rest is drained unkept (breaking off would reset the connection before the 413 is read).
    if (size > MAX_BODY_BYTES) continue;
    size += chunk.length;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1);
}

/**
 * A request listener answering requests under `prefix` (e.g. `/api`, no
 * trailing slash) through `handler`; resolves to false for other paths so a
 * host server (the preview) can serve them itself.
 */
export function subscribersListener(handler: ApiHandler, prefix = '') {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
    const body = await readBody(req);
    const response = await handler({
      method: req.method ?? 'GET',
      path: url.pathname.slice(prefix.length) || '/',
      headers,
      body,
      query,
      ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
    });
    res.writeHead(response.status, { ...response.headers, 'Content-Length': Buffer.byteLength(response.body) });
    res.end(response.body);
    return true;
  };
}

/** A running local API server. */
export interface SubscribersServer {
  /** e.g. `http://127.0.0.1:41234` (the API's paths follow it directly). */
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` at the root of `host:port` (port 0 picks a free one). */
export async function serveSubscribersApi(handler: ApiHandler, options: { host?: string; port?: number } = {}): Promise<SubscribersServer> {
  const listen = subscribersListener(handler);
  const server = createServer((req, res) => {
    listen(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong; please try again later.\n');
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
