/**
 * YAML and JSON parsing that remembers where every value came from, so a
 * schema problem at `links[0].url` can be reported at its line and column.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Problem } from './problem.js';

export interface Position {
  line: number;
  col: number;
}

/** Parsed data plus a way back from a path to its source position. */
export interface Located {
  data: unknown;
  /** Position of the value at `path` (or of the key, for a missing/unknown key); the nearest ancestor otherwise. */
  locate(path: readonly PropertyKey[], key?: string): Position | undefined;
}

export type Structured = { ok: true; value: Located } | { ok: false; problem: Problem };

/** Parses YAML text whose first line is line `firstLine` of the file. */
export function parseYaml(path: string, text: string, field: string, firstLine = 1): Structured {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const shift = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + firstLine - 1, col: p.col };
  };
  const err = doc.errors[0];
  if (err) {
    const at = shift(err.pos[0]);
    return { ok: false, problem: { path, ...at, field, message: `invalid YAML: ${yamlMessage(err.message)}` } };
  }
  const locate = (segments: readonly PropertyKey[], key?: string): Position | undefined => {
    let node: unknown = doc.contents;
    let best = offsetOf(node);
    for (const seg of [...segments, ...(key === undefined ? [] : [key])]) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        best = offsetOf(pair.key) ?? best;
        node = pair.value;
        if (seg !== key) best = offsetOf(node) ?? best;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        best = offsetOf(node) ?? best;
      } else break;
    }
    return best === undefined ? undefined : shift(best);
  };
  return { ok: true, value: { data: doc.toJS({ maxAliasCount: 50 }) ?? null, locate } };
}

function offsetOf(node: unknown): number | undefined {
  return (node as YamlNode | undefined)?.range?.[0];
}

function yamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses strict JSON (no comments, no trailing commas). */
export function parseJson(path: string, text: string): Structured {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const toPos = (offset: number): Position => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, col: before.at(-1)!.length + 1 };
  };
  const err = errors[0];
  if (err || !tree) {
    const at = toPos(err?.offset ?? 0);
    const what = err ? jsonMessage(printParseErrorCode(err.error)) : 'no JSON value';
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
  return { ok: true, value: { data: JSON.parse(text), locate } };
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
  };
  return words[code] ?? code;
}
