/**
 * Expected failures are data: one Problem per thing an author must fix.
 * `formatProblem` gives the one-line form every surface prints:
 * `path:line:col: field: message`.
 */
export interface Problem {
  /** Content path, e.g. `updates/2010-07/civil-liberties.md`. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  /** The field at fault, e.g. `links[0].url`, `body`, `file`, `encoding`. */
  field: string;
  message: string;
}

/**
 * `path:line:col: field: message` — line and column only where known. Always
 * one printable line: problems quote author input (file names, keys, values),
 * so every control, bidi or separator character is shown escaped (`\u001b`),
 * never sent raw to a terminal or a log.
 */
export function formatProblem(p: Problem): string {
  const where = [p.path, p.line, p.line !== undefined ? p.col : undefined].filter((x) => x !== undefined).join(':');
  return visible(`${where}: ${p.field}: ${oneLine(p.message)}`);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

// C0 (TAB included: it would misalign the line), DEL, C1, line/paragraph separators, bidi controls and marks, lone surrogates.
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` with every unprintable character shown escaped, as in `formatProblem`: safe on one line of a terminal, log or plain-text email. */
export function visible(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Problems in file order: by line, then column; problems without a line first. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Renders a zod-style path (`['links', 0, 'url']`) as `links[0].url`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
