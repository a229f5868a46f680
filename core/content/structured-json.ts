/**
 * Strict JSON that remembers where every value came from. Duplicate keys and
 * nesting past MAX_NESTING are located problems, never silently accepted or
 * a stack overflow.
 */
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { MAX_NESTING, NESTING_MESSAGE, tooDeepAt } from './nesting.js';
import { fieldName } from './problem.js';
import type { Position, Structured } from './structured.js';

/** Parses strict JSON (no comments, no trailing commas). */
export function parseJson(path: string, text: string): Structured {
  const toPos = (offset: number): Position => positionIn(text, offset);
  // jsonc-parser recurses once per level: bound the nesting before it runs.
  const deep = tooDeepAt(text, 'json');
  if (deep !== undefined) return { ok: false, problem: { path, ...toPos(deep), field: 'json', message: NESTING_MESSAGE } };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const err = errors[0];
  if (err || !tree) {
    const code = err ? printParseErrorCode(err.error) : undefined;
    // The parser notices a trailing comma only at the next } or ]: point at the comma itself.
    const closing = /^[}\]]/.test(text.slice(err?.offset ?? 0));
    const comma = closing && (code === 'PropertyNameExpected' || code === 'ValueExpected') ? /,\s*$/.exec(text.slice(0, err!.offset)) : null;
    if (comma) return { ok: false, problem: { path, ...toPos(comma.index), field: 'json', message: 'invalid JSON: remove this trailing comma (JSON allows no comma before } or ])' } };
    const at = toPos(err?.offset ?? 0);
    const what = code ? jsonMessage(code) : 'no JSON value';
    return { ok: false, problem: { path, ...at, field: 'json', message: `invalid JSON: ${what}` } };
  }
  const locate = (segments: readonly PropertyKey[], key?: string): Position | undefined => {
    const segs = segments.map((s) => (typeof s === 'number' ? s : String(s)));
    for (let n = segs.length; n >= 0; n--) {
      const node: JsonNode | undefined = findNodeAtLocation(tree, segs.slice(0, n));
      if (!node) continue;
      if (n === segs.length && key !== undefined && node.type === 'object') {
        const prop = node.children?.find((c) => c.children?.[0]?.value === key);
        if (prop) return toPos(prop.offset);
      }
      // Point at the property (its key), not at the value's first character.
      return toPos(node.parent?.type === 'property' ? node.parent.offset : node.offset);
    }
    return undefined;
  };
  const twice = duplicateKey(tree);
  if (twice) {
    const first = toPos(twice.first.offset);
    return { ok: false, problem: { path, ...toPos(twice.second.offset), field: fieldName(twice.path), message: `is written twice (first at line ${first.line}); keep only one` } };
  }
  return { ok: true, value: { data: JSON.parse(text), locate } };
}

/** The first key repeated within one JSON object, at any depth (JSON.parse would silently keep the last). */
function duplicateKey(root: JsonNode): { path: PropertyKey[]; first: JsonNode; second: JsonNode } | undefined {
  const stack: [JsonNode, PropertyKey[]][] = [[root, []]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (at.length > MAX_NESTING) continue;
    const seen = new Map<string, JsonNode>();
    const children = node.children ?? [];
    const next: [JsonNode, PropertyKey[]][] = [];
    if (node.type === 'object') {
      for (const prop of children) {
        const [key, value] = prop.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (first) return { path: [...at, name], first, second: prop };
        seen.set(name, prop);
        if (value) next.push([value, [...at, name]]);
      }
    } else if (node.type === 'array') {
      children.forEach((child, i) => next.push([child, [...at, i]]));
    }
    stack.push(...next.reverse());
  }
  return undefined;
}

function jsonMessage(code: string): string {
  const words: Record<string, string> = {
    CommaExpected: 'a comma is missing',
    PropertyNameExpected: 'expected a "quoted" property name (is there a trailing comma?)',
    ValueExpected: 'expected a value (is there a trailing comma?)',
    ColonExpected: 'a colon is missing',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    EndOfFileExpected: 'unexpected text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'a string is not closed with "',
    InvalidSymbol: 'unexpected symbol (strings need "double quotes")',
    InvalidCharacter: 'a control character (such as a tab or line break) inside a string; write it as \\t or \\n',
    InvalidEscapeCharacter: 'an invalid escape after \\ in a string (write \\\\ for a backslash)',
    InvalidUnicode: 'an invalid \\u escape in a string',
    InvalidNumberFormat: 'a number is written wrongly (no leading zeros, no leading "." or "+")',
    UnexpectedEndOfNumber: 'a number is cut short',
  };
  return words[code] ?? code;
}

/** 1-based line and column of `offset` in `text`. */
export function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}
