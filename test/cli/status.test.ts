/**
 * `bulletin status` through the real binary, on a copy of the sample content
 * where one required update is missing, one invalid and one skipped; then
 * the files are fixed. The table and the JSON carry the same facts.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthStatus } from '../../core/desk/month-status.js';
import { removeTemp, SAMPLE_CONTENT } from '../content/fixture-copy.js';
import { bulletin, STACK_FRAME, workspace } from '../publish/support.js';

const MONTH = '2010-10';
const BEFORE = '2010-11-04T12:00Z';
const AFTER = '2010-11-08T12:00Z';
let work: string;

/** Missing specials, invalid civil-liberties (a typo'd field), skipped anti-violence-panel, approved. */
async function breakMonth(dir: string) {
  const updates = join(dir, 'content', 'updates', MONTH);
  await rm(join(updates, 'specials.json'));
  await rm(join(updates, 'anti-violence-panel.json'));
  const civil = join(updates, 'civil-liberties.json');
  await writeFile(civil, (await readFile(civil, 'utf8')).replace('"title"', '"titel"'));
  await writeFile(join(dir, 'content', 'issues', MONTH, 'issue.md'), '---\nstatus: approved\nskip:\n  - anti-violence-panel\n---\n');
}

const row = (stdout: string, id: string) => stdout.split('\n').find((l) => l.startsWith(`${id} `))?.split(/\s{2,}/);

beforeAll(async () => {
  work = await workspace('status');
  await breakMonth(work);
});
afterAll(() => removeTemp(work));

describe('bulletin status', () => {
  it('names each state in an aligned table and exits 1 while the month is not ready', async () => {
    // Act
    const run = await bulletin(work, ['status', '--month', MONTH, '--now', BEFORE]);

    // Assert
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(row(run.stdout, 'specials')?.slice(0, 4)).toEqual(['specials', 'yes', 'missing', 'specials@mpa.gov.uk']);
    expect(row(run.stdout, 'civil-liberties')?.slice(0, 4)).toEqual(['civil-liberties', 'yes', 'invalid', 'dna@mpa.gov.uk']);
    expect(row(run.stdout, 'anti-violence-panel')?.[2]).toBe('skipped');
    expect(row(run.stdout, 'safer-neighbourhoods')?.[2]).toBe('valid');
    const lines = run.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('WORKSTREAM'))!;
    for (const id of ['specials', 'civil-liberties', 'safer-neighbourhoods', 'london-crime-reduction-board']) {
      const line = lines.find((l) => l.startsWith(`${id} `))!;
      expect(line.search(/ (yes|no) /) + 1, id).toBe(header.indexOf('REQUIRED'));
      expect(line.search(/ (missing|invalid|valid|skipped|late) /) + 1, id).toBe(header.indexOf('STATE'));
      expect(line.search(/ \S+@/) + 1, id).toBe(header.indexOf('OWNER'));
    }
    expect(run.stdout).toMatch(/^ {2}updates\/2010-10\/civil-liberties\.json:\d+:\d+: titel: /m);
    expect(run.stdout).toContain('Not ready to publish');
    expect(run.stdout).toContain('required workstream "Specials and Volunteers" has no valid update');
  });

  it('says late for required updates still not valid after the deadline', async () => {
    // Act
    const run = await bulletin(work, ['status', '--month', MONTH, '--now', AFTER]);

    // Assert
    expect(run.code).toBe(1);
    expect(row(run.stdout, 'specials')?.[2]).toBe('late');
    expect(row(run.stdout, 'civil-liberties')?.[2]).toBe('late');
    expect(row(run.stdout, 'anti-violence-panel')?.[2]).toBe('skipped');
  });

  it('gives the same facts as JSON, for scripts', async () => {
    // Act
    const run = await bulletin(work, ['status', '--month', MONTH, '--now', BEFORE, '--json']);
    const status = JSON.parse(run.stdout) as MonthStatus;

    // Assert
    expect(run.code).toBe(1);
    expect(status.ready).toBe(false);
    expect(Object.fromEntries(status.workstreams.map((w) => [w.id, w.state]))).toMatchObject({ specials: 'missing', 'civil-liberties': 'invalid', 'anti-violence-panel': 'skipped', 'safer-neighbourhoods': 'valid' });
    expect(status.workstreams.find((w) => w.id === 'civil-liberties')!.problems[0]).toMatch(/civil-liberties\.json:\d+:\d+: titel: /);
    expect(status.workstreams.find((w) => w.id === 'safer-neighbourhoods')!.lastChanged).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(status.dates?.deadline.date).toBe('2010-11-05');
  });

  it('exits 0 and says ready once the files are fixed, and defaults to the newest month', async () => {
    // Arrange: broken as above, then the sample's files put back (the manifest stays approved, skipping one).
    const fixed = await workspace('status-fixed');
    try {
      await breakMonth(fixed);
      await cp(join(SAMPLE_CONTENT, 'updates', MONTH), join(fixed, 'content', 'updates', MONTH), { recursive: true });

      // Act
      const run = await bulletin(fixed, ['status', '--now', AFTER]);

      // Assert
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`Status of the ${MONTH} issue`);
      expect(run.stdout).toContain('Ready to publish.');
      expect(run.stdout).not.toMatch(/ (late|invalid) /);
    } finally {
      await removeTemp(fixed);
    }
  });

  it('is one clear line for a bad --month or --now, never a stack trace', async () => {
    // Act
    const runs = await Promise.all([bulletin(work, ['status', '--month', '2010-13']), bulletin(work, ['status', '--now', 'yesterday'])]);

    // Assert
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.lines).toHaveLength(1);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });
});
