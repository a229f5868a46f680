/**
 * A rebuild skips the months that have not changed (core/archive/month-stamp.ts)
 * and still writes exactly what a build that skips nothing writes: after
 * every kind of change a month's output depends on — its files edited, added
 * or removed, the config, the code's edition, the clock crossing a deadline,
 * output files deleted by hand, a new month — and after a build cut short at
 * any point, even when the content is then put back as it was.
 */
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../core/content/problem.js';
import type { BuildResult } from '../../core/archive/build-site.js';
import type { ArchiveStore } from '../../core/ports.js';
import type { Templates } from '../../core/render/templates.js';
import { copyContent } from '../pages/site-fixture.js';
import { buildSample, digestList, type SampleBuildOptions } from './sample-build.js';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { BUILD_STAMP_KEY, listingHash, outputKeys } from '../../core/archive/month-stamp.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-month-stamps-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const parse = (list: string) => new Map(list.trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)] as const));
const problemLines = (r: BuildResult) => r.problems.map(formatProblem).sort();

/** Builds `content` (default: the sample) into a fresh folder with nothing to skip; returns its digests and problems. */
async function cleanBuild(content?: string, options: SampleBuildOptions = {}) {
  const out = join(dir, `clean-${++n}`);
  const result = await buildSample(out, { ...options, ...(content ? { content } : {}), edition: null });
  return { digests: await digestList(out), problems: problemLines(result) };
}

