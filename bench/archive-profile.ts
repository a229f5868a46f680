/**
 * One full archive build of N generated months (default 240), PDFs and search
 * included, for profiling: `node --import tsx --cpu-prof --cpu-prof-dir=DIR bench/archive-profile.ts [N] [rebuild]`,
 * then `node bench/cpuprofile-summary.js DIR/*.cpuprofile`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
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

const n = Number(process.argv[2] ?? 240);
const dir = await mkdtemp(join(tmpdir(), `bulletin-profile-${n}-`));
try {
  const { content } = await generateContent(dir, n);
  const templates = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
  const assets = await readAssets();
  const build = () => buildSite({ content: new FsContentStore(content), out: new FsArchiveStore(join(dir, 'out')), templates, assets, searchIndexer: new PagefindIndexer() });
  const timed = async (label: string) => {
    const cpu = process.cpuUsage();
    const wall = await timeMs(build);
    const used = process.cpuUsage(cpu);
    process.stderr.write(`${label}, ${n} months: ${ms(wall)} (CPU of this process ${ms((used.user + used.system) / 1000)})\n`);
  };
  await timed('clean build');
  if (process.argv[3] === 'rebuild') await timed('rebuild over it');
} finally {
  await rm(dir, { recursive: true, force: true });
}
