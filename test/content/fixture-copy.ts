/**
 * Test helpers shared by test/content, test/render and test/cli: temporary
 * copies of the sample content and of the fixtures, so tests can add, break
 * or generate files without touching the repository.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_CONTENT = join(REPO, 'content');
export const FIXTURES = join(REPO, 'test', 'fixtures');
export const BAD = join(FIXTURES, 'bad');
export const OTHER_MONTH = join(FIXTURES, 'other-month');

/** One entry of test/fixtures/bad/cases.json. */
export interface BadCase {
  path: string;
  kind: string;
  field: string;
  /** The file is not committed; the test must make it (e.g. "oversized"). */
  generate?: 'oversized';
}

export async function readBadCases(): Promise<BadCase[]> {
  return JSON.parse(await readFile(join(BAD, 'cases.json'), 'utf8')) as BadCase[];
}

/** A fresh temporary folder; remove it with `removeTemp`. */
export function makeTemp(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `bulletin-${label}-`));
}

export function removeTemp(dir: string | undefined): Promise<void> {
  return dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve();
}

/** Copies `src` (a content tree) into a new temporary folder and returns its path. */
export async function copyTree(src: string, label: string): Promise<string> {
  const dir = await makeTemp(label);
  await cp(src, dir, { recursive: true });
  return dir;
}

/** A Markdown update just over 1 MiB that would otherwise be valid. */
export function oversizedUpdate(workstream: string, month: string): string {
  const paragraph = 'This sentence is repeated to make an update far larger than any real one. ';
  const body = `${paragraph.repeat(Math.ceil((1024 * 1024 + 1) / paragraph.length))}\n`;
  return `---\nworkstream: ${workstream}\nmonth: "${month}"\nsummary: An update pasted with a whole report inside it.\n---\n${body}`;
}

/**
 * A temporary copy of test/fixtures/bad with every generated case written
 * (cases.json's `"generate"` entries), ready for the content store.
 */
export async function copyBadFixture(): Promise<{ dir: string; cases: BadCase[] }> {
  const cases = await readBadCases();
  const dir = await copyTree(BAD, 'bad');
  await rm(join(dir, 'cases.json'));
  for (const c of cases) {
    if (c.generate !== 'oversized') continue;
    const [, month, name] = /^updates\/([^/]+)\/([^/.]+)/.exec(c.path) ?? [];
    const file = join(dir, c.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, oversizedUpdate(name!, month!));
  }
  return { dir, cases };
}
