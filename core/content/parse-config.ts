/**
 * The set-up-once files (`config/publication`, `config/workstreams`) and the
 * editor's manifest (`issues/YYYY-MM/issue.(md|json)`), validated like updates.
 */
import type { z } from 'zod';
import { checkMarkdown } from './markdown.js';
import type { Problem } from './problem.js';
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

export type Parsed<T> = { value: T; problems: [] } | { value: undefined; problems: Problem[] };

function parseYamlOrJson<S extends z.ZodType>(schema: S, path: string, bytes: Uint8Array): Parsed<z.output<S>> {
  const read = readSource(path, bytes, ['yaml', 'json']);
  if (!read.ok) return { value: undefined, problems: [read.problem] };
  const checked = checkSchema(schema, path, read.source.fields);
  return checked.data === undefined ? { value: undefined, problems: checked.problems } : { value: checked.data, problems: [] };
}

/** `config/publication.(yaml|json)`; its Markdown fields are checked like an update body. */
export function parsePublication(path: string, bytes: Uint8Array): Parsed<Publication> {
  const parsed = parseYamlOrJson(PublicationSchema, path, bytes);
  if (!parsed.value) return parsed;
  const problems = markdownProblems(path, [
    ['purpose', parsed.value.purpose],
    ...parsed.value.gettingInvolved.map((t, i) => [`gettingInvolved[${i}]`, t] as [string, string]),
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
  if (checked.data === undefined) return { value: undefined, problems: checked.problems };
  const manifest: Manifest = source.kind === 'json' ? checked.data : { ...checked.data, intro: source.body?.trim() || undefined };
  const problems: Problem[] = [];
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
      ['intro', manifest.intro ?? ''],
      ...(manifest.gettingInvolved ?? []).map((t, i) => [`gettingInvolved[${i}]`, t] as [string, string]),
    ]),
  );
  return problems.length ? { value: undefined, problems } : { value: manifest, problems: [] };
}

function markdownProblems(path: string, fields: [string, string][]): Problem[] {
  return fields.flatMap(([field, text]) => checkMarkdown(text).map((p) => ({ path, field, message: p.message })));
}
