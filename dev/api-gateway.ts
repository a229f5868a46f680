/**
 * API Gateway on loopback, for `npm run dev` and its tests: each Node
 * request becomes the HTTP API (payload 2.0) event API Gateway would hand
 * the function — lower-case headers, a base64 body for anything but text
 * (multipart included, as API Gateway does), `requestContext.http.sourceIp`
 * — and the function's result is written back as API Gateway would. So the
 * very Lambda handler (functions/subscribers-api.ts) answers, edge and all.
 * Bodies are cut at 1 MiB, under API Gateway's 10 MB payload limit.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const MAX_BODY = 1024 * 1024;
const TEXT = /^(text\/|application\/(json|x-www-form-urlencoded)\b)/i;

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The v2 event for one Node request. */
export async function eventOf(req: IncomingMessage): Promise<APIGatewayProxyEventV2> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'cookie') headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const body = await bodyOf(req);
  const text = TEXT.test(headers['content-type'] ?? '');
  const method = req.method ?? 'GET';
  const now = new Date();
  return {
    version: '2.0', routeKey: '$default', rawPath: url.pathname, rawQueryString: url.search.slice(1), headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !text } : { isBase64Encoded: false }),
    requestContext: {
      accountId: '000000000000', apiId: 'local', domainName: headers.host ?? 'localhost', domainPrefix: 'local', requestId: randomUUID(), routeKey: '$default', stage: '$default',
      time: now.toUTCString(), timeEpoch: now.getTime(),
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
    },
  };
}

/** A running local API. */
export interface LocalApi {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` as API Gateway's `$default` stage would, on 127.0.0.1 (port 0: a free one). */
export async function serveApiGateway(handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>, port = 0): Promise<LocalApi> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const result = await handler(await eventOf(req));
        const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : Buffer.from(result.body ?? '', 'utf8');
        res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>), 'Content-Length': body.length });
        res.end(body);
      } catch {
        // What API Gateway answers when the function fails.
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"Internal Server Error"}');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
