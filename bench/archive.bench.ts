/**
 * The archive build at 12, 60 and 240 generated months: a full build, and a
 * `--month` build of one edited month (median of 3), with the Pagefind
 * indexing time reported on its own (it re-indexes every issue, so it grows
 * with the archive) and the same `--month` build without search. Per-month
 * costs and the incremental/full ratio show what grows with the archive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsArchiveStore } from '../adapters/fs-archive-store.js';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { PagefindIndexer } from '../adapters/pagefind-indexer.js';
import { buildSite, type BuildResult } from '../core/archive/build-site.js';
import type { SearchIndexer } from '../core/archive/search-index.js';
import { compileTemplates } from '../core/render/templates.js';
import { editMonth, generateContent } from './archive-content.js';
import { median, ms, timeMs, type Row } from './support.js';

const SIZES = [12, 60, 240];
const INCREMENTAL_RUNS = 3;

/** The Pagefind adapter, timed. */
class TimedIndexer implements SearchIndexer {
  lastMs = 0;
  private readonly inner = new PagefindIndexer();
  async index(...args: Parameters<SearchIndexer['index']>) {
    let files: Awaited<ReturnType<SearchIndexer['index']>> = [];
    this.lastMs = await timeMs(async () => (files = await this.inner.index(...args)));
    return files;
  }
}

export async function run(): Promise<Row[]> {
  const templates = compileTemplates(await readTemplateFiles());
  const assets = await readAssets();
  const rows: Row[] = [];
  for (const n of SIZES) {
    const dir = await mkdtemp(join(tmpdir(), `bulletin-bench-${n}-`));
    try {
      const { content, months } = await generateContent(dir, n);
      const out = new FsArchiveStore(join(dir, 'out'));
      const indexer = new TimedIndexer();
      const build = async (month?: string, search = true): Promise<{ ms: number; result: BuildResult }> => {
        let result: BuildResult | undefined;
        const t = await timeMs(async () => {
          result = await buildSite({ content: new FsContentStore(content), out, templates, assets, ...(month ? { month } : {}), ...(search ? { searchIndexer: indexer } : {}) });
        });
        if (result!.problems.length) throw new Error(`generated content has problems: ${JSON.stringify(result!.problems[0])}`);
        return { ms: t, result: result! };
      };
      const full = await build();
      const fullSearch = indexer.lastMs;
      const target = months[Math.floor(n / 2)]!;
      const incremental: number[] = [];
      const searchTimes: number[] = [];
      let written = 0;
      for (let i = 0; i < INCREMENTAL_RUNS; i++) {
        await editMonth(content, target, `Bench edit ${i}.`);
        const r = await build(target);
        incremental.push(r.ms);
        searchTimes.push(indexer.lastMs);
        written = r.result.written.filter((k) => !k.startsWith('site/pagefind/')).length;
      }
      const noSearch: number[] = [];
      for (let i = 0; i < INCREMENTAL_RUNS; i++) {
        await editMonth(content, target, `Bench edit without search ${i}.`);
        noSearch.push((await build(target, false)).ms);
      }
      const inc = median(incremental);
      rows.push(
        { name: `full build, ${n} months`, value: ms(full.ms), note: `${ms(full.ms / n)} per month; Pagefind indexing ${ms(fullSearch)} of it` },
        { name: `--month build, ${n} months`, value: ms(inc), note: `incremental/full ${(inc / full.ms).toFixed(3)}; Pagefind ${ms(median(searchTimes))} of it; ${written} files written besides the search index` },
        { name: `--month build without search, ${n} months`, value: ms(median(noSearch)), note: `${ms(median(noSearch) / n)} per month of archive (index pages, feeds, reading bulletin.json)` },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
