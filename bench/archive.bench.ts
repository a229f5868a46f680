/**
 * The archive build at 12, 60 and 240 generated months, composed as
 * `bulletin build` composes it (a tagged PDF per issue, Pagefind search):
 * a clean build into an empty folder, a full rebuild over that output (what
 * an unchanged `bulletin build` costs: stored PDFs, emails and search records
 * reused), and a `--month` build of one edited month (median of 7, the
 * sizes taking turns), with Pagefind's own indexing time reported on its own. One warm PDF's cost
 * (fonts parsed once, words shaped once) gives the clean build's floor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeEdition } from '../adapters/code-edition.js';
import { FsArchiveStore } from '../adapters/fs-archive-store.js';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readPdfFonts } from '../adapters/fs-fonts.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { PagefindIndexer } from '../adapters/pagefind-indexer.js';
import { buildSite, type BuildResult } from '../core/archive/build-site.js';
import type { SearchIndexer } from '../core/archive/search-index.js';
import { compileTemplates } from '../core/render/templates.js';
import { editMonth, generateContent } from './archive-content.js';
import { pdfFloor } from './archive-pdf-floor.js';
import { median, ms, timeMs, type Row } from './support.js';

const SIZES = [12, 60, 240];
const INCREMENTAL_RUNS = 7;
const FULL_TARGET_MS = 3000;
const RATIO_TARGET = 1.5;

/** The Pagefind adapter, timed. */
class TimedIndexer implements SearchIndexer {
  lastMs = 0;
  private readonly inner = new PagefindIndexer();
  readonly edition = this.inner.edition;
  /** Every year's bundle that changed, in one Pagefind process. */
  async index(...args: Parameters<SearchIndexer['index']>) {
    let bundles: Awaited<ReturnType<SearchIndexer['index']>> = [];
    this.lastMs = await timeMs(async () => (bundles = await this.inner.index(...args)));
    return bundles;
  }
}

/** One generated archive of `n` months, built, with what its `--month` runs need. */
interface Site {
  n: number;
  dir: string;
  content: string;
  target: string;
  indexer: TimedIndexer;
  build: (month?: string, search?: boolean) => Promise<{ ms: number; written: string[] }>;
  rows: Row[];
  cleanMs: number;
}

