/**
 * What an update's text already says, so the Issue does not say it twice:
 * a "Links" item whose address is in the body (as a link or written out), or
 * a contact detail the body already gives. Decided once, in the Issue model,
 * so the web page, the email and the plain text agree.
 */
import type { Contact } from '../content/schema.js';

export interface IssueLinkLike {
  label: string;
  url: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The body's visible text and the addresses of its links. */
export interface BodyFacts {
  /** Lower-case words (letters and digits), in order, space-separated and space-padded. */
  words: string;
  /** Normalised addresses: every link target and every address written out in the text. */
  addresses: Set<string>;
  /** Lower-case text with the spaces, dots, dashes and brackets inside numbers removed (for phone numbers). */
  compact: string;
}

const wordsOf = (s: string) => ` ${(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
const TEXT_ADDRESS = /(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?(?:[\w-]+\.)+[a-z]{2,}(?:\/[^\s<>"]*)?/gi;

/**
 * An address reduced to what identifies it: mailto/tel by the address, web
 * links without scheme, `www.`, trailing slash and trailing punctuation, so
 * `http://www.x.org/a/` and the text "www.x.org/a" are the same.
 */
export function addressKey(url: string): string {
  const u = url.trim().replace(/[.,;:!?)\]]+$/, '');
  if (/^mailto:/i.test(u)) return `mail:${u.slice(7).split('?')[0]!.toLowerCase()}`;
  if (/^tel:/i.test(u)) return `tel:${u.slice(4).replace(/[^\d+]/g, '')}`;
  if (/^[^/:]+@[\w-]+(\.[\w-]+)+$/.test(u)) return `mail:${u.toLowerCase()}`;
  const m = /^(?:https?:\/\/)?(?:www\.)?([^/?#]+)(.*)$/i.exec(u)!;
  return `web:${m[1]!.toLowerCase()}${m[2]!.replace(/\/+$/, '')}`;
}

/** Reads the sanitised HTML of an update once. */
export function bodyFacts(html: string): BodyFacts {
  const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decode(m[1]!));
  const text = decode(html.replace(/<[^>]*>/g, ' '));
  const written = text.match(TEXT_ADDRESS) ?? [];
  return {
    words: wordsOf(text),
    addresses: new Set([...hrefs, ...written].map(addressKey)),
    compact: text.toLowerCase().replace(/(\d)[\s().-]+(?=\d)/g, '$1'),
  };
}

/** The links the body does not already give (by address), first of each address kept. */
export function linksNotInBody<L extends IssueLinkLike>(links: readonly L[], body: BodyFacts): L[] {
  const seen = new Set(body.addresses);
  return links.filter((l) => {
    const key = addressKey(l.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The contact details the body does not already give: the postal lines (as a
 * whole, in order: an address is only useful complete), the email and the
 * phone, each dropped when the body has it. Undefined when nothing is left.
 */
export function contactNotInBody(contact: Contact | undefined, body: BodyFacts): Contact | undefined {
  if (!contact) return undefined;
  const lines = contact.lines?.length && body.words.includes(wordsOf(contact.lines.join(' '))) ? undefined : contact.lines;
  const email = contact.email && body.addresses.has(addressKey(`mailto:${contact.email}`)) ? undefined : contact.email;
  const phone = contact.phone && body.compact.includes(contact.phone.toLowerCase().replace(/(\d)[\s().-]+(?=\d)/g, '$1')) ? undefined : contact.phone;
  const left: Contact = { ...(lines?.length ? { lines } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
  return Object.keys(left).length ? left : undefined;
}
