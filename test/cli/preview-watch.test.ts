/**
 * What the preview's watcher reports: the month of every real change, never
 * an editor's or a tool's scratch file, whatever its name — so a swap file
 * never starts a failing rebuild, and the rename onto the real name does.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScratch, monthOf, watchSources, type SourceWatch } from '../../cli/preview-watch.js';
import { makeTemp, removeTemp } from '../content/fixture-copy.js';

const id = fc.stringMatching(/^[a-z][a-z0-9]*(?:-[a-z0-9]+){0,3}$/);
const month = fc.tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const realFile = fc.tuple(fc.constantFrom('updates', 'issues'), month, id, fc.constantFrom('.md', '.json')).map(([dir, m, name, ext]) => `${dir}/${m}/${name}${ext}`);
/** The scratch names editors and tools write beside `name` while saving it. */
const scratchOf = (name: string) => fc.constantFrom(
  `.${name}.swp`, `.${name}.swx`, `${name}~`, `#${name}#`, `.#${name}`, `${name}.tmp`, `.${name}.tmp-1234`, `${name}.bak`, `${name}.orig`,
  `${name}___jb_tmp___`, `${name}___jb_old___`, `${name}.part`, `${name}.crdownload`, `.partial/${name}`, '4913', 'sedAb12Cd',
);

describe('isScratch and monthOf', () => {
  it('take every real content file as real and name its month', () => {
    fc.assert(fc.property(realFile, (path) => {
      expect(isScratch(path)).toBe(false);
      expect(monthOf(path)).toBe(path.split('/')[1]);
    }));
  });

  it('take every scratch name beside a real file as scratch', () => {
    fc.assert(fc.property(realFile.chain((path) => {
      const dir = path.slice(0, path.lastIndexOf('/'));
      return scratchOf(path.slice(dir.length + 1)).map((s) => `${dir}/${s}`);
    }), (path) => {
      expect(isScratch(path)).toBe(true);
    }));
  });

  it('give no month for config, a new month folder or another folder', () => {
    for (const path of ['config/publication.yaml', 'updates/2010-11', 'updates/2010-13/x.md', 'subscribers.json', 'reports/2010-07/x.json']) expect(monthOf(path), path).toBeUndefined();
  });
});

describe('watchSources', () => {
  let dir: string;
  let watch: SourceWatch;
  const seen: { month: string | undefined; path: string }[] = [];
  const until = async (test: () => boolean) => {
    for (let i = 0; i < 150 && !test(); i++) await new Promise((r) => setTimeout(r, 100));
    return test();
  };

  beforeAll(async () => {
    dir = await makeTemp('watch');
    await mkdir(join(dir, 'content/updates/2010-07'), { recursive: true });
    await mkdir(join(dir, 'templates'));
    await writeFile(join(dir, 'content/updates/2010-07/specials.md'), 'v0');
    watch = await watchSources({ content: join(dir, 'content'), templates: join(dir, 'templates'), out: join(dir, 'content/out') }, (m, path) => seen.push({ month: m, path }), () => {});
  });
  afterAll(async () => {
    await watch?.close();
    await removeTemp(dir);
  });

  it('reports the rename onto the real name, and none of the scratch files written before it', async () => {
    // Arrange
    const folder = join(dir, 'content/updates/2010-07');
    for (const name of ['.specials.md.swp', 'specials.md~', '#specials.md#', '4913', 'specials.md___jb_tmp___']) await writeFile(join(folder, name), 'scratch');
    await mkdir(join(folder, '.partial'));
    await writeFile(join(folder, '.partial/specials.md'), 'v1');
    await mkdir(join(dir, 'content/out/site'), { recursive: true });
    await writeFile(join(dir, 'content/out/site/index.html'), 'built');

    // Act
    await rename(join(folder, '.partial/specials.md'), join(folder, 'specials.md'));
    const arrived = await until(() => seen.some((s) => s.path.endsWith(join('2010-07', 'specials.md'))));
    await writeFile(join(folder, 'civil-liberties.md'), 'a later save, so every earlier event has arrived');
    await until(() => seen.some((s) => s.path.endsWith('civil-liberties.md')));

    // Assert
    expect(arrived).toBe(true);
    expect(seen.filter((s) => isScratch(s.path.slice(dir.length)) || s.path.includes(join('content', 'out')))).toEqual([]);
    expect(new Set(seen.map((s) => s.month))).toEqual(new Set(['2010-07']));
  });
});
