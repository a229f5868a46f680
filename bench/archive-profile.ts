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
  process.stderr.write(`clean build, ${n} months: ${ms(await timeMs(build))}\n`);
  if (process.argv[3] === 'rebuild') process.stderr.write(`rebuild over it: ${ms(await timeMs(build))}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
