import { afterEach, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoSendPlanStore } from '../../adapters/dynamo-send-plans.js';
import { makeSendPlan } from '../../core/send/send-plan.js';
import type { ApiRequest } from '../../core/subscribers/api-types.js';
import { subscribe } from '../../core/subscribers/subscribe.js';
import { createHandler as adminHandler } from '../../functions/subscribers-admin.js';
import { apiRequestOf, createHandler } from '../../functions/subscribers-api.js';
import { documentClient, freshTable } from '../adapters/dynamo-table.js';
import { harness, type Harness } from '../subscribers/support.js';
import { silent } from './aws-pipeline.js';

/** An HTTP API (payload 2.0) event as API Gateway delivers it: header names lower-case, the client address in requestContext. */
function event(fields: Partial<APIGatewayProxyEventV2> & { method?: string; sourceIp?: string }): APIGatewayProxyEventV2 {
  const { method = 'POST', sourceIp = '203.0.113.9', ...rest } = fields;
  return {
    version: '2.0', routeKey: '$default', rawPath: '/unsubscribe', rawQueryString: '', headers: {}, isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.eu-west-2.amazonaws.com', domainPrefix: 'abc123',
      requestId: 'r1', routeKey: '$default', stage: '$default', time: '01/Aug/2010:09:00:00 +0000', timeEpoch: 1280653200000,
      http: { method, path: rest.rawPath ?? '/unsubscribe', protocol: 'HTTP/1.1', sourceIp, userAgent: 'test' },
    },
    ...rest,
  };
}

let h: Harness | undefined;
afterEach(async () => h?.close());

it('turns a base64-encoded multipart one-click POST into the core request: body decoded, token from the query, source IP from API Gateway', () => {
  const boundary = '----b';
  const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
  const request = apiRequestOf(event({
    rawPath: '/unsubscribe', rawQueryString: 'token=s1.abc',
    queryStringParameters: { token: 's1.abc' },
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-forwarded-for': '198.51.100.1' },
    body: Buffer.from(multipart).toString('base64'), isBase64Encoded: true,
  }));
  expect(request).toEqual<ApiRequest>({
    method: 'POST', path: '/unsubscribe', query: { token: 's1.abc' }, sourceIp: '203.0.113.9',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-forwarded-for': '198.51.100.1' },
    body: Buffer.from(multipart),
  });
});

it('keeps a plain body as UTF-8, takes the first of repeated parameters, and cuts a huge body just past the limit', () => {
  const request = apiRequestOf(event({ body: 'email=ann%40example.org', queryStringParameters: { token: 'a,b' }, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }));
  expect(Buffer.from(request.body).toString()).toBe('email=ann%40example.org');
  expect(request.query).toEqual({ token: 'a' });
  expect(request.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
  expect(apiRequestOf(event({ body: 'x'.repeat(1_000_000) })).body.length).toBe(8 * 1024 + 1);
  expect(apiRequestOf(event({ body: Buffer.alloc(1_000_000).toString('base64'), isBase64Encoded: true })).body.length).toBe(8 * 1024 + 1);
});

it('answers through the core handler verbatim: 413 for an oversized body, one-click 200 without redirect or cookie', async () => {
  h = await harness({ store: 'memory' });
  const handler = createHandler(async () => h!.api);
  const tooBig = await handler(event({ rawPath: '/subscribe', body: 'x'.repeat(20_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  expect(tooBig.statusCode).toBe(413);
  const token = h.tokens.signId('unsubscribe', h.tokens.subscriberId('ann@example.org'));
  const r = await handler(event({ queryStringParameters: { token }, body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
  expect(r.statusCode).toBe(200);
  expect(r).not.toHaveProperty('cookies');
  expect(Object.keys(r.headers ?? {}).map((k) => k.toLowerCase())).not.toContain('location');
});

it('the admin function exports and erases through the core on the DynamoDB tables, and refuses a bad payload with its reasons', async () => {
  h = await harness({ store: 'dynamo' });
  const plans = new DynamoSendPlanStore(documentClient(), await freshTable('send'));
  const deps = { ...h.deps, plans };
  await subscribe(h.deps, { email: 'ann@example.org', topics: ['specials'] });
  await plans.create(makeSendPlan('2010-07', { recipients: [{ email: 'ann@example.org', reason: 'all' }], suppressed: 0, notInTopics: 0 }, h.tokens, h.time));
  const admin = adminHandler(async () => deps, silent());
  // Act / Assert
  expect(await admin({ action: 'export', email: 'Ann@Example.org' })).toMatchObject({ ok: true, record: { email: 'ann@example.org', status: 'pending', topics: ['specials'] } });
  expect(await admin({ action: 'erase', email: 'ann@example.org' })).toEqual({ ok: true, action: 'erase', changed: true });
  expect(await admin({ action: 'export', email: 'ann@example.org' })).toMatchObject({ ok: true, record: { status: 'suppressed', reason: 'erased' } });
  expect(JSON.stringify(await plans.read('2010-07'))).not.toContain('ann@');
  expect(await admin({ action: 'erase', email: 'ann@example.org' })).toEqual({ ok: true, action: 'erase', changed: false });
  expect(await admin({ action: 'drop', email: 'nope' })).toEqual({ ok: false, problems: ['payload: action: must be export, erase or unsubscribe', 'payload: email: must be an email address'] });
});
