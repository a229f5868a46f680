/**
 * The first steps every content file goes through: decode the bytes, then
 * read YAML front matter + Markdown body (`.md`/.markdown`) or JSON (`.json`)
 * or YAML (`.yaml`/`.yml`), remembering positions for later messages.
 */
import { decodeText } from './decode.js';
import type { Problem } from './problem.js';
import { parseJson, parseYaml, type Located } from './structured.js';

export type SourceKind = 'markdown' | 'json' | 'yaml';

export interface SourceFile {
  kind: SourceKind;
  /** Front matter (Markdown) or the whole document (JSON/YAML). */
  fields: Located;
  /** Markdown body, for `.md` files. */
  body?: string;
  /** 1-based file line on which the body starts. */
  bodyLine?: number;
}

export type ReadSource = { ok: true; source: SourceFile } | { ok: false; problem: Problem };

/** Kind of a content file from its name, or undefined when unsupported. */
export function sourceKind(path: string, allowed: readonly SourceKind[]): SourceKind | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const kind: SourceKind | undefined =
    ext === 'md' || ext === 'markdown' ? 'markdown' : ext === 'json' ? 'json' : ext === 'yaml' || ext === 'yml' ? 'yaml' : undefined;
  return kind && allowed.includes(kind) ? kind : undefined;
}

export function readSource(path: string, bytes: Uint8Array, allowed: readonly SourceKind[]): ReadSource {
  const kind = sourceKind(path, allowed);
  if (!kind) {
    const names = allowed.map((k) => (k === 'markdown' ? '.md' : `.${k}`)).join(' or ');
    return { ok: false, problem: { path, field: 'file', message: `unsupported file type; use ${names}` } };
  }
  const decoded = decodeText(path, bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text;
  if (!text.trim()) return { ok: false, problem: { path, line: 1, field: 'file', message: 'file has only white space; write the content, or delete it' } };
  if (kind === 'json') {
    const parsed = parseJson(path, text);
    return parsed.ok ? { ok: true, source: { kind, fields: parsed.value } } : parsed;
  }
  if (kind === 'yaml') {
    const parsed = parseYaml(path, text, 'yaml');
    return parsed.ok ? { ok: true, source: { kind, fields: parsed.value } } : parsed;
  }
  const fm = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (!fm) {
    if (/^---[ \t]*\n/.test(text)) {
      return { ok: false, problem: { path, line: 1, col: 1, field: 'front matter', message: 'the front matter block that starts here is never closed; end it with a line "---" before the text' } };
    }
    return {
      ok: false,
      problem: { path, line: 1, col: 1, field: 'front matter', message: 'the file must start with a front matter block between two "---" lines (see README: "Writing an update")' },
    };
  }
  const parsed = parseYaml(path, fm[1] ?? '', 'front matter', 2);
  if (!parsed.ok) return parsed;
  const bodyLine = fm[0].split('\n').length - (fm[0].endsWith('\n') ? 1 : 0) + 1;
  return { ok: true, source: { kind, fields: parsed.value, body: text.slice(fm[0].length), bodyLine } };
}
