/**
 * The local archive store after a crash: a temporary file a killed run left
 * in `.partial/` is removed by the next run's first write, and a write is
 * whole or absent.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { tempDir } from '../send/support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('archive-store');
});
afterEach(() => dir.remove());

it('removes the temporary files of a run that was killed mid-write, and keeps none of its own', async () => {
  // Arrange: what `kill -9` during a write leaves behind (a process id no process has).
  const partial = join(dir.path, '.partial');
  await mkdir(partial, { recursive: true });
  const stale = join(partial, 'index.html.4194303.0123abcd.7.tmp');
  await writeFile(stale, '<p>half a pa');
  // Act
  const store = new FsArchiveStore(dir.path);
  await store.write('site/2010/07/index.html', '<p>the whole page</p>');
  // Assert
  expect(existsSync(stale)).toBe(false);
  expect(await readdir(partial)).toEqual([]);
  expect(new TextDecoder().decode(await store.read('site/2010/07/index.html'))).toBe('<p>the whole page</p>');
  expect(await store.list('')).toEqual(['site/2010/07/index.html']);
});
