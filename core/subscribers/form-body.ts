/**
 * Request bodies of the subscribers API, parsed strictly: URL-encoded forms,
 * `multipart/form-data` (RFC 7578; what RFC 8058 one-click senders may use)
 * and JSON objects of strings. Bodies are small by contract (the caller
 * refuses anything over the limit first), so this reads them whole. File
 * parts are ignored; anything malformed is a 400, an unknown type a 415.
 */

/** Field name → every value given for it, in order. */
export type Fields = ReadonlyMap<string, readonly string[]>;
export type BodyResult = { ok: true; fields: Fields } | { ok: false; status: 400 | 415 };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BOUNDARY = /^[0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-]$/;

function add(fields: Map<string, string[]>, name: string, value: string): void {
  const list = fields.get(name);
  if (list) list.push(value);
  else fields.set(name, [value]);
}

/** The media type (lower case) and its parameters (`boundary`, `charset`). */
export function contentType(header: string | undefined): { type: string; params: Record<string, string> } {
  const text = header ?? '';
  const type = text.split(';', 1)[0]!;
  const params: Record<string, string> = {};
  // Quoted values may hold `;` and `\"` (a field named ";" is legal).
  for (const m of text.slice(type.length).matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = m[2]!.trim();
    params[m[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type: type.trim().toLowerCase(), params };
}

function multipart(body: Uint8Array, boundary: string | undefined): BodyResult {
  if (!boundary || !BOUNDARY.test(boundary)) return { ok: false, status: 400 };
  // latin1 maps bytes 1:1, so offsets found in the string are byte offsets.
  const text = Buffer.from(body).toString('latin1');
  const delimiter = `--${boundary}`;
  const start = text.startsWith(delimiter) ? 0 : text.indexOf(`\r\n${delimiter}`);
  if (start < 0) return { ok: false, status: 400 };
  const fields = new Map<string, string[]>();
  const chunks = text.slice(start + (start === 0 ? 0 : 2)).split(`\r\n${delimiter}`);
  chunks[0] = chunks[0]!.slice(delimiter.length);
  for (const chunk of chunks) {
    if (chunk.startsWith('--')) return { ok: true, fields }; // the close delimiter
    if (!chunk.startsWith('\r\n')) return { ok: false, status: 400 };
    const headEnd = chunk.indexOf('\r\n\r\n');
    if (headEnd < 0) return { ok: false, status: 400 };
    const disposition = chunk.slice(2, headEnd).split('\r\n').find((h) => /^content-disposition\s*:/i.test(h));
    const params = contentType(disposition?.replace(/^[^:]*:/, ''));
    if (params.type !== 'form-data' || params.params.name === undefined) return { ok: false, status: 400 };
    if (params.params.filename !== undefined) continue;
    try {
      add(fields, Buffer.from(params.params.name, 'latin1').toString('utf8'), utf8.decode(Buffer.from(chunk.slice(headEnd + 4), 'latin1')));
    } catch {
      return { ok: false, status: 400 };
    }
  }
  return { ok: false, status: 400 }; // no close delimiter: truncated
}

function json(body: Uint8Array): BodyResult {
  let data: unknown;
  try {
    data = JSON.parse(utf8.decode(body));
  } catch {
    return { ok: false, status: 400 };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, status: 400 };
  const fields = new Map<string, string[]>();
  for (const [name, value] of Object.entries(data)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) return { ok: false, status: 400 };
    fields.set(name, values as string[]);
  }
  return { ok: true, fields };
}

/** Parses `body` by its Content-Type. An empty body without a type is no fields. */
export function parseBody(header: string | undefined, body: Uint8Array): BodyResult {
  const { type, params } = contentType(header);
  if (!body.length && (!type || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data')) return { ok: true, fields: new Map() };
  if (type === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return { ok: false, status: 400 };
    }
    const fields = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(text)) add(fields, k, v);
    return { ok: true, fields };
  }
  if (type === 'multipart/form-data') return multipart(body, params.boundary);
  if (type === 'application/json') return json(body);
  return { ok: false, status: 415 };
}
