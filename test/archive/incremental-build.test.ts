/**
 * `bulletin build --month` rewrites what that month changes and nothing else:
 * checked on real files (FsArchiveStore skips identical bytes and reports it).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { buildSite, type BuildResult } from '../../core/archive/build-site.js';
import type { ArchiveStore } from '../../core/ports.js';
import { compileTemplates } from '../../core/render/templates.js';
import { copyContent } from '../pages/site-fixture.js';

let dir: string;
let content: string;
let full: BuildResult;
let incremental: BuildResult;
const attempts: string[] = [];
const SENTENCE = 'The Panel thanks everyone who wrote in before the August deadline.';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-incremental-'));
  content = await copyContent(dir);
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  const fs = new FsArchiveStore(join(dir, 'out'));
  // Records every write attempt, so "not written" cannot hide "written with the same bytes".
  const out: ArchiveStore = { ...fs, read: (k) => fs.read(k), list: (p) => fs.list(p), create: (k, b) => fs.create(k, b), write: (k, b) => (attempts.push(k), fs.write(k, b)) };
  const build = (month?: string) => buildSite({ content: new FsContentStore(content), out, templates, assets, ...(month ? { month } : {}) });
  full = await build();
  const file = join(content, 'updates/2010-08/civil-liberties.md');
  await writeFile(file, `${await readFile(file, 'utf8')}\n${SENTENCE}\n`);
  attempts.length = 0;
  incremental = await build('2010-08');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('a full build writes every issue page', () => {
  for (const m of ['07', '08', '09', '10']) expect(full.written).toContain(`site/2010/${m}/index.html`);
});

it('an incremental build writes the month, and no other issue\'s page', () => {
  expect(incremental.written).toEqual(expect.arrayContaining(['site/2010/08/index.html', 'site/2010/08/bulletin.json', 'email/2010-08/email.html']));
  const otherIssues = incremental.written.filter((k) => /^site\/2010\/(?!08\/)\d\d\//.test(k) || /^email\/(?!2010-08)/.test(k));
  expect(otherIssues).toEqual([]);
  // Only the neighbours (whose previous/next links could change) are even attempted; October is not.
  expect(attempts.filter((k) => k.startsWith('site/2010/10/'))).toEqual([]);
});

it('rewrites what shows the month (feeds, its workstream\'s page) and leaves unrelated workstreams alone', () => {
  expect(incremental.written).toEqual(expect.arrayContaining(['site/feed.xml', 'site/feed.json', 'site/workstreams/civil-liberties/index.html', 'site/workstreams/civil-liberties/feed.xml']));
  expect(attempts.filter((k) => k.startsWith('site/workstreams/race-and-faith-inquiry/'))).toEqual([]);
  expect(attempts).not.toContain('site/workstreams/specials/index.html');
});

it('shows the changed sentence afterwards, in the page and the data', async () => {
  const out = join(dir, 'out/site/2010/08');
  expect(await readFile(join(out, 'index.html'), 'utf8')).toContain(SENTENCE);
  expect(await readFile(join(out, 'bulletin.json'), 'utf8')).toContain(SENTENCE);
  expect(await readFile(join(dir, 'out/site/workstreams/civil-liberties/index.html'), 'utf8')).toContain(SENTENCE);
});

it('reports only the rebuilt month as built', () => {
  expect(incremental.issues.map((i) => i.month)).toEqual(['2010-08']);
  expect(incremental.problems).toEqual([]);
});
