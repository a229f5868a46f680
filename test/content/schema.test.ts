/**
 * The zod schemas are the single source of truth: the committed JSON Schemas
 * in schema/ must be exactly what they generate, unknown fields are errors,
 * and the sample content passes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../core/content/json-schemas.js';
import { readSource } from '../../core/content/source-file.js';
import {
  DateSchema,
  isSafeUrl,
  ManifestFrontMatterSchema,
  MonthSchema,
  PublicationSchema,
  UpdateFrontMatterSchema,
  UpdateJsonSchema,
  WorkstreamsConfigSchema,
} from '../../core/content/schema.js';
import { REPO, SAMPLE_CONTENT } from './fixture-copy.js';

const SCHEMA_DIR = join(REPO, 'schema');

describe('schema/*.json', () => {
  it('lists exactly the files jsonSchemas() generates', async () => {
    // Act
    const committed = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith('.json')).sort();

    // Assert
    expect(committed, 'schema/ is out of date: run `npm run schema`').toEqual(Object.keys(jsonSchemas()).sort());
  });

  it.each(Object.entries(jsonSchemas()))('%s is what the zod schema generates, byte for byte', async (name, schema) => {
    // Arrange
    const expected = `${JSON.stringify(schema, null, 2)}\n`;

    // Act
    const committed = await readFile(join(SCHEMA_DIR, name), 'utf8');

    // Assert
    expect(committed, `schema/${name} has drifted from core/content/schema.ts: run \`npm run schema\` and commit the result`).toBe(expected);
  });

  it('tells editors that unknown fields are not allowed, at every level', () => {
    // Act
    const update = jsonSchemas()['update.schema.json'] as {
      additionalProperties: boolean;
      required: string[];
      properties: { links: { items: { additionalProperties: boolean } } };
    };

    // Assert
    expect(update.additionalProperties).toBe(false);
    expect(update.properties.links.items.additionalProperties).toBe(false);
    expect(update.required).toEqual(expect.arrayContaining(['workstream', 'month', 'body']));
  });
});

describe('unknown fields are errors', () => {
  const valid = { workstream: 'civil-liberties', month: '2010-07', body: 'Text.' };

  it.each([
    ['a top-level typo', { ...valid, summry: 'x' }, []],
    ['a typo inside a link', { ...valid, links: [{ label: 'x', url: 'https://example.org', lable: 'y' }] }, ['links', 0]],
    ['a typo inside a figure', { ...valid, figures: [{ label: 'x', value: 1, units: 'h' }] }, ['figures', 0]],
    ['a typo inside the contact block', { ...valid, contact: { email: 'a@example.org', emial: 'b@example.org' } }, ['contact']],
  ])('the update schema rejects %s', (_, input, path) => {
    // Act
    const result = UpdateJsonSchema.safeParse(input);

    // Assert
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue?.path).toEqual(path);
  });

  it('the front matter schema has no body field (the body follows the front matter)', () => {
    expect(UpdateFrontMatterSchema.safeParse({ ...valid }).success).toBe(false);
    expect(UpdateFrontMatterSchema.safeParse({ workstream: 'civil-liberties', month: '2010-07' }).success).toBe(true);
  });

  it('the manifest, publication and registry schemas reject unknown fields too', () => {
    expect(ManifestFrontMatterSchema.safeParse({ status: 'draft', staus: 'approved' }).success).toBe(false);
    expect(WorkstreamsConfigSchema.safeParse({ workstreams: [{ id: 'a', title: 'A', owner: 'a@example.org', order: 1, colour: 'red' }] }).success).toBe(false);
    expect(PublicationSchema.safeParse({ nmae: 'x' }).success).toBe(false);
  });
});

describe('the sample content passes the schemas as written', () => {
  const files = [
    ['config/publication.yaml', PublicationSchema],
    ['config/workstreams.yaml', WorkstreamsConfigSchema],
  ] as const;

  it.each(files)('%s', async (key, schema) => {
    // Arrange
    const read = readSource(key, await readFile(join(SAMPLE_CONTENT, key)), ['yaml']);
    if (!read.ok) throw new Error(read.problem.message);

    // Act
    const result = schema.safeParse(read.source.fields.data);

    // Assert
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('every sample update (Markdown front matter or JSON)', async () => {
    // Arrange
    const keys: string[] = [];
    for (const month of await readdir(join(SAMPLE_CONTENT, 'updates'))) {
      for (const name of await readdir(join(SAMPLE_CONTENT, 'updates', month))) keys.push(`updates/${month}/${name}`);
    }

    // Act
    const failures: string[] = [];
    for (const key of keys) {
      const read = readSource(key, await readFile(join(SAMPLE_CONTENT, key)), ['markdown', 'json']);
      if (!read.ok) {
        failures.push(`${key}: ${read.problem.message}`);
        continue;
      }
      const schema = read.source.kind === 'json' ? UpdateJsonSchema : UpdateFrontMatterSchema;
      const result = schema.safeParse(read.source.fields.data);
      if (!result.success) failures.push(`${key}: ${result.error.message}`);
    }

    // Assert
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(failures).toEqual([]);
  });
});

describe('field rules', () => {
  it.each([
    ['https://www.mpa.gov.uk/', true],
    ['http://www.mpa.gov.uk/work/', true],
    ['mailto:dna@mpa.gov.uk', true],
    ['tel:+442079460000', true],
    [' https://example.org ', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['vbscript:msgbox(1)', false],
    ['file:///etc/passwd', false],
    ['//evil.example/', false],
    ['/committees/', false],
    ['www.mpa.gov.uk', false],
    ['', false],
  ])('isSafeUrl(%j) is %s', (url, safe) => {
    expect(isSafeUrl(url)).toBe(safe);
  });

  it.each([
    ['2010-08-31', true],
    ['2012-02-29', true],
    ['2011-02-29', false],
    ['2011-02-30', false],
    ['2010-13-01', false],
    ['2010-8-31', false],
    ['31/08/2010', false],
  ])('DateSchema accepts %s: %s', (date, ok) => {
    expect(DateSchema.safeParse(date).success).toBe(ok);
  });

  it.each([
    ['2010-07', true],
    ['2010-12', true],
    ['2010-13', false],
    ['2010-00', false],
    ['2010-7', false],
    ['July 2010', false],
  ])('MonthSchema accepts %s: %s', (month, ok) => {
    expect(MonthSchema.safeParse(month).success).toBe(ok);
  });

  it('limits a summary to 200 characters', () => {
    const base = { workstream: 'civil-liberties', month: '2010-07' };
    expect(UpdateFrontMatterSchema.safeParse({ ...base, summary: 'x'.repeat(200) }).success).toBe(true);
    expect(UpdateFrontMatterSchema.safeParse({ ...base, summary: 'x'.repeat(201) }).success).toBe(false);
  });
});

describe('unsubscribeBaseUrl', () => {
  const sample = async () => (await import('yaml')).parse(await readFile(join(SAMPLE_CONTENT, 'config', 'publication.yaml'), 'utf8')) as Record<string, unknown>;
  it.each(['https://api.example.org', 'http://127.0.0.1:4010', 'http://localhost:8080/api'])('accepts %s', async (url) => {
    expect(PublicationSchema.safeParse({ ...(await sample()), unsubscribeBaseUrl: url }).success).toBe(true);
  });
  it.each(['http://api.example.org', 'http://127.0.0.1.example.org', 'http://localhost.evil.org/', 'ftp://127.0.0.1', 'javascript:alert(1)'])('refuses %s: https, or http only on loopback', async (url) => {
    expect(PublicationSchema.safeParse({ ...(await sample()), unsubscribeBaseUrl: url }).success).toBe(false);
  });
});
