/**
 * Runs a zod schema over located data and turns every issue into a Problem
 * pointing at the offending line — with a "did you mean" for typo'd fields.
 */
import type { z } from 'zod';
import { fieldName, type Problem } from './problem.js';
import type { Located } from './structured.js';

export type Checked<T> = { data: T; problems: [] } | { data: undefined; problems: Problem[] };

export function checkSchema<S extends z.ZodType>(schema: S, path: string, located: Located): Checked<z.output<S>> {
  const result = schema.safeParse(located.data, { reportInput: true });
  if (result.success) return { data: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const hint = closest(key, known);
        problems.push({
          path,
          ...located.locate(issue.path, key),
          field: fieldName([...issue.path, key]),
          message: `unknown field${hint ? `; did you mean "${hint}"?` : known.length ? `; allowed fields: ${known.join(', ')}` : ''}`,
        });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const field = fieldName(issue.path) || '(top level)';
    problems.push({
      path,
      ...located.locate(issue.path.length ? issue.path.slice(0, -1) : [], missing ? String(issue.path.at(-1)) : undefined),
      ...(missing ? {} : located.locate(issue.path)),
      field,
      message: missing ? 'is required' : describe(issue),
    });
  }
  return { data: undefined, problems };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'number') {
    // YAML `.inf`/`.nan` and JSON `1e999` are numbers to the parser, but nothing can count or chart them.
    return `must be a finite number, not ${String(issue.input)}`;
  }
  if (issue.code === 'invalid_type') {
    const got = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'a list' : typeof issue.input;
    if (issue.message.startsWith('Invalid input')) return `must be ${article(issue.expected)}, not ${got === 'object' ? 'a mapping' : got}`;
    return `${issue.message} (got ${got === 'string' ? JSON.stringify(issue.input) : got})`;
  }
  return issue.message;
}

function article(expected: string): string {
  const words: Record<string, string> = { array: 'a list', object: 'a mapping of fields', string: 'text', number: 'a number', boolean: 'true or false' };
  return words[expected] ?? expected;
}

/** Field names the schema allows at `path` (used to suggest a fix for a typo). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of path) {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'array' && typeof seg === 'number') s = def.element;
    else if (def?.type === 'object' && typeof seg === 'string') s = def.shape?.[seg];
    else return [];
  }
  const def = (unwrap(s) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown; in?: unknown } };
  for (let i = 0; i < 10 && cur?.def; i++) {
    const t = cur.def.type;
    if (t === 'optional' || t === 'default' || t === 'nullable') cur = cur.def.innerType as typeof cur;
    else if (t === 'pipe') cur = cur.def.in as typeof cur;
    else break;
  }
  return cur;
}

/** Nearest known key within edit distance 2 (case-insensitive), if any. */
function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
