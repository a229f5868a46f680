/**
 * `bulletin new` writes what `starterUpdate` returns: for every workstream
 * and both formats it must pass the same validation as an author's file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { starterUpdate } from '../../core/content/starter-update.js';
import { SAMPLE_CONTENT } from './fixture-copy.js';

const key = 'config/workstreams.yaml';
const registry = parseWorkstreams(key, await readFile(join(SAMPLE_CONTENT, key))).value!;

describe.each(['md', 'json'] as const)('a .%s starter', (format) => {
  it.each(registry.map((w) => [w.id, w] as const))('for %s validates as written', (id, ws) => {
    // Arrange
    const path = `updates/2011-02/${id}.${format}`;

    // Act
    const text = starterUpdate(ws, '2011-02', format);
    const result = parseUpdate(path, new TextEncoder().encode(text), registry);

    // Assert
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.update).toMatchObject({ workstream: id, month: '2011-02' });
    expect(result.update!.body).toContain(`Write the ${ws.title} update for February 2011 here`);
  });
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