export async function run(): Promise<Row[]> {
  const templates = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
  const assets = await readAssets();
  // As the CLI passes it: with the code's edition, unchanged months are skipped (core/archive/month-stamp.ts).
  const edition = await codeEdition();
  if (!edition) throw new Error('no code edition: run the bench from a checkout');
  const sites: Site[] = [];
  try {
    for (const n of SIZES) {
      const dir = await mkdtemp(join(tmpdir(), `bulletin-bench-${n}-`));
      const { content, months } = await generateContent(dir, n);
      const out = new FsArchiveStore(join(dir, 'out'));
      const indexer = new TimedIndexer();
      // Only the keys written are kept from a build, not its result: a result holds every issue model, and a bench
      // that kept the 240-month ones alive would make every later build's garbage collection pay for them.
      const build = async (month?: string, search = true): Promise<{ ms: number; written: string[] }> => {
        let result: BuildResult | undefined;
        indexer.lastMs = 0;
        const t = await timeMs(async () => {
          result = await buildSite({ content: new FsContentStore(content), out, templates, assets, edition, ...(month ? { month } : {}), ...(search ? { searchIndexer: indexer } : {}) });
        });
        if (result!.problems.length) throw new Error(`generated content has problems: ${JSON.stringify(result!.problems[0])}`);
        return { ms: t, written: result!.written };
      };
      sites.push({ n, dir, content, target: months[Math.floor(n / 2)]!, indexer, build, rows: [], cleanMs: 0 });
      const site = sites.at(-1)!;
      const clean = await build();
      const cleanSearch = indexer.lastMs;
      const rebuild = await build();
      const rebuildSearch = indexer.lastMs;
      // What `bulletin build` (no --month) costs after an author edits one month.
      await editMonth(content, site.target, 'Bench edit before a whole rebuild.');
      const edited = await build();
      const editedSearch = indexer.lastMs;
      site.cleanMs = clean.ms;
      const budget = n === 240 ? { target: `≤ ${ms(FULL_TARGET_MS)}` } : {};
      site.rows.push(
        { name: `full build into an empty folder, ${n} months`, value: ms(clean.ms), ...budget, ...(n === 240 ? { met: clean.ms <= FULL_TARGET_MS } : {}), note: `${ms(clean.ms / n)} per month, a PDF each; Pagefind ${ms(cleanSearch)} of it` },
        { name: `full rebuild over that output, ${n} months`, value: ms(rebuild.ms), ...budget, ...(n === 240 ? { met: rebuild.ms <= FULL_TARGET_MS } : {}), note: `${ms(rebuild.ms / n)} per month: no month parsed or rendered (stamps), search index unchanged; ${rebuild.written.length} files written; Pagefind ${ms(rebuildSearch)} of it` },
        { name: `full rebuild after one month edited, ${n} months`, value: ms(edited.ms), ...budget, ...(n === 240 ? { met: edited.ms <= FULL_TARGET_MS } : {}), note: `that month rendered, the rest skipped; ${edited.written.length} files written; Pagefind ${ms(editedSearch)} of it` },
      );
    }
    // The `--month` builds of every size in turn, round after round: the machine's drift and this process's heap
    // (three archives built) then weigh on each size alike, and the 240-vs-12 ratio compares like with like.
    const incremental = new Map<number, number[]>(SIZES.map((n) => [n, []]));
    const searchTimes = new Map<number, number[]>(SIZES.map((n) => [n, []]));
    const noSearch = new Map<number, number[]>(SIZES.map((n) => [n, []]));
    const writtenBesides = new Map<number, number>();
    for (let i = 0; i < INCREMENTAL_RUNS; i++) {
      for (const site of sites) {
        await editMonth(site.content, site.target, `Bench edit ${i}.`);
        const r = await site.build(site.target);
        incremental.get(site.n)!.push(r.ms);
        searchTimes.get(site.n)!.push(site.indexer.lastMs);
        writtenBesides.set(site.n, r.written.filter((k) => !k.startsWith('site/pagefind/')).length);
      }
      for (const site of sites) {
        await editMonth(site.content, site.target, `Bench edit without search ${i}.`);
        noSearch.get(site.n)!.push((await site.build(site.target, false)).ms);
      }
    }
    const rows: Row[] = [];
    for (const site of sites) {
      const inc = median(incremental.get(site.n)!);
      const bare = median(noSearch.get(site.n)!);
      rows.push(
        ...site.rows,
        { name: `--month build, ${site.n} months`, value: ms(inc), note: `median of ${INCREMENTAL_RUNS}; incremental/full ${(inc / site.cleanMs).toFixed(3)}; Pagefind indexing that month's year (≤ 12 records) ${ms(median(searchTimes.get(site.n)!))} of it; ${writtenBesides.get(site.n)} files written besides the search index` },
        { name: `--month build without search, ${site.n} months`, value: ms(bare), note: `${ms(bare / site.n)} per month of archive (index pages, feeds, reading bulletin.json)` },
      );
    }
    const at = (n: number) => median(incremental.get(n)!);
    const ratio = at(240) / at(12);
    rows.push({ name: '--month build, 240 vs 12 months', value: `${ratio.toFixed(2)}×`, target: `≤ ${RATIO_TARGET}×`, met: ratio <= RATIO_TARGET, note: `${ms(at(240))} vs ${ms(at(12))}; sizes measured in turn, ${INCREMENTAL_RUNS} rounds` });
    rows.push(await pdfFloor(templates.fonts!, FULL_TARGET_MS));
    return rows;
  } finally {
    for (const site of sites) await rm(site.dir, { recursive: true, force: true });
  }
}
