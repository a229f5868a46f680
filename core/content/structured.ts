/**
 * YAML and JSON parsing that remembers where every value came from, so a
 * schema problem at `links[0].url` can be reported at its line and column.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Document, type Node as YamlNode } from 'yaml';
import { NESTING_MESSAGE, tooDeepAt, tooDeepPath } from './nesting.js';
import type { Problem } from './problem.js';
import { positionIn } from './structured-json.js';

export { parseJson } from './structured-json.js';

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
  const shift = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + firstLine - 1, col: p.col };
  };
  const fail = (offset: number | undefined, message: string): Structured => ({ ok: false, problem: { path, ...(offset === undefined ? {} : shift(offset)), field, message } });
  const deep = tooDeepAt(text, 'yaml');
  if (deep !== undefined) {
    // The parser never ran, so the line counter knows no lines yet.
    const at = positionIn(text, deep);
    return { ok: false, problem: { path, line: at.line + firstLine - 1, col: at.col, field, message: NESTING_MESSAGE } };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  // The parser turns its own stack overflow into an error; say what the author can do about it.
  if (err?.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(err.message)) return fail(err.pos[0], NESTING_MESSAGE);
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
    return fail(at, `invalid YAML: ${(e as Error).name === 'RangeError' ? NESTING_MESSAGE : yamlMessage((e as Error).message)}`);
  }
  const tag = firstTag(doc.contents);
  if (tag) return fail(tag.range?.[0], `invalid YAML: tags such as "${tag.tag}" are not supported; remove it and write the value plainly`);
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
  const tooDeep = tooDeepPath(data);
  if (tooDeep) return { ok: false, problem: { path, ...locate(tooDeep), field, message: NESTING_MESSAGE } };
  return { ok: true, value: { data, locate } };
}

/** The first node with an explicit tag (`!foo`, `!!binary`, `!!js/function`), found without recursion; nesting is already bounded. */
function firstTag(root: unknown): (YamlNode & { tag?: string }) | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as (YamlNode & { tag?: string }) | undefined;
    if (!node || typeof node !== 'object') continue;
    if (node.tag) return node;
    if (isMap(node)) for (const p of [...node.items].reverse()) stack.push(p.value, p.key);
    else if (isSeq(node)) stack.push(...[...node.items].reverse());
  }
  return undefined;
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
