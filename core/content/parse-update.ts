/**
 * One author's file → a validated Update, or the list of problems with it.
 * Never throws for bad input: every failure is a located Problem.
 */
import { authorTextProblems } from './author-text.js';
import { checkMarkdown } from './markdown.js';
import { sortProblems, type Problem } from './problem.js';
import { checkSchema } from './schema-problems.js';
import { MonthSchema, UpdateFrontMatterSchema, UpdateJsonSchema, type UpdateInput, type Workstream } from './schema.js';
import { readSource } from './source-file.js';

/** A valid update, as published. */
export interface Update extends UpdateInput {
  /** Content path it came from. */
  path: string;
}

export type ParsedUpdate = { update: Update; problems: [] } | { update: undefined; problems: Problem[] };

const UPDATE_PATH = /^updates\/([^/]+)\/([^/]+?)(\.[^./]+)?$/;

/** Validates `updates/YYYY-MM/<workstream>.(md|json)` against the schema, its folder and the registry. */
export function parseUpdate(path: string, bytes: Uint8Array, registry: readonly Workstream[]): ParsedUpdate {
  const fail = (...problems: Problem[]): ParsedUpdate => ({ update: undefined, problems });
  const m = UPDATE_PATH.exec(path);
  if (!m) return fail({ path, field: 'file', message: 'updates live at updates/YYYY-MM/<workstream-id>.md (or .json)' });
  const [, folderMonth, fileName] = m as unknown as [string, string, string];
  if (!MonthSchema.safeParse(folderMonth).success) {
    return fail({ path, field: 'file', message: `folder "${folderMonth}" is not a month; use updates/YYYY-MM/` });
  }
  const read = readSource(path, bytes, ['markdown', 'json']);
  if (!read.ok) return fail(read.problem);
  const { source } = read;
  const checked =
    source.kind === 'json'
      ? checkSchema(UpdateJsonSchema, path, source.fields)
      : checkSchema(UpdateFrontMatterSchema, path, source.fields);
  const problems: Problem[] = [...checked.problems];
  const data = checked.data as Partial<UpdateInput> | undefined;
  const raw = (source.fields.data ?? {}) as Record<string, unknown>;
  const month = data?.month ?? (typeof raw.month === 'string' ? raw.month : undefined);
  const workstream = data?.workstream ?? (typeof raw.workstream === 'string' ? raw.workstream : undefined);
  if (month !== undefined && month !== folderMonth && MonthSchema.safeParse(month).success) {
    problems.push({ path, ...source.fields.locate(['month']), field: 'month', message: `is ${month} but the file is in updates/${folderMonth}/; move the file or fix the month` });
  }
  if (workstream !== undefined) {
    const known = registry.some((w) => w.id === workstream);
    if (!known) {
      problems.push({ path, ...source.fields.locate(['workstream']), field: 'workstream', message: `"${workstream}" is not in config/workstreams; known ids: ${registry.map((w) => w.id).join(', ')}` });
    } else if (workstream !== fileName) {
      problems.push({ path, ...source.fields.locate(['workstream']), field: 'workstream', message: `is "${workstream}" but the file is named ${fileName}; name the file ${workstream}${m[3] ?? ''}` });
    }
  }
  const body = source.kind === 'json' ? (typeof raw.body === 'string' ? raw.body : '') : (source.body ?? '');
  const bodyLine = source.kind === 'json' ? source.fields.locate(['body'])?.line : source.bodyLine;
  for (const p of checkMarkdown(body)) {
    // In JSON the body is one string: point at the field rather than guess a line inside it.
    problems.push({ path, field: 'body', message: p.message, ...(bodyLine !== undefined ? { line: source.kind === 'json' ? bodyLine : bodyLine + (p.line ?? 0) } : {}) });
  }
  problems.push(...authorTextProblems(path, source.fields, source.kind === 'markdown' ? { text: body, line: bodyLine } : undefined));
  if (!body.trim()) problems.push({ path, ...(source.bodyLine ? { line: source.bodyLine } : source.fields.locate(['body'])), field: 'body', message: 'is empty; write the update text' });
  if (problems.length || !data) return fail(...sortProblems(problems));
  return { update: { ...(data as UpdateInput), body, path }, problems: [] };
}
