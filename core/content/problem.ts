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

/** `path:line:col: field: message` — line and column only where known. */
export function formatProblem(p: Problem): string {
  const where = [p.path, p.line, p.line !== undefined ? p.col : undefined].filter((x) => x !== undefined).join(':');
  return `${where}: ${p.field}: ${oneLine(p.message)}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
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
