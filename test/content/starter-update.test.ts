/**
 * `bulletin new` writes what `starterUpdate` returns: for every workstream
 * and both formats it passes validation except for its starter text, which
 * is reported at every place it is left — so an unedited (or half-edited)
 * starter can never be published.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { STARTER_MESSAGE, starterUpdate } from '../../core/content/starter-update.js';
import { SAMPLE_CONTENT } from './fixture-copy.js';

const key = 'config/workstreams.yaml';
const registry = parseWorkstreams(key, await readFile(join(SAMPLE_CONTENT, key))).value!;
const encode = (text: string) => new TextEncoder().encode(text);

describe.each(['md', 'json'] as const)('a .%s starter', (format) => {
  it.each(registry.map((w) => [w.id, w] as const))('for %s fails only because of its starter text, located where it is', (id, ws) => {
    // Arrange
    const path = `updates/2011-02/${id}.${format}`;
    const text = starterUpdate(ws, '2011-02', format);

    // Act
    const result = parseUpdate(path, encode(text), registry);

    // Assert
    expect(result.update).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p.message, formatProblem(p)).toBe(STARTER_MESSAGE);
      expect(p.line, formatProblem(p)).toBeDefined();
    }
    const fields = result.problems.map((p) => p.field);
    expect(fields).toContain('summary');
    expect(fields).toContain('body');
    if (format === 'md') {
      const fileLines = text.split('\n');
      for (const p of result.problems) expect(fileLines[p.line! - 1]).toMatch(/STARTER TEXT:/);
    }
  });
});

it('still reports what is left when the author replaced only some of the starter text', () => {
  // Arrange
  const specials = registry.find((w) => w.id === 'specials')!;
  const path = 'updates/2011-02/specials.md';
  const text = starterUpdate(specials, '2011-02', 'md')
    .replace(/summary: ".*"/, 'summary: "Recruitment is up"')
    .replace(/^STARTER TEXT: Write the .*$/m, 'We recruited 40 Special Constables.')
    .replace(/^STARTER TEXT: Use a line .*$/m, 'More in September.');

  // Act
  const { problems } = parseUpdate(path, encode(text), registry);

  // Assert: only the two sub-sections' placeholder paragraphs remain
  const lines = text.split('\n');
  expect(problems.map((p) => [p.field, lines[p.line! - 1]])).toEqual([
    ['body', 'STARTER TEXT: Text for Specials.'],
    ['body', 'STARTER TEXT: Text for Met Volunteers.'],
  ]);
});

it('recognises the starter sentences even when the author deleted only the "STARTER TEXT:" mark', () => {
  // Arrange
  const ws = registry[0]!;
  const text = starterUpdate(ws, '2011-02', 'md').replaceAll('STARTER TEXT: ', '');

  // Act
  const { problems } = parseUpdate(`updates/2011-02/${ws.id}.md`, encode(text), registry);

  // Assert
  expect(problems.map((p) => p.field)).toEqual(['summary', 'body', 'body']);
  expect(problems.every((p) => p.message === STARTER_MESSAGE)).toBe(true);
});

it('a fully edited starter is a valid update', () => {
  // Arrange
  const ws = registry[0]!;
  const text = starterUpdate(ws, '2011-02', 'json');
  const data = JSON.parse(text) as Record<string, unknown>;
  const edited = JSON.stringify({ ...data, summary: 'New ward panels met', body: 'Ward panels met in every borough.\n' });

  // Act
  const result = parseUpdate(`updates/2011-02/${ws.id}.json`, encode(edited), registry);

  // Assert
  expect(result.problems.map(formatProblem)).toEqual([]);
  expect(result.update).toMatchObject({ workstream: ws.id, month: '2011-02', summary: 'New ward panels met' });
});

it('offers the expected sub-headings for a workstream that has them', () => {
  // Arrange
  const specials = registry.find((w) => w.id === 'specials')!;

  // Act
  const text = starterUpdate(specials, '2011-02', 'md');

  // Assert
  expect(text).toMatch(/^## Specials$/m);
  expect(text).toMatch(/^## Met Volunteers$/m);
  expect(text).toMatch(/^# figures: /m);
});
