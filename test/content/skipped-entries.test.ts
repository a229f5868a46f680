/**
 * Nothing in content/ is ignored without a word: symbolic links (never
 * followed, not even inside content/), hidden files and folders, and folders
 * named where a file belongs are each one line — from loadMonth inside a
 * month folder (so publish names them), from strayFiles and loadConfig
 * elsewhere. OS and editor droppings (.DS_Store, swap files) stay quiet.
 */
import fc from 'fast-check';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig, loadMonth, strayFiles, type SiteConfig } from '../../core/content/load-content.js';
import { formatProblem, type Problem } from '../../core/content/problem.js';
import { copyTree, makeTemp, removeTemp, SAMPLE_CONTENT } from './fixture-copy.js';
import { isHidden } from '../../core/content/skipped-entries.js';

let dir: string;
let outside: string;
let store: FsContentStore;
beforeEach(async () => {
  dir = await copyTree(SAMPLE_CONTENT, 'skipped');
  outside = await makeTemp('outside');
  store = new FsContentStore(dir);
});
afterEach(async () => {
  await removeTemp(dir);
  await removeTemp(outside);
});

const lines = (problems: readonly Problem[]) => problems.map(formatProblem);
const config = async (): Promise<SiteConfig> => (await loadConfig(store)).config!;
const at = (key: string) => join(dir, key);
const update = (month: string) => `---\nworkstream: specials\nmonth: "${month}"\n---\nText.\n`;

describe('symbolic links', () => {
  it('a linked required update is reported as a link, not read, and not called missing without a reason', async () => {
    // Arrange
    const cfg = await config();
    await writeFile(join(outside, 'specials.md'), update('2010-07'));
    await rm(at('updates/2010-07/specials.md'));
    await symlink(join(outside, 'specials.md'), at('updates/2010-07/specials.md'));

    // Act
    const july = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(july.problems)).toEqual(['updates/2010-07/specials.md: file: is a symbolic link; links are not followed — copy the file here instead']);
    expect(july.updates.map((u) => u.workstream)).not.toContain('specials');
    expect(await store.read('updates/2010-07/specials.md')).toBeUndefined();
  });

  it('never follows a link, even to a file inside content/, nor a linked folder', async () => {
    // Arrange
    const cfg = await config();
    await symlink(at('updates/2010-07/specials.md'), at('updates/2010-08/specials.md'));
    await mkdir(join(outside, 'month'));
    await writeFile(join(outside, 'month', 'specials.md'), update('2010-11'));
    await symlink(join(outside, 'month'), at('updates/2010-11'));

    // Act
    const august = await loadMonth(store, '2010-08', cfg);
    const november = await loadMonth(store, '2010-11', cfg);
    const stray = await strayFiles(store);

    // Assert
    expect(lines(august.problems)).toContain('updates/2010-08/specials.md: file: is a symbolic link; links are not followed — copy the file here instead');
    expect(november.updates).toEqual([]);
    expect(lines(november.problems)).toEqual(['updates/2010-11: file: is a symbolic link; links are not followed — copy the file here instead']);
    expect(lines(stray)).toEqual(['updates/2010-11: file: is a symbolic link; links are not followed — copy the file here instead']);
    expect(await store.read('updates/2010-11/specials.md')).toBeUndefined();
    expect(await store.read('../outside/specials.md')).toBeUndefined();
  });

  it('a linked config file is reported (and the config then said to be missing)', async () => {
    // Arrange
    await writeFile(join(outside, 'workstreams.yaml'), 'workstreams: []\n');
    await rm(at('config/workstreams.yaml'));
    await symlink(join(outside, 'workstreams.yaml'), at('config/workstreams.yaml'));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(loaded.config).toBeUndefined();
    expect(lines(loaded.problems)[0]).toBe('config/workstreams.yaml: file: is a symbolic link; links are not followed — copy the file here instead');
  });
});

describe('hidden files and folders named like files', () => {
  it('are each one line from the month that holds them; OS and editor droppings stay quiet', async () => {
    // Arrange
    const cfg = await config();
    const put = async (key: string, text = update('2010-07')) => {
      await mkdir(dirname(at(key)), { recursive: true });
      await writeFile(at(key), text);
    };
    await put('updates/2010-07/.draft.md');
    await put('updates/2010-07/.old/civil-liberties.md');
    await put('updates/2010-07/.old/specials.md');
    await mkdir(at('updates/2010-07/extra.md'));
    await put('updates/2010-07/notes.json/specials.json');
    await put('issues/2010-07/.issue.md');
    await put('updates/2010-07/.DS_Store', 'x');
    await put('updates/2010-07/.specials.md.swp', 'x');

    // Act
    const july = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(july.problems)).toEqual([
      'updates/2010-07/.draft.md: file: hidden files are ignored; rename it without the leading dot, or delete it',
      'updates/2010-07/.old/: file: hidden folders are ignored; rename it without the leading dot, or delete it',
      'updates/2010-07/extra.md/: file: is a folder where a file belongs; move the files out of it and delete the folder',
      'updates/2010-07/notes.json/: file: is a folder where a file belongs; move the files out of it and delete the folder',
      'issues/2010-07/.issue.md: file: hidden files are ignored; rename it without the leading dot, or delete it',
    ]);
    expect(july.updates).toHaveLength(6);
    expect(july.manifest?.status).toBe('approved');
  });

  it('outside the month folders are reported by strayFiles, once each', async () => {
    // Arrange
    await mkdir(at('updates/.2010-12'), { recursive: true });
    await writeFile(at('updates/.2010-12/specials.md'), update('2010-12'));
    await writeFile(at('updates/.notes.md'), 'x');
    await mkdir(at('config/old.yaml'));

    // Act
    const stray = await strayFiles(store);
    const loaded = await loadConfig(store);

    // Assert
    expect(lines(stray)).toEqual([
      'updates/.2010-12/: file: hidden folders are ignored; rename it without the leading dot, or delete it',
      'updates/.notes.md: file: hidden files are ignored; rename it without the leading dot, or delete it',
    ]);
    expect(lines(loaded.problems)).toEqual(['config/old.yaml/: file: is a folder where a file belongs; move the files out of it and delete the folder']);
  });
});

describe('isHidden', () => {
  it('is true exactly when some part of the key starts with "."', () => {
    const key = fc.array(fc.stringMatching(/^[a.b/]{0,4}$/), { maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(fc.property(key, (k) => isHidden(k) === k.split('/').some((part) => part.startsWith('.'))), { numRuns: 2000 });
  });
});
