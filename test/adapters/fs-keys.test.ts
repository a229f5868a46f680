/**
 * listKeys: every file under the root as a `/`-separated key, sorted, with
 * hidden files and folders left out, filtered by prefix — the same for any
 * spelling of the root (relative, trailing slash).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listKeys } from '../../adapters/fs-keys.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulletin-keys-'));
  for (const key of ['index.html', 'site/2010-07/index.html', 'site/2010-07/a b.pdf', 'site/2010-08/index.html', 'site/.partial/x.tmp', 'site/2010-07/.hidden', 'cache/month/2010-07.json', 'sitemap.xml']) {
    await mkdir(join(root, key, '..'), { recursive: true });
    await writeFile(join(root, key), key);
  }
  await mkdir(join(root, 'site', 'empty'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('lists every visible file as a sorted key, under any spelling of the root', async () => {
  const all = ['cache/month/2010-07.json', 'index.html', 'site/2010-07/a b.pdf', 'site/2010-07/index.html', 'site/2010-08/index.html', 'sitemap.xml'];
  for (const spelling of [root, `${root}/`, `${root}/.`, relative(process.cwd(), root)]) {
    expect(await listKeys(spelling, '')).toEqual(all);
    expect(await listKeys(spelling, 'site/')).toEqual(all.filter((k) => k.startsWith('site/')));
    expect(await listKeys(spelling, 'site/2010-07/')).toEqual(['site/2010-07/a b.pdf', 'site/2010-07/index.html']);
    expect(await listKeys(spelling, 'site')).toEqual(all.filter((k) => k.startsWith('site')));
  }
  expect(await listKeys(root, 'nothing/here/')).toEqual([]);
});
