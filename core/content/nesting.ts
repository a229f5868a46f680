/**
 * Bounds on how deeply author data may nest. Parsers, schema checks and
 * position look-ups recurse over nesting, so a file of ten thousand `[` must
 * become one located problem before any of them runs, never a stack overflow.
 * No real update nests deeper than four levels.
 */

/** Deepest nesting of lists and mappings accepted in any content file. */
export const MAX_NESTING = 64;

export const NESTING_MESSAGE = `nesting is deeper than ${MAX_NESTING} levels; no content file needs lists or mappings nested this deep`;

/**
 * Offset of the first `[` or `{` that opens level MAX_NESTING + 1 outside
 * strings (and, for YAML, outside quoted scalars and comments), or undefined.
 * Exact for JSON; for YAML flow collections it may miss a bracket inside a
 * plain scalar, which the node-depth check after parsing still catches.
 */
export function tooDeepAt(text: string, syntax: 'json' | 'yaml'): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const prev = i > 0 ? text[i - 1]! : '\n';
    if (c === '"' && (syntax === 'json' || /[\s[{,:]/.test(prev))) {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (syntax === 'yaml' && c === "'" && /[\s[{,:]/.test(prev)) {
      for (i++; i < text.length; i++) if (text[i] === "'" && text[++i] !== "'") break;
    } else if (syntax === 'yaml' && c === '#' && /\s/.test(prev)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * Walks `root` without recursion and returns the first value nested deeper
 * than MAX_NESTING (as the path of keys leading to it), or undefined.
 */
export function tooDeepPath(root: unknown): PropertyKey[] | undefined {
  const stack: [unknown, PropertyKey[]][] = [[root, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_NESTING) return path;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k, v] of entries) stack.push([v, [...path, k]]);
  }
  return undefined;
}
