import * as z from 'zod';
import {
  ManifestFrontMatterSchema,
  ManifestJsonSchema,
  PublicationSchema,
  UpdateFrontMatterSchema,
  UpdateJsonSchema,
  WorkstreamsConfigSchema,
} from './schema.js';

/** JSON Schema (draft 2020-12) for every content file, generated from the zod schemas: file name → schema. */
export function jsonSchemas(): Record<string, object> {
  const entries: [string, z.ZodType, string][] = [
    ['update.schema.json', UpdateJsonSchema, 'An update, JSON form: updates/YYYY-MM/<workstream-id>.json'],
    ['update-front-matter.schema.json', UpdateFrontMatterSchema, 'The YAML front matter of updates/YYYY-MM/<workstream-id>.md'],
    ['issue.schema.json', ManifestJsonSchema, "The editor's manifest, JSON form: issues/YYYY-MM/issue.json"],
    ['issue-front-matter.schema.json', ManifestFrontMatterSchema, 'The YAML front matter of issues/YYYY-MM/issue.md'],
    ['publication.schema.json', PublicationSchema, 'config/publication.(yaml|json)'],
    ['workstreams.schema.json', WorkstreamsConfigSchema, 'config/workstreams.(yaml|json)'],
  ];
  return Object.fromEntries(
    entries.map(([name, schema, title]) => [name, { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title }]),
  );
}