/** `out` holds every file the clean build wrote, byte for byte; its only extras are an older search index's content-addressed files. */
async function expectSameAs(out: string, clean: { digests: string }) {
  const [a, b] = [parse(clean.digests), parse(await digestList(out))];
  expect([...a].filter(([path, sha]) => b.get(path) !== sha).map(([path]) => path)).toEqual([]);
  expect([...b.keys()].filter((p) => !a.has(p) && !/^site\/pagefind\/\d{4}\/(fragment|index)\//.test(p) && !/^site\/pagefind\/\d{4}\/pagefind\.en_\w+\.pf_meta$/.test(p))).toEqual([]);
}

/** Templates that record every email rendered and every page by name. */
function watched(calls: string[]) {
  return (t: Templates): Templates => ({ ...t, page: (name, ctx) => (calls.push(`page ${name}`), t.page(name, ctx)), mjml: (name, ctx) => (calls.push(`mjml ${name}`), t.mjml(name, ctx)) });
}

it('rebuilds an unchanged archive without rendering any month or indexing again, and writes nothing', async () => {
  const out = join(dir, 'unchanged');
  await buildSample(out);
  const calls: string[] = [];
  const again = await buildSample(out, { templates: watched(calls) });
  expect(again.written).toEqual([]);
  expect(again.issues.map((i) => i.month)).toEqual(['2010-07', '2010-08', '2010-09', '2010-10']);
  // No email, no issue page, no status page: only the archive-wide pages are rendered (and found unchanged).
  expect(calls.filter((c) => /^mjml |^page (issue|status)/.test(c))).toEqual([]);
  // The same build without the code's edition renders every month, and agrees.
  const plain: string[] = [];
  expect((await buildSample(out, { edition: null, templates: watched(plain) })).written).toEqual([]);
  expect(plain.filter((c) => c.startsWith('mjml ')).length).toBeGreaterThanOrEqual(4);
});

describe('after each kind of change, a rebuild over the last output equals a clean build', () => {
  let content: string;
  let out: string;
  beforeAll(async () => {
    content = await copyContent(join(dir, 'changes'));
    out = join(dir, 'changes-out');
    await buildSample(out, { content, now: new Date('2010-11-01T09:00:00Z') });
  });

  const step = async (options: SampleBuildOptions = {}) => {
    const opts = { now: new Date('2010-11-01T09:00:00Z'), ...options };
    const result = await buildSample(out, { ...opts, content });
    // The build stamp's listing (worked out from the first walk and the writes) is the output as it now is.
    const stamp = JSON.parse(await readFile(join(out, BUILD_STAMP_KEY), 'utf8')) as { files?: string; pending?: true };
    if (!stamp.pending) expect(stamp.files).toBe(listingHash(await outputKeys(new FsArchiveStore(out))));
    const { month: _month, ...whole } = opts;
    const clean = await cleanBuild(content, whole);
    await expectSameAs(out, clean);
    expect(problemLines(result)).toEqual(clean.problems);
    return result;
  };

  it('an update edited', async () => {
    const file = join(content, 'updates/2010-08/civil-liberties.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\nA sentence added after the first build, naming Südwark – “quoted”.\n`);
    await step();
  });

  it('an invalid update added: its problem is reported by the rebuild and by every later one', async () => {
    await writeFile(join(content, 'updates/2010-09/specials.md'), '---\nworkstream: specials\n---\nA second specials update for the month.\n');
    const first = await step();
    expect(first.problems.length).toBeGreaterThan(0);
    const again = await step();
    expect(problemLines(again)).toEqual(problemLines(first));
  });

  it('an update removed', async () => {
    await unlink(join(content, 'updates/2010-07/anti-violence-panel.md'));
    await step();
  });

  it('the config changed', async () => {
    const file = join(content, 'config/publication.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('tagline: Monthly progress bulletin', 'tagline: Monthly progress report'));
    await step();
  });

  it('the code changed (a new edition), nothing else', async () => {
    await step({ edition: 'a later edition of the code' });
  });

  it('the clock passed a draft month’s deadline', async () => {
    // October's safer-neighbourhoods update missing: "waiting" before its deadline (7 November), "late" after.
    await unlink(join(content, 'updates/2010-10/safer-neighbourhoods.md'));
    await step({ edition: 'a later edition of the code' });
    const status = () => readFile(join(out, 'status/2010-10.json'), 'utf8');
    expect(await status()).not.toContain('"late"');
    await step({ edition: 'a later edition of the code', now: new Date('2010-11-10T09:00:00Z') });
    expect(await status()).toContain('"late"');
  });

  it('a --month build beside a draft with a late gap (its neighbour’s page is written again, notices and all)', async () => {
    const file = join(content, 'updates/2010-09/civil-liberties.md');
    await writeFile(file, `${await readFile(file, 'utf8')}\nOne more line for September.\n`);
    await step({ edition: 'a later edition of the code', now: new Date('2010-11-10T09:00:00Z'), month: '2010-09' });
  });

  it('files deleted from the output by hand', async () => {
    await rm(join(out, 'site/2010/07/index.html'));
    await rm(join(out, 'email/2010-08/email.html'));
    await rm(join(out, 'site/workstreams'), { recursive: true, force: true });
    // A search-index file too: the index must be made again, not taken as unchanged.
    const current = Object.keys((JSON.parse(await readFile(join(out, 'cache/search/2010.json'), 'utf8')) as { files: Record<string, string> }).files);
    await rm(join(out, 'site/pagefind/2010', current.find((f) => f.startsWith('fragment/'))!));
    await step({ edition: 'a later edition of the code', now: new Date('2010-11-10T09:00:00Z') });
  });

  it('a month added', async () => {
    await cp(join(content, 'updates/2010-10'), join(content, 'updates/2010-11'), { recursive: true });
    await step({ edition: 'a later edition of the code', now: new Date('2010-11-10T09:00:00Z') });
  });
});

it('a build cut short at any write, then run again, equals a clean build — even with the content put back as it was', async () => {
  const content = await copyContent(join(dir, 'cut'));
  const base = join(dir, 'cut-base');
  await buildSample(base, { content });
  const file = join(content, 'updates/2010-08/civil-liberties.md');
  const original = await readFile(file, 'utf8');
  const edited = `${original}\nA sentence that a build cut short half wrote.\n`;
  // How many writes the edited rebuild makes, to cut it at its first, middle and last.
  await writeFile(file, edited);
  const probe = join(dir, 'cut-probe');
  await cp(base, probe, { recursive: true });
  const total = (await buildSample(probe, { content })).written.length;
  expect(total).toBeGreaterThan(3);
  for (const cutAt of [1, Math.floor(total / 2), total - 1]) {
    const out = join(dir, `cut-${cutAt}`);
    await cp(base, out, { recursive: true });
    await writeFile(file, edited);
    let writes = 0;
    const failing = (store: ArchiveStore): ArchiveStore =>
      Object.assign(Object.create(store) as ArchiveStore, {
        write: async (key: string, body: string | Uint8Array, type?: string) => {
          const changed = await store.write(key, body, type);
          if (changed && ++writes >= cutAt) throw new Error(`cut short after ${writes} writes`);
          return changed;
        },
      });
    await expect(buildSample(out, { content, store: failing })).rejects.toThrow(/cut short/);
    // Put back: the stamps of the first build now match the content again, but the pages in between must not be trusted.
    await writeFile(file, original);
    await buildSample(out, { content });
    await expectSameAs(out, await cleanBuild(content));
  }
});

describe('a --month build carries the last build listing forward instead of walking the output', () => {
  /** The store, counting every listing of the whole output. */
  const counting = (lists: string[]) => (store: ArchiveStore): ArchiveStore =>
    Object.assign(Object.create(store) as ArchiveStore, { list: async (prefix: string) => (lists.push(prefix), store.list(prefix)) });

  it('lists nothing, writes nothing for an unchanged month, and leaves a stamp the next whole build trusts', async () => {
    const out = join(dir, 'carried');
    await buildSample(out);
    const lists: string[] = [];
    expect((await buildSample(out, { month: '2010-08', store: counting(lists) })).written).toEqual([]);
    expect(lists.filter((p) => p === '')).toEqual([]);
    // The stamp still describes the output exactly: the whole build after it renders no month.
    const calls: string[] = [];
    expect((await buildSample(out, { templates: watched(calls) })).written).toEqual([]);
    expect(calls.filter((c) => c.startsWith('mjml '))).toEqual([]);
    const stamp = JSON.parse(await readFile(join(out, BUILD_STAMP_KEY), 'utf8')) as { files: string; keys: string[] };
    expect(stamp.keys).toEqual(await outputKeys(new FsArchiveStore(out)));
    expect(stamp.files).toBe(listingHash(stamp.keys));
  });

  it('renders its month again when one of that month\'s files was deleted by hand', async () => {
    const out = join(dir, 'carried-own-month');
    await buildSample(out);
    await unlink(join(out, 'site/2010/08/index.html'));
    const result = await buildSample(out, { month: '2010-08' });
    expect(result.written).toContain('site/2010/08/index.html');
    await expectSameAs(out, await cleanBuild());
  });

  it('never makes a file deleted by hand trusted: the next whole build finds the listing changed and writes it again', async () => {
    const out = join(dir, 'carried-deleted');
    await buildSample(out);
    await unlink(join(out, 'site/2010/10/index.html'));
    // A --month build of a month two away (no neighbour of it) does not notice: it does not walk the output…
    expect((await buildSample(out, { month: '2010-07' })).written).not.toContain('site/2010/10/index.html');
    // …but the stamp it carried forward still lists the deleted page, so the whole build does not trust the output.
    const again = await buildSample(out);
    expect(again.written).toContain('site/2010/10/index.html');
    await expectSameAs(out, await cleanBuild());
  });
});
