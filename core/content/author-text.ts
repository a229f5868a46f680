/**
 * The author text policy, in one place: every string an author, editor or
 * administrator wrote — each value of the front matter or JSON, at any depth,
 * and the Markdown body line by line — is checked for what must never reach
 * a reader: placeholder syntax in any spelling a renderer or encoder could
 * turn into `%%{name}%%` (so author text can never become a per-recipient
 * value), invisible control and bidirectional-override characters, and
 * unedited starter text.
 */
import MarkdownIt from 'markdown-it';
import { fieldName, type Problem } from './problem.js';
import { hasStarterText, STARTER_MESSAGE } from './starter-update.js';
import type { Located } from './structured.js';

const { unescapeAll } = new MarkdownIt().utils;

/**
 * Rejected everywhere: C0 controls except TAB and LF, DEL, C1 controls, the
 * Unicode line/paragraph separators, the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and — deliberately — the direction
 * marks U+200E, U+200F and U+061C too: this is an English bulletin, the marks
 * are invisible, and in a Subject or a terminal they can still reorder what a
 * reader sees. Lone surrogates (from JSON `\ud800`) are rejected as broken text.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Invisible characters that could be slipped between the % and the { (soft hyphen, zero-width space/joiners, word joiner, BOM).
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const PLACEHOLDER = /%%\{|\}%%/;

/** Problems in one string: what is wrong with it, in the order the rules are listed above. */
export function textProblems(text: string): string[] {
  const found: string[] = [];
  const control = CONTROL.exec(text);
  if (control) found.push(`contains the invisible control character ${codePoint(control[0])}; delete it (retype the text around it if you cannot see it)`);
  if (PLACEHOLDER.test(decoded(text))) found.push('contains placeholder syntax ("%%{" or "}%%"), which only the email template may use; remove it');
  if (hasStarterText(text)) found.push(STARTER_MESSAGE);
  return found;
}

/**
 * Every policy problem in a parsed file: each string value of `fields`
 * (located at its field) and, for Markdown files, each line of `body`
 * (located at its line in the file, `bodyLine` being the body's first line).
 */
export function authorTextProblems(path: string, fields: Located, body?: { text: string; line: number | undefined; field?: string }): Problem[] {
  const problems: Problem[] = [];
  // Without recursion: nesting is bounded already, but this walk must never be what overflows.
  const stack: [unknown, PropertyKey[]][] = [[fields.data, []]];
  while (stack.length) {
    const [value, at] = stack.pop()!;
    if (typeof value === 'string') {
      for (const message of textProblems(value)) problems.push({ path, ...fields.locate(at), field: fieldName(at) || '(top level)', message });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...at, i]]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value).reverse()) stack.push([v, [...at, k]]);
    }
  }
  if (body) {
    body.text.split('\n').forEach((line, i) => {
      for (const message of textProblems(line)) problems.push({ path, ...(body.line === undefined ? {} : { line: body.line + i }), field: body.field ?? 'body', message });
    });
  }
  return problems;
}

/** `text` with every decoding a renderer or client may apply — Markdown escapes, HTML entities, percent-encoding, compatibility forms — done until nothing changes. */
function decoded(text: string): string {
  let current = text;
  for (let round = 0; round < 8; round++) {
    const next = unescapeAll(current.normalize('NFKC').replace(INVISIBLE, '')).replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

function codePoint(c: string): string {
  const names: Record<number, string> = { 0x07: 'bell', 0x08: 'backspace', 0x0d: 'carriage return', 0x1b: 'escape', 0x7f: 'delete', 0x202e: 'right-to-left override', 0x202d: 'left-to-right override' };
  const n = c.codePointAt(0)!;
  return `U+${n.toString(16).toUpperCase().padStart(4, '0')}${names[n] ? ` (${names[n]})` : ''}`;
}
