/**
 * One full archive build of N generated months (default 240), PDFs and search
 * included, then (with `rebuild`) the same build over its output, for
 * profiling (NOSEARCH=1: the --month builds without the search index):
 * `npx tsx bench/archive-profile.ts [N] [rebuild|month] [OUT.cpuprofile]`
 * writes the CPU profile of the last build (`month`: a `--month` build of one
 * edited month over the clean build's output, as publishing runs), then
 * `node bench/cpuprofile-summary.js OUT.cpuprofile` sums its self time.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsArchiveStore } from '../adapters/fs-archive-store.js';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readPdfFonts } from '../adapters/fs-fonts.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { PagefindIndexer } from '../adapters/pagefind-indexer.js';
import { buildSite } from '../core/archive/build-site.js';
import { compileTemplates } from '../core/render/templates.js';
import { codeEdition } from '../adapters/code-edition.js';
import { editMonth, generateContent } from './archive-content.js';
import { ms, timeMs } from './support.js';

const [n = 240, mode, profileTo] = [Number(process.argv[2] ?? 240), process.argv[3], process.argv[4]];
const rebuild = mode === 'rebuild' || mode === 'month';
// REUSE=DIR (a folder an earlier run kept with KEEP=1): no content generated, and a whole build over its output instead of a clean one.
const reuse = process.env.REUSE;
const dir = reuse ?? (await mkdtemp(join(tmpdir(), `bulletin-profile-${n}-`)));
try {
  const { content, months } = reuse ? { content: join(dir, 'content'), months: (await readdir(join(dir, 'content', 'updates'))).sort() } : await generateContent(dir, n);
  const edition = await codeEdition();
  const target = months[Math.floor(n / 2)]!;
  const templates = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
  const assets = await readAssets();
  const indexer = new PagefindIndexer();
  const build = (month?: string) =>
    buildSite({ content: new FsContentStore(content), out: new FsArchiveStore(join(dir, 'out')), templates, assets, ...(process.env.NOSEARCH && month ? {} : { searchIndexer: indexer }), ...(edition ? { edition } : {}), ...(month ? { month } : {}) });
  const timed = async (label: string, profile: boolean, month?: string) => {
    const session = new Session();
    if (profile) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const wall = await timeMs(() => build(month));
    const used = process.cpuUsage(cpu);
    if (profile) await writeFile(profileTo!, JSON.stringify((await session.post('Profiler.stop')).profile));
    process.stderr.write(`${label}, ${n} months: ${ms(wall)} (CPU of this process ${ms((used.user + used.system) / 1000)})\n`);
  };
  // A reused folder is first rebuilt whole, so its stamps are this code's (as after `bulletin build`).
  await timed(reuse ? 'whole build over the kept output' : 'clean build', Boolean(profileTo) && !rebuild);
  if (mode === 'month') {
    // Warm once (code, Pagefind's process), then the profiled one.
    await editMonth(content, target, 'Profile warm-up edit.');
    await timed('--month build (warm-up)', false, target);
    await editMonth(content, target, 'Profile edit.');
    await timed(`--month ${target} build`, Boolean(profileTo), target);
  } else if (rebuild) await timed('rebuild over it', Boolean(profileTo));
} finally {
  if (process.env.KEEP || reuse) process.stderr.write(`kept ${dir}\n`);
  else await rm(dir, { recursive: true, force: true });
}
