/**
 * A real running preview rebuilds after every way an editor or a tool saves:
 * a plain write, an atomic write-then-rename, `sed -i`, a deletion, a new
 * month folder and a file moved in from a scratch folder. Each change is
 * polled for on the served page (bounded attempts, never a timing assertion).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startPreview, type PreviewProcess } from './preview-process.js';

// Each step polls for up to 30 s on a loaded machine; several steps make one test.
vi.setConfig({ testTimeout: 180_000 });

let preview: PreviewProcess;
const file = (rel: string) => join(preview.work, 'content', rel);
const squashed = (s: string) => s.replace(/\s+/g, ' ');
/** Problem lines printed for scratch files, which must never reach a build. */
const scratchProblems = () => preview.stderr().split('\n').filter((l) => /\.swp|~:|\.partial|___jb_|\bsed[A-Za-z0-9]{6}\b|\.tmp-/.test(l));

beforeAll(async () => {
  preview = await startPreview('preview-saves');
});
afterAll(() => preview?.stop());

it('rebuilds after a plain write', async () => {
  // Arrange
  const path = file('updates/2010-08/civil-liberties.md');
  const sentence = 'A plain write by the author adds this sentence.';

  // Act
  await writeFile(path, `${await readFile(path, 'utf8')}\n${sentence}\n`);
  const page = await preview.poll('/site/2010/08/index.html', (body) => body.includes(sentence));

  // Assert
  expect(page.body).toContain(sentence);
});

it('rebuilds after every atomic save (write a temp file, rename it over the original), and never builds the temp file', async () => {
  // Arrange
  const path = file('updates/2010-08/london-crime-reduction-board.md');
  const text = await readFile(path, 'utf8');
  // Two editors' temp names: a hidden one (Vim, VS Code, most tools) and JetBrains' safe write.
  const tempFor = (n: number) => file(n % 2 === 0 ? `updates/2010-08/.london-crime-reduction-board.md.tmp-${n}` : 'updates/2010-08/london-crime-reduction-board.md___jb_tmp___');
  const seen: string[] = [];

  // Act: the same file saved again and again, each save a new inode at the old name
  for (let n = 0; n < 4; n++) {
    const sentence = `Atomic save number ${n + 1} adds this sentence.`;
    const temp = tempFor(n);
    await writeFile(temp, `${text}\nAn unfinished line`);
    await writeFile(temp, `${text}\n${sentence}\n`);
    await rename(temp, path);
    const page = await preview.poll('/site/2010/08/index.html', (body) => body.includes(sentence));
    if (page.body.includes(sentence)) seen.push(sentence);
  }
  const email = await preview.poll('/email/2010-08/email.txt', (body) => squashed(body).includes('Atomic save number 4'));

  // Assert
  expect(seen).toEqual([1, 2, 3, 4].map((n) => `Atomic save number ${n} adds this sentence.`));
  expect(squashed(email.body)).toContain('Atomic save number 4 adds this sentence.');
  expect(scratchProblems()).toEqual([]);
});

it('rebuilds after every `sed -i` (GNU sed writes a temp file and renames it)', async () => {
  // Arrange
  const path = file('updates/2010-08/safer-neighbourhoods.md');
  expect(await readFile(path, 'utf8')).toContain('Borough commanders');
  const pages: string[] = [];

  // Act
  for (const n of [1, 2, 3]) {
    await promisify(execFile)('sed', ['-i', `s/Borough commanders[^,]*,/Borough commanders (sed edit ${n}),/`, path]);
    pages.push((await preview.poll('/site/2010/08/index.html', (body) => body.includes(`Borough commanders (sed edit ${n})`))).body);
  }

  // Assert
  expect(pages.map((p, i) => p.includes(`Borough commanders (sed edit ${i + 1})`))).toEqual([true, true, true]);
});

it('rebuilds after a deletion: the deleted update leaves the page', async () => {
  // Arrange
  const path = file('updates/2010-09/london-crime-reduction-board.md');
  const heading = 'London Crime Reduction Board';
  expect((await preview.poll('/site/2010/09/index.html', () => true)).body).toContain(heading);

  // Act
  await rm(path);
  const page = await preview.poll('/site/2010/09/index.html', (body) => !body.includes(`id="london-crime-reduction-board"`) && !/<h[23][^>]*>[^<]*London Crime Reduction Board/.test(body));

  // Assert
  expect(page.status).toBe(200);
  expect(page.body).not.toMatch(/<h[23][^>]*>[^<]*London Crime Reduction Board/);
});

it('rebuilds after a new month folder is created, and lists the new month', async () => {
  // Arrange
  const sentence = 'The November 2010 update arrived in a folder that did not exist when the preview started.';
  const update = `---\nworkstream: civil-liberties\nmonth: "2010-11"\nsummary: A new month.\n---\n${sentence}\n`;

  // Act
  await mkdir(file('updates/2010-11'));
  await writeFile(file('updates/2010-11/civil-liberties.md'), update);
  const page = await preview.poll('/site/2010/11/index.html', (body, status) => status === 200 && body.includes(sentence));
  const index = await preview.poll('/', (body) => body.includes('email/2010-11/email.html'));

  // Assert
  expect(page.body).toContain(sentence);
  expect(index.body).toContain('site/2010/11/index.html');
});

it('rebuilds when a file is moved in from a scratch folder', async () => {
  // Arrange
  const scratch = file('updates/2010-09/.partial');
  const sentence = 'This update was downloaded into a scratch folder, then moved into place.';
  const update = `---\nworkstream: anti-violence-panel\nmonth: "2010-09"\nsummary: Moved into place.\n---\n${sentence}\n`;
  await mkdir(scratch);
  await writeFile(join(scratch, 'anti-violence-panel.md'), update.slice(0, 40));

  // Act
  await writeFile(join(scratch, 'anti-violence-panel.md'), update);
  await rename(join(scratch, 'anti-violence-panel.md'), file('updates/2010-09/anti-violence-panel.md'));
  await rm(scratch, { recursive: true });
  const page = await preview.poll('/site/2010/09/index.html', (body) => body.includes(sentence));

  // Assert
  expect(page.body).toContain(sentence);
  expect(scratchProblems()).toEqual([]);
  expect(preview.stderr()).not.toMatch(/Rebuild failed/);
});
