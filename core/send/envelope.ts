/**
 * Who a send is from and how a reader leaves the list: the values every
 * message of a publication shares, and the per-recipient headers built
 * from them (RFC 2369 List-Unsubscribe, RFC 8058 one-click, RFC 2919 List-Id).
 */
import type { Publication } from '../content/schema.js';
import { baseOf } from '../render/format.js';

/** Sender and list identity shared by every message of a publication (plain values, parsed at the edge). */
export interface SendEnvelope {
  from: { name?: string; address: string };
  replyTo?: string;
  /** Display name in List-Id, ASCII, e.g. `Met Forward`. */
  listName: string;
  /** RFC 2919 list id, e.g. `met-forward.metforward.example.org`; tokens are bound to it. */
  listId: string;
  /** The one-click endpoint, e.g. `https://metforward.example.org/unsubscribe`; `?token=` is added per recipient. */
  unsubscribeUrl: string;
  /** Mailbox for `mailto:` unsubscribes (subject `unsubscribe <token>`). */
  unsubscribeEmail: string;
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'bulletin';
}

/**
 * The envelope for a publication. The unsubscribe endpoint is
 * `<unsubscribeBaseUrl ?? baseUrl>/unsubscribe`; the mailto address is
 * `unsubscribeEmail ?? replyTo ?? fromAddress`.
 */
export function envelopeFromPublication(p: Publication): SendEnvelope {
  const base = baseOf(p.unsubscribeBaseUrl ?? p.baseUrl);
  const listName = p.name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim() || 'Bulletin';
  return {
    from: { ...(p.fromName ? { name: p.fromName } : {}), address: p.fromAddress },
    ...(p.replyTo ? { replyTo: p.replyTo } : {}),
    listName,
    listId: `${slug(p.name)}.${new URL(p.baseUrl).hostname}`,
    unsubscribeUrl: new URL(`${base}/unsubscribe`).href,
    unsubscribeEmail: p.unsubscribeEmail ?? p.replyTo ?? p.fromAddress,
  };
}

/** Endpoints the URL parser leaves as they are and that carry no query or fragment (so `?token=` can simply follow). */
const plainEndpoints = new Map<string, boolean>();
/** Characters form-encoding leaves as they are: every token we sign is made of them. */
const URL_SAFE_TOKEN = /^[A-Za-z0-9._-]+$/;

function plainEndpoint(endpoint: string): boolean {
  let plain = plainEndpoints.get(endpoint);
  if (plain === undefined) {
    const url = new URL(endpoint);
    // An empty query or fragment (`…/x?`, `…/x#`) is still in the href: look at the characters, not `search`/`hash`.
    plain = url.href === endpoint && !/[?#]/.test(endpoint);
    if (plainEndpoints.size >= 64) plainEndpoints.clear();
    plainEndpoints.set(endpoint, plain);
  }
  return plain;
}

/**
 * `<endpoint>?token=<token>`, normalised by the URL parser (so it can hold no `<`, `>`, `"` or spaces).
 * For a normalised endpoint and a token of URL-safe characters that is plain concatenation, the same
 * string the parser would give (test/send/envelope.test.ts); anything else goes through the parser.
 */
export function unsubscribeLink(envelope: SendEnvelope, token: string): string {
  if (URL_SAFE_TOKEN.test(token) && plainEndpoint(envelope.unsubscribeUrl)) return `${envelope.unsubscribeUrl}?token=${token}`;
  const url = new URL(envelope.unsubscribeUrl);
  url.searchParams.set('token', token);
  return url.href;
}

/** The three list headers, values exactly as they go on the wire (before folding); `link` is the token's unsubscribeLink. */
export function listHeaders(envelope: SendEnvelope, token: string, link = unsubscribeLink(envelope, token)): Record<string, string> {
  const mailto = `mailto:${envelope.unsubscribeEmail}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  // A List-Id phrase with RFC 5322 specials must be quoted.
  const phrase = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(envelope.listName) ? envelope.listName : `"${envelope.listName}"`;
  return {
    'List-Unsubscribe': `<${link}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${phrase} <${envelope.listId}>`,
  };
}

/** Deterministic Message-ID for (issue, recipient key): the idempotency key of the send. */
export function messageIdFor(issueId: string, recipientKey: string, envelope: SendEnvelope, variant?: string): string {
  return `<${issueId}.${variant ? `${variant}.` : ''}${recipientKey}@${envelope.listId}>`;
}
