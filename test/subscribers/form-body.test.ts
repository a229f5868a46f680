import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../core/subscribers/form-body.js';

const field = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/["\r\n\\]/.test(s)), fc.string({ maxLength: 40 }));

/** What a real client (undici's FormData / URLSearchParams, as fetch sends them) puts on the wire. */
async function encoded(fields: [string, string][], as: 'multipart' | 'urlencoded'): Promise<{ type: string; body: Uint8Array }> {
  const source = as === 'multipart' ? new FormData() : new URLSearchParams();
  for (const [k, v] of fields) source.append(k, v);
  const r = new Response(source);
  return { type: r.headers.get('content-type')!, body: new Uint8Array(await r.arrayBuffer()) };
}

describe('request bodies', () => {
  it('reads back exactly what real clients send, in both form encodings', async () => {
    await fc.assert(fc.asyncProperty(fc.array(field, { maxLength: 6 }), fc.constantFrom('multipart' as const, 'urlencoded' as const), async (fields, as) => {
      const { type, body } = await encoded(fields, as);
      const parsed = parseBody(type, body);
      const expected = new Map<string, string[]>();
      // FormData normalises line breaks in values to CRLF on the wire; URLSearchParams keeps them.
      for (const [k, v] of fields) expected.set(k, [...(expected.get(k) ?? []), as === 'multipart' ? v.replace(/\r?\n|\r/g, '\r\n') : v]);
      expect(parsed).toEqual({ ok: true, fields: expected });
    }), { numRuns: 200 });
  });

  it('refuses truncated or malformed multipart, and unknown types', async () => {
    const { type, body } = await encoded([['List-Unsubscribe', 'One-Click']], 'multipart');
    const text = Buffer.from(body).toString();
    expect(parseBody(type, body).ok).toBe(true);
    expect(parseBody(type, Buffer.from(text.slice(0, -10)))).toEqual({ ok: false, status: 400 });
    expect(parseBody('multipart/form-data', body)).toEqual({ ok: false, status: 400 });
    expect(parseBody(type, Buffer.from('no delimiter at all'))).toEqual({ ok: false, status: 400 });
    expect(parseBody('text/plain', Buffer.from('List-Unsubscribe=One-Click'))).toEqual({ ok: false, status: 415 });
    expect(parseBody('application/json', Buffer.from('[1]'))).toEqual({ ok: false, status: 400 });
    expect(parseBody('application/x-www-form-urlencoded', Buffer.from([0xff, 0xfe]))).toEqual({ ok: false, status: 400 });
  });

  it('ignores file parts', async () => {
    const fd = new FormData();
    fd.append('List-Unsubscribe', 'One-Click');
    fd.append('upload', new Blob(['x'.repeat(100)]), 'a.txt');
    const r = new Response(fd);
    const parsed = parseBody(r.headers.get('content-type')!, new Uint8Array(await r.arrayBuffer()));
    expect(parsed).toEqual({ ok: true, fields: new Map([['List-Unsubscribe', ['One-Click']]]) });
  });
});
