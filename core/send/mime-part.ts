/**
 * A personalisable MIME body part, quoted-printable encoded ONCE per issue.
 *
 * Quoted-printable is line-local, so each static part of the template is
 * encoded on its own and ends in a soft line break (`=` CRLF), which decoders
 * remove. Per recipient only the short values are encoded and the pieces
 * joined: the decoded body is exactly `personalise(template, values)`, at the
 * cost of a join instead of re-encoding ~40 KB for every message.
 */
import { encode, wrap } from 'nodemailer/lib/qp';
import { escapeValues, type CompiledTemplate, type Values } from './personalise.js';

/** Leaves room for the `=` of the soft break we append, so no line passes 76 characters. */
const LINE = 75;
const SOFT_BREAK = '=\r\n';

/** A body part encoded once per issue; `fill` is a join, safe to call for every recipient. */
export interface MimePartTemplate {
  readonly contentType: string;
  /** The raw part (headers, blank line, encoded body) for one recipient. */
  fill(values: Values): string;
}

function crlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

function qp(s: string): string {
  return wrap(encode(Buffer.from(crlf(s), 'utf8')), LINE);
}

/** Pre-encodes `template` as a `quoted-printable` part of type `contentType` (UTF-8). */
export function compileMimePart(template: CompiledTemplate, contentType: string): MimePartTemplate {
  const head = `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
  const last = template.parts.length - 1;
  const encoded = template.parts.map((p, i) => qp(p) + (i < last ? SOFT_BREAK : ''));
  const { slots } = template;
  return {
    contentType,
    fill(values) {
      const escaped = escapeValues(template, values);
      const enc: Record<string, string> = {};
      for (const name of template.placeholders) enc[name] = qp(escaped[name]!) + SOFT_BREAK;
      let out = head + encoded[0]!;
      for (let i = 0; i < slots.length; i++) out += enc[slots[i]!]! + encoded[i + 1]!;
      return out;
    },
  };
}
