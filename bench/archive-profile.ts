/**
 * One full archive build of N generated months (default 240), PDFs and search
 * included, then (with `rebuild`) the same build over its output, for
 * profiling: `npx tsx bench/archive-profile.ts [N] [rebuild] [OUT.cpuprofile]`
 * writes the CPU profile of the last build, then
 * `node bench/cpuprofile-summary.js OUT.cpuprofile` sums its self time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { generateContent } from './archive-content.js';
import { ms, timeMs } from './support.js';

const [n = 240, rebuild, profileTo] = [Number(process.argv[2] ?? 240), process.argv[3] === 'rebuild', process.argv[4]];
const dir = await mkdtemp(join(tmpdir(), `bulletin-profile-${n}-`));
try {
  const { content } = await generateContent(dir, n);
  const templates = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
  const assets = await readAssets();
  const build = () => buildSite({ content: new FsContentStore(content), out: new FsArchiveStore(join(dir, 'out')), templates, assets, searchIndexer: new PagefindIndexer() });
  const timed = async (label: string, profile: boolean) => {
    const session = new Session();
    if (profile) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    const wall = await timeMs(build);
    const used = process.cpuUsage(cpu);
    if (profile) await writeFile(profileTo!, JSON.stringify((await session.post('Profiler.stop')).profile));
    process.stderr.write(`${label}, ${n} months: ${ms(wall)} (CPU of this process ${ms((used.user + used.system) / 1000)})\n`);
  };
  await timed('clean build', Boolean(profileTo) && !rebuild);
  if (rebuild) await timed('rebuild over it', Boolean(profileTo));
} finally {
  await rm(dir, { recursive: true, force: true });
}
