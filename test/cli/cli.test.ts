/**
 * The real `bulletin` binary (`node bin/bulletin.js`), run the way an author
 * runs it, from a working folder holding temporary copies of the content:
 * silent success, one line per problem, exit codes, never a stack trace.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { STARTER_MESSAGE } from '../../core/content/starter-update.js';
import { copyBadFixture, makeTemp, removeTemp, REPO, SAMPLE_CONTENT, type BadCase } from '../content/fixture-copy.js';

const BIN = join(REPO, 'bin', 'bulletin.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Non-empty stderr lines. */
  lines: string[];
}

/** Runs the binary with `args` in `cwd`; resolves with its exit code and output (never rejects on a non-zero exit). */
function bulletin(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, BULLETIN_DEBUG: '', NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr, lines: stderr.split('\n').filter((l) => l.trim()) });
    });
  });
}

const STACK_FRAME = /^\s+at .+[(:]\d+/m;

let work: string;
let cases: BadCase[];
beforeAll(async () => {
  work = await makeTemp('cli');
  await cp(SAMPLE_CONTENT, join(work, 'content'), { recursive: true });
  // `new` writes into its own copy, so the builds running alongside it see the sample content unchanged.
  await cp(SAMPLE_CONTENT, join(work, 'content-new'), { recursive: true });
  const bad = await copyBadFixture();
  cases = bad.cases;
  await cp(bad.dir, join(work, 'bad'), { recursive: true });
  await removeTemp(bad.dir);
});
afterAll(() => removeTemp(work));

// Each test works in its own folders under `work`, so they can run side by side (each run is a Node start-up).
describe.concurrent('the bulletin command', () => {
  describe('bulletin validate', () => {
    it('prints nothing and exits 0 when every file is valid', async () => {
      // Act
      const run = await bulletin(work, 'validate', '--content', 'content');

      // Assert
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    });

    it('prints one path:line:col: field: message line per bad file and exits 1, with no stack trace', async () => {
      // Act
      const run = await bulletin(work, 'validate', '--content', 'bad');

      // Assert
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.lines).toHaveLength(cases.length);
      for (const c of cases) {
        const line = run.lines.find((l) => l.startsWith(`bad/${c.path}:`));
        expect(line, `no line for ${c.path}`).toBeDefined();
        expect(line).toMatch(new RegExp(`^bad/${c.path.replace(/[.]/g, '\\.')}(:\\d+(:\\d+)?)?: ${c.field.replace(/[[\].]/g, '\\$&')}: \\S`));
      }
      expect(run.lines).toContain('bad/updates/2010-07/specials.md:5:1: figurs: unknown field; did you mean "figures"?');
    });

    it('checks only the month asked for (config always)', async () => {
      // Act
      const run = await bulletin(work, 'validate', '--content', 'bad', '--month', '2011-03');

      // Assert
      expect(run.code).toBe(1);
      expect(run.lines).toEqual(['bad/updates/2011-03/civil-liberties.md:4:1: summry: unknown field; did you mean "summary"?']);
    });
  });

  describe('bulletin build', () => {
    it('reports bad files exactly as validate does, leaves them out, renders the rest and exits 1', async () => {
      // Act
      const validate = await bulletin(work, 'validate', '--content', 'bad');
      const run = await bulletin(work, 'build', '--content', 'bad', '--out', 'out-bad');

      // Assert
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      const problemLines = run.lines.filter((l) => !l.startsWith('Built '));
      expect(problemLines).toEqual(validate.lines);
      expect(run.lines.at(-1)).toMatch(/^Built \d+ issues into .*out-bad \(\d+ files changed\)\.$/);
      const page = await readFile(join(work, 'out-bad/site/2010/07/index.html'), 'utf8');
      expect(page).toContain('This file is valid and must still be published');
      expect(page).not.toContain('figurs');
      for (const f of ['email/2010-07/email.html', 'email/2010-07/email.txt']) expect(existsSync(join(work, 'out-bad', f)), f).toBe(true);
    });

    it('writes each month\'s web page, email HTML and plain text, and exits 0 when all is valid', async () => {
      // Act
      const run = await bulletin(work, 'build', '--content', 'content', '--out', 'out');

      // Assert
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(/^Built 4 issues into /);
      const expected = ['2010-07', '2010-08', '2010-09', '2010-10'].flatMap((m) => [
        `site/${m.replace('-', '/')}/index.html`, `email/${m}/email.html`, `email/${m}/email.txt`,
      ]);
      expect(expected.filter((f) => !existsSync(join(work, 'out', f)))).toEqual([]);
    });

    it('refuses an --out that is a file with one line, not a failure half-way', async () => {
      // Act
      const run = await bulletin(work, 'build', '--content', 'content', '--out', 'content/config/publication.yaml');

      // Assert
      expect(run.code).toBe(1);
      expect(run.lines).toEqual(['bulletin: --out content/config/publication.yaml: is a file, not a folder']);
    });
  });

  describe('bulletin new', () => {
    it('writes a starter update, prints its path, says it needs editing, and refuses to overwrite it', async () => {
      // Arrange
      const key = 'updates/2011-02/specials.md';
      const registry = parseWorkstreams('config/workstreams.yaml', await readFile(join(work, 'content-new/config/workstreams.yaml'))).value!;

      // Act
      const first = await bulletin(work, 'new', '--workstream', 'specials', '--month', '2011-02', '--content', 'content-new');
      const written = await readFile(join(work, 'content-new', key));
      const again = await bulletin(work, 'new', '--workstream', 'specials', '--month', '2011-02', '--content', 'content-new', '--format', 'json');

      // Assert
      expect(first).toMatchObject({ code: 0, stdout: `content-new/${key}\n` });
      expect(first.stderr).toBe(`content-new/${key}: replace every "STARTER TEXT:" paragraph with this month's update; \`bulletin validate\` reports what is left\n`);
      // Valid apart from the starter text, which keeps it from being published until it is replaced.
      const left = parseUpdate(key, written, registry).problems;
      expect(left.length).toBeGreaterThan(0);
      expect(left.filter((p) => p.message !== STARTER_MESSAGE).map(formatProblem)).toEqual([]);
      expect(again.code).toBe(1);
      expect(again.lines).toEqual([`bulletin: content-new/${key}: already exists; edit it instead`]);
      expect(await readFile(join(work, 'content-new', key))).toEqual(written);
      expect(existsSync(join(work, 'content-new/updates/2011-02/specials.json'))).toBe(false);
    });

    it('names the known workstreams when given an unknown one, in one line', async () => {
      // Act
      const run = await bulletin(work, 'new', '--workstream', 'specails', '--month', '2011-02', '--content', 'content-new');

      // Assert
      expect(run.code).toBe(1);
      expect(run.lines).toEqual([
        'bulletin: --workstream specails: not in config/workstreams; known ids: safer-neighbourhoods, anti-violence-panel, civil-liberties, london-crime-reduction-board, race-and-faith-inquiry, specials',
      ]);
    });
  });

  describe('bad arguments', () => {
    it.each([
      [['validate', '--month', '2010-13'], /^bulletin: option '--month <YYYY-MM>' argument '2010-13' is invalid\. must be a month written YYYY-MM, e\.g\. 2010-07/],
      [['frobnicate'], /^bulletin: unknown command 'frobnicate'/],
      [['build', '--otu', 'x'], /^bulletin: unknown option '--otu' \(Did you mean --out\?\)/],
      [['new', '--month', '2011-02'], /^bulletin: required option '--workstream <id>' not specified/],
      [['preview', '--port', 'eighty'], /^bulletin: option '--port <n>' argument 'eighty' is invalid/],
    ])('%j gives one clear line and exit 2', async (args, message) => {
      // Act
      const run = await bulletin(work, ...args);

      // Assert
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(message);
    });

    it('a --content folder that does not exist is one line and exit 1', async () => {
      // Act
      const run = await bulletin(work, 'validate', '--content', 'contnet');

      // Assert
      expect(run).toMatchObject({ code: 1, stdout: '', lines: ['bulletin: --content contnet: no such folder'] });
    });
  });

  it('--help lists every command and exits 0', async () => {
    // Act
    const run = await bulletin(work, '--help');

    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: bulletin /);
    for (const command of ['validate', 'build', 'preview', 'new']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command} `, 'm'));
  });
});
