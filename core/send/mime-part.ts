/**
 * A personalisable MIME body part, quoted-printable encoded ONCE per issue.
 *
 * Quoted-printable is line-local, so each static piece of the template is
 * encoded on its own and ends in a soft line break (`=` CRLF), which
 * decoders remove; each slot value is encoded on its own the same way. So a
 * soft break never falls inside a slot, no encoded line passes 76
 * characters, and the decoded body is exactly `personalise(template,
 * values)` — at the cost of encoding a ~100-character URL per recipient,
 * not re-encoding ~40 KB. The pieces are kept as Buffers (QP is ASCII), so
 * a message is a list of shared chunks plus a few small new ones.
 */
import { encode, wrap } from 'nodemailer/lib/qp';
import { escapeValues, type CompiledTemplate, type Values } from './personalise.js';

/** Leaves room for the `=` of the soft break we append, so no line passes 76 characters. */
const LINE = 75;
const SOFT_BREAK = '=\r\n';

/** A body part encoded once per issue; `fill` pushes one recipient's chunks, safe to call for every recipient. */
export interface MimePartTemplate {
  readonly contentType: string;
  /**
   * Appends the raw part (headers, blank line, encoded body) for one recipient to `out`.
   * `encoded` is shared by the parts of one message: a slot value that escapes to the
   * same text in both parts (a URL) is quoted-printable encoded once.
   */
  fill(values: Values, out: Buffer[], encoded?: Map<string, Buffer>): void;
}

function crlf(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

/** `s` (UTF-8) as quoted-printable, CRLF line ends, soft-wrapped at 75 characters. */
export function qp(s: string): string {
  return wrap(encode(Buffer.from(crlf(s), 'utf8')), LINE);
}

/** Pre-encodes `template` as a `quoted-printable` part of type `contentType` (UTF-8). */
export function compileMimePart(template: CompiledTemplate, contentType: string): MimePartTemplate {
  const head = `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
  const last = template.parts.length - 1;
  const pieces = template.parts.map((p, i) => Buffer.from((i === 0 ? head : '') + qp(p) + (i < last ? SOFT_BREAK : ''), 'latin1'));
  const { slots } = template;
  return {
    contentType,
    fill(values, out, shared = new Map()) {
      const escaped = escapeValues(template, values);
      const enc: Record<string, Buffer> = {};
      for (const name of template.placeholders) {
        const text = escaped[name]!;
        let bytes = shared.get(text);
        if (!bytes) shared.set(text, (bytes = Buffer.from(qp(text) + SOFT_BREAK, 'latin1')));
        enc[name] = bytes;
      }
      out.push(pieces[0]!);
      for (let i = 0; i < slots.length; i++) out.push(enc[slots[i]!]!, pieces[i + 1]!);
    },
  };
}
