/**
 * FsContentStore's listing: every entry under a prefix as a `/`-separated
 * key (folders with a trailing `/`), sorted, hidden ones included, and the
 * same for any spelling of the root (relative, trailing slash, `.`). Keys
 * are made by slicing readdir's paths; the reference here makes them the
 * slow, obvious way (path.relative).
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';

let root: string;
const FILES = ['config/publication.yaml', 'updates/2010-07/policing.md', 'updates/2010-07/a b.json', 'updates/2010-07/.DS_Store', 'updates/2010-07/deep/er/x.md', 'updates/2010-08/policing.md', 'issues/2010-07/issue.yaml', 'README.md'];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulletin-content-list-'));
  for (const key of FILES) {
    await mkdir(join(root, key, '..'), { recursive: true });
    await writeFile(join(root, key), key);
  }
  await mkdir(join(root, 'updates', '2010-09'));
  await symlink(join(root, 'README.md'), join(root, 'updates', '2010-08', 'linked.md'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The obvious listing: readdir, then path.relative per entry. */
function reference(prefix: string): { key: string; kind: string }[] {
  const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  let entries;
  try {
    entries = readdirSync(join(root, folder), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .map((e) => {
      const key = relative(root, join(e.parentPath, e.name)).split(sep).join('/');
      const kind = e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'folder' : 'other';
      return { key: kind === 'folder' ? `${key}/` : key, kind };
    })
    .filter((e) => e.key.startsWith(prefix))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

it('lists what the obvious path.relative listing lists, under any spelling of the root', async () => {
  for (const spelling of [root, `${root}/`, `${root}/.`, relative(process.cwd(), root)]) {
    const store = new FsContentStore(spelling);
    for (const prefix of ['', 'updates/', 'updates/2010-07/', 'updates/2010-0', 'issues/', 'config/', 'missing/']) {
      const expected = reference(prefix);
      expect(await store.list(prefix), `${spelling} ${prefix}`).toEqual(expected.filter((e) => e.kind === 'file').map((e) => e.key));
      expect(await store.unreadable(prefix), `${spelling} ${prefix}`).toEqual(expected.filter((e) => e.kind !== 'file'));
    }
  }
  expect(await new FsContentStore(root).list('updates/2010-07/')).toEqual(['updates/2010-07/.DS_Store', 'updates/2010-07/a b.json', 'updates/2010-07/deep/er/x.md', 'updates/2010-07/policing.md']);
});
