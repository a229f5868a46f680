/**
 * Every kind of bad file in test/fixtures/bad/cases.json gives one clear,
 * located line naming the file and the field — through `parseUpdate` and
 * through `loadMonth` over a real filesystem store — and the rest of the
 * month still loads.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { MAX_FILE_BYTES } from '../../core/content/decode.js';
import { loadConfig, loadMonth, type SiteConfig } from '../../core/content/load-content.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem, type Problem } from '../../core/content/problem.js';
import { copyBadFixture, readBadCases, removeTemp, type BadCase } from './fixture-copy.js';

const cases = await readBadCases();

/**
 * The line each problem must point at, as a person reading the file would
 * expect (undefined: the file has no line to point at), and text that line
 * must contain.
 */
const WHERE: Record<string, { line?: number; lineHas?: string }> = {
  'updates/2010-07/specials.md': { line: 5, lineHas: 'figurs:' },
  'updates/2011-01/civil-liberties.md': { line: 4, lineHas: '"This summary has an unclosed quote' },
  'updates/2011-02/civil-liberties.json': { line: 5, lineHas: '",' },
  'updates/2011-03/civil-liberties.md': { line: 4, lineHas: 'summry:' },
  'updates/2011-04/civil-liberties.md': { line: 3, lineHas: 'month: "2011-05"' },
  'updates/2011-05/not-a-workstream.md': { line: 2, lineHas: 'workstream: not-a-workstream' },
  'updates/2011-06/civil-liberties.md': { line: 7, lineHas: 'value: "lots"' },
  'updates/2011-07/civil-liberties.md': { line: 6, lineHas: '2011-02-30' },
  'updates/2011-08/civil-liberties.md': { line: 6, lineHas: 'javascript:alert(1)' },
  'updates/2011-09/civil-liberties.md': { line: 8, lineHas: '<script>' },
  'updates/2011-10/civil-liberties.md': { line: 6, lineHas: 'saved in the wrong encoding' },
  'updates/2011-11/civil-liberties.md': {},
  'updates/2011-12/civil-liberties.txt': {},
  'updates/2012-01/civil-liberties.md': {},
  'updates/2012-02/civil-liberties.md': { line: 7, lineHas: 'data:text/html' },
  'updates/2012-03/civil-liberties.json': { line: 5, lineHas: '"summary": "A second summary' },
  'updates/2012-04/civil-liberties.md': { line: 7, lineHas: '%25%25%7Bunsubscribe_url' },
};

let dir: string;
let config: SiteConfig;
beforeAll(async () => {
  ({ dir } = await copyBadFixture());
  const loaded = await loadConfig(new FsContentStore(dir));
  expect(loaded.problems).toEqual([]);
  config = loaded.config!;
});
afterAll(() => removeTemp(dir));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const show = (problems: readonly Problem[]) => problems.map(formatProblem).join('\n') || '(no problems)';

it('knows where every case in cases.json should point (so a new case cannot slip through unchecked)', () => {
  expect(Object.keys(WHERE).sort()).toEqual(cases.map((c) => c.path).sort());
  expect(cases.length).toBeGreaterThanOrEqual(12);
});

describe.each(cases)('$kind: $path', (c: BadCase) => {
  it('parseUpdate rejects it with one located line naming the file and the field', async () => {
    // Arrange
    const bytes = await readFile(join(dir, c.path));
    const where = WHERE[c.path]!;

    // Act
    const { update, problems } = parseUpdate(c.path, bytes, config.workstreams);

    // Assert
    expect(update).toBeUndefined();
    const problem = problems.find((p) => p.field === c.field);
    expect(problem, `no problem for field "${c.field}" among:\n${show(problems)}`).toBeDefined();
    const line = formatProblem(problem!);
    expect(line).not.toMatch(/\n/);
    expect(line).toMatch(new RegExp(`^${escape(c.path)}(:\\d+(:\\d+)?)?: ${escape(c.field)}: \\S.{10,}$`));
    expect(problem!.line).toBe(where.line);
    if (where.line !== undefined) {
      expect(line.startsWith(`${c.path}:${where.line}:`)).toBe(true);
      const fileLine = new TextDecoder('latin1').decode(bytes).split(/\r?\n/)[where.line - 1]!;
      expect(fileLine).toContain(where.lineHas);
      if (problem!.col !== undefined) expect(problem!.col).toBeLessThanOrEqual(fileLine.length + 1);
    }
  });

  it('loadMonth reports it, leaves it out, and still returns the valid files of the month', async () => {
    // Arrange
    const store = new FsContentStore(dir);
    const month = c.path.split('/')[1]!;

    // Act
    const loaded = await loadMonth(store, month, config);

    // Assert
    const mine = loaded.problems.filter((p) => p.path === c.path);
    expect(mine.map((p) => p.field), show(loaded.problems)).toContain(c.field);
    expect(loaded.updates.map((u) => u.path)).not.toContain(c.path);
    const otherKeys = (await store.list(`updates/${month}/`)).filter((k) => !cases.some((x) => x.path === k));
    expect(loaded.updates.map((u) => u.path).sort()).toEqual(otherKeys.sort());
  });
});

it('the generated oversized file really is over the 1 MiB limit and otherwise well formed', async () => {
  // Arrange
  const c = cases.find((x) => x.generate === 'oversized')!;
  const bytes = await readFile(join(dir, c.path));

  // Act
  const { problems } = parseUpdate(c.path, bytes, config.workstreams);

  // Assert
  expect(bytes.byteLength).toBeGreaterThan(MAX_FILE_BYTES);
  expect(problems).toHaveLength(1);
  expect(formatProblem(problems[0]!)).toMatch(/^updates\/2012-01\/civil-liberties\.md: file: file is 1025 KiB; the limit is 1024 KiB/);
});

it('in the month with a broken specials update, the valid safer-neighbourhoods update is still returned', async () => {
  // Act
  const loaded = await loadMonth(new FsContentStore(dir), '2010-07', config);

  // Assert
  expect(loaded.updates.map((u) => u.workstream)).toEqual(['safer-neighbourhoods']);
  expect(loaded.problems.map(formatProblem)).toEqual(['updates/2010-07/specials.md:5:1: figurs: unknown field; did you mean "figures"?']);
});
