/**
 * YAML and JSON parsing that remembers where every value came from, so a
 * schema problem at `links[0].url` can be reported at its line and column.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Document, type Node as YamlNode } from 'yaml';
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
    // The parser notices a missing closing quote where the text ends: point at the quote that was opened instead.
    const quote = err.code === 'MISSING_CHAR' && /quote/i.test(err.message) ? unclosedQuoteStart(doc, err.pos[0]) : undefined;
    const at = shift(quote ?? err.pos[0]);
    return { ok: false, problem: { path, ...at, field, message: `invalid YAML: ${yamlMessage(err.message)}` } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) ?? null;
  } catch (e) {
    // Unresolved aliases and alias bombs only surface here; they are still the author's mistake.
    const at = firstAlias(doc);
    return { ok: false, problem: { path, ...(at === undefined ? {} : shift(at)), field, message: `invalid YAML: ${yamlMessage((e as Error).message)}` } };
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
  return { ok: true, value: { data, locate } };
}

/** Where a quoted scalar that runs to `end` (because its closing quote is missing) was opened. */
function unclosedQuoteStart(doc: Document, end: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[1] >= end) start ??= node.range[0];
    },
  });
  return start;
}

function firstAlias(doc: Document): number | undefined {
  let at: number | undefined;
  visit(doc, { Alias(_, node) { at ??= node.range?.[0]; } });
  return at;
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
    InvalidCharacter: 'a control character (such as a tab or line break) inside a string; write it as \\t or \\n',
    InvalidEscapeCharacter: 'an invalid escape after \\ in a string (write \\\\ for a backslash)',
    InvalidUnicode: 'an invalid \\u escape in a string',
    InvalidNumberFormat: 'a number is written wrongly (no leading zeros, no leading "." or "+")',
    UnexpectedEndOfNumber: 'a number is cut short',
  };
  return words[code] ?? code;
}
