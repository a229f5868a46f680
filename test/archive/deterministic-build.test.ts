/**
 * The same content gives byte-identical output: no build-machine clock or
 * randomness in any file, Pagefind's search index included.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { PagefindIndexer } from '../../adapters/pagefind-indexer.js';
import { buildSite } from '../../core/archive/build-site.js';
import { compileTemplates } from '../../core/render/templates.js';
import { CONTENT_DIR } from '../pages/site-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-deterministic-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function files(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(relative(root, join(e.parentPath, e.name)), await readFile(join(e.parentPath, e.name)));
  }
  return out;
}

it('builds byte-identical sites from the same content, twice', async () => {
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  // The second build runs with the clock years away: any date taken from the build machine would show.
  for (const [name, now] of [['a', '2024-03-31T00:59:59Z'], ['b', '2031-10-26T23:30:00Z']] as const) {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
    const result = await buildSite({ content: new FsContentStore(CONTENT_DIR), out: new FsArchiveStore(join(dir, name)), templates, assets, searchIndexer: new PagefindIndexer() });
    vi.useRealTimers();
    expect(result.problems).toEqual([]);
  }
  const [a, b] = await Promise.all([files(join(dir, 'a')), files(join(dir, 'b'))]);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect([...a.keys()].filter((k) => k.startsWith('site/pagefind/')).length).toBeGreaterThan(3);
  const differing = [...a].filter(([k, bytes]) => !bytes.equals(b.get(k)!)).map(([k]) => k);
  expect(differing).toEqual([]);
});
