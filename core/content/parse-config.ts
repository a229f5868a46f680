/**
 * The set-up-once files (`config/publication`, `config/workstreams`) and the
 * editor's manifest (`issues/YYYY-MM/issue.(md|json)`), validated like updates.
 */
import type { z } from 'zod';
import { authorTextProblems } from './author-text.js';
import { checkMarkdown } from './markdown.js';
import { sortProblems, type Problem } from './problem.js';
import { checkSchema } from './schema-problems.js';
import {
  ManifestFrontMatterSchema,
  ManifestJsonSchema,
  PublicationSchema,
  WorkstreamsConfigSchema,
  type Manifest,
  type Publication,
  type Workstream,
} from './schema.js';
import { readSource } from './source-file.js';
import type { Located, Position } from './structured.js';

export type Parsed<T> = { value: T; problems: [] } | { value: undefined; problems: Problem[] };

function parseYamlOrJson<S extends z.ZodType>(schema: S, path: string, bytes: Uint8Array): Parsed<z.output<S>> & { fields?: Located } {
  const read = readSource(path, bytes, ['yaml', 'json']);
  if (!read.ok) return { value: undefined, problems: [read.problem] };
  const checked = checkSchema(schema, path, read.source.fields);
  const problems = [...checked.problems, ...authorTextProblems(path, read.source.fields)];
  return checked.data === undefined || problems.length ? { value: undefined, problems: sortProblems(problems) } : { value: checked.data, problems: [], fields: read.source.fields };
}

/** `config/publication.(yaml|json)`; its Markdown fields are checked like an update body. */
export function parsePublication(path: string, bytes: Uint8Array): Parsed<Publication> {
  const { fields, ...parsed } = parseYamlOrJson(PublicationSchema, path, bytes);
  if (!parsed.value) return parsed;
  const problems = markdownProblems(path, [
    ['purpose', parsed.value.purpose, fields?.locate(['purpose'])],
    ...parsed.value.gettingInvolved.map((t, i) => [`gettingInvolved[${i}]`, t, fields?.locate(['gettingInvolved', i])] as MarkdownField),
  ]);
  return problems.length ? { value: undefined, problems } : parsed;
}

/** `config/workstreams.(yaml|json)`, sorted by `order`. */
export function parseWorkstreams(path: string, bytes: Uint8Array): Parsed<Workstream[]> {
  const parsed = parseYamlOrJson(WorkstreamsConfigSchema, path, bytes);
  if (!parsed.value) return { value: undefined, problems: parsed.problems };
  return { value: [...parsed.value.workstreams].sort((a, b) => a.order - b.order), problems: [] };
}

/** `issues/YYYY-MM/issue.(md|json)`: ids it names must exist; its month must match the folder. */
export function parseManifest(path: string, bytes: Uint8Array, month: string, registry: readonly Workstream[]): Parsed<Manifest> {
  const read = readSource(path, bytes, ['markdown', 'json']);
  if (!read.ok) return { value: undefined, problems: [read.problem] };
  const { source } = read;
  const checked =
    source.kind === 'json' ? checkSchema(ManifestJsonSchema, path, source.fields) : checkSchema(ManifestFrontMatterSchema, path, source.fields);
  const policy = authorTextProblems(path, source.fields, source.kind === 'markdown' ? { text: source.body ?? '', line: source.bodyLine, field: 'intro' } : undefined);
  if (checked.data === undefined) return { value: undefined, problems: sortProblems([...checked.problems, ...policy]) };
  const manifest: Manifest = source.kind === 'json' ? checked.data : { ...checked.data, intro: source.body?.trim() || undefined };
  const problems: Problem[] = [...policy];
  if (manifest.month && manifest.month !== month) {
    problems.push({ path, ...source.fields.locate(['month']), field: 'month', message: `is ${manifest.month} but the file is in issues/${month}/` });
  }
  for (const key of ['order', 'skip'] as const) {
    for (const [i, id] of (manifest[key] ?? []).entries()) {
      if (!registry.some((w) => w.id === id)) {
        problems.push({ path, ...source.fields.locate([key, i]), field: `${key}[${i}]`, message: `"${id}" is not in config/workstreams` });
      }
    }
  }
  problems.push(
    ...markdownProblems(path, [
      // In `.md` the intro is the body: check it untrimmed so line numbers match the file.
      source.kind === 'json' ? ['intro', manifest.intro ?? '', source.fields.locate(['intro'])] : ['intro', source.body ?? '', undefined, source.bodyLine],
      ...(manifest.gettingInvolved ?? []).map((t, i) => [`gettingInvolved[${i}]`, t, source.fields.locate(['gettingInvolved', i])] as MarkdownField),
    ]),
  );
  return problems.length ? { value: undefined, problems: sortProblems(problems) } : { value: manifest, problems: [] };
}

/** Field name, Markdown text, where the field is, and (for a Markdown body) the file line the text starts on. */
type MarkdownField = [string, string, Position | undefined, number?];

function markdownProblems(path: string, fields: MarkdownField[]): Problem[] {
  return fields.flatMap(([field, text, at, bodyLine]) =>
    checkMarkdown(text).map((p) => ({
      path,
      ...(bodyLine !== undefined ? { line: bodyLine + (p.line ?? 0) } : at ? { line: at.line, col: at.col } : {}),
      field,
      message: p.message,
    })),
  );
}
