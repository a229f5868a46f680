/**
 * The faster archive build writes exactly the bytes the simple one did: every
 * output file of the sample content matches the digest list generated from
 * main before the speed work (PDFs and the search index included; when the
 * index became one bundle per year, only the bundle's folder, the search page
 * and its script changed, the bundle's bytes did not), and a
 * rebuild over an existing output — whole or `--month` after an edit — leaves
 * the same files a clean build of the same content writes.
 */
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyContent } from '../pages/site-fixture.js';
import { buildSample, digestList, DIGESTS } from './sample-build.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-byte-identical-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const parse = (list: string) => new Map(list.trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)] as const));

describe('the sample content', () => {
  it('builds into an empty folder with every file byte-identical to the checked-in digests', async () => {
    const out = join(dir, 'clean');
    expect((await buildSample(out)).problems).toEqual([]);
    expect(await digestList(out)).toEqual(await readFile(DIGESTS, 'utf8'));
  });

  it('rebuilt over its own output (whole, then one month) writes nothing and still matches', async () => {
    const out = join(dir, 'clean');
    expect((await buildSample(out)).written).toEqual([]);
    expect((await buildSample(out, { month: '2010-08' })).written).toEqual([]);
    expect(await digestList(out)).toEqual(await readFile(DIGESTS, 'utf8'));
  });
});

it('an edited month built with --month over an existing output equals a clean build of the edited content', async () => {
  // Arrange: an output of the original content, then an edit to August.
  const content = await copyContent(join(dir, 'edited'));
  const incremental = join(dir, 'incremental');
  await buildSample(incremental, { content });
  const file = join(content, 'updates/2010-08/civil-liberties.md');
  await writeFile(file, `${await readFile(file, 'utf8')}\nA sentence added after the first build, naming Südwark – “quoted”.\n`);
  // Act
  await buildSample(incremental, { content, month: '2010-08' });
  const clean = join(dir, 'edited-clean');
  await buildSample(clean, { content });
  // Assert: same bytes for every file a clean build writes; the only extras are the old index's content-addressed files, kept for caches.
  const [a, b] = [parse(await digestList(clean)), parse(await digestList(incremental))];
  expect([...a].filter(([path, sha]) => b.get(path) !== sha).map(([path]) => path)).toEqual([]);
  expect([...b.keys()].filter((p) => !a.has(p) && !/^site\/pagefind\/\d{4}\/(fragment|index)\//.test(p) && !/^site\/pagefind\/\d{4}\/pagefind\.en_\w+\.pf_meta$/.test(p))).toEqual([]);
});
