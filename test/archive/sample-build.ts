/**
 * The sample content built as `bulletin build` builds it (fonts, so PDFs;
 * Pagefind, so the search index), and each output file's sha256: what the
 * byte-identical test compares against the checked-in digest list.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { codeEdition } from '../../adapters/code-edition.js';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readPdfFonts } from '../../adapters/fs-fonts.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { PagefindIndexer } from '../../adapters/pagefind-indexer.js';
import { buildSite, type BuildResult } from '../../core/archive/build-site.js';
import type { ArchiveStore } from '../../core/ports.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { CONTENT_DIR } from '../pages/site-fixture.js';

/** Where the digest list lives (`<sha256>  <path>` per line, sorted by path), generated from main before the speed work. */
export const DIGESTS = new URL('./golden/sample-build.sha256', import.meta.url);

export interface SampleBuildOptions {
  content?: string;
  month?: string;
  /** The code's edition (default: this checkout's, as the CLI passes it); `null` builds without one, so nothing is skipped. */
  edition?: string | null;
  now?: Date;
  /** Wraps the output store (to inject faults). */
  store?: (out: FsArchiveStore) => ArchiveStore;
  /** Wraps the templates (to watch what is rendered). */
  templates?: (templates: Templates) => Templates;
}

/** Builds `content` (default: the sample) into `out`, optionally just `month`, as the CLI does. */
export async function buildSample(out: string, options: SampleBuildOptions = {}): Promise<BuildResult> {
  const compiled = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
  const templates = options.templates ? options.templates(compiled) : compiled;
  const edition = options.edition === undefined ? await codeEdition() : options.edition;
  return buildSite({
    content: new FsContentStore(options.content ?? CONTENT_DIR),
    out: options.store ? options.store(new FsArchiveStore(out)) : new FsArchiveStore(out),
    templates,
    assets: await readAssets(),
    searchIndexer: new PagefindIndexer(),
    ...(options.month ? { month: options.month } : {}),
    ...(edition ? { edition } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** Every file under `root` (the store's hidden `.partial/` and the build's private `cache/` records excluded) → its sha256, in the digest list's format. */
export async function digestList(root: string): Promise<string> {
  const lines: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(e.parentPath, e.name));
    if (!e.isFile() || path.startsWith('.partial') || path.startsWith('cache/')) continue;
    lines.push(`${createHash('sha256').update(await readFile(join(root, path))).digest('hex')}  ${path}`);
  }
  return `${lines.sort((a, b) => a.slice(66).localeCompare(b.slice(66))).join('\n')}\n`;
}
