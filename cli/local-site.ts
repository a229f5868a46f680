/**
 * What `build`, `publish` and `correct` render with on one machine: the
 * content folder, the output folder, the templates, the static assets and
 * the Pagefind indexer and the code's edition. Folder mistakes are one line, checked up front.
 */
import { codeEdition } from '../adapters/code-edition.js';
import { FsArchiveStore } from '../adapters/fs-archive-store.js';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readPdfFonts } from '../adapters/fs-fonts.js';
import { readAssets, readTemplateFiles } from '../adapters/fs-templates.js';
import { PagefindIndexer } from '../adapters/pagefind-indexer.js';
import { compileTemplates, type Templates } from '../core/render/templates.js';
import { join } from 'node:path';
import { requireFolder, requireFolderOrNothing } from './folders.js';
import { UsageError } from './io.js';

export interface LocalSite {
  content: FsContentStore;
  out: FsArchiveStore;
  templates: Templates;
  assets: Record<string, string>;
  searchIndexer: PagefindIndexer;
  /** The rendering code's edition, so a rebuild skips what has not changed; absent when the sources are not beside the command. */
  edition?: string;
}

/**
 * `bulletin build` writes previews (drafts included) and rewrites pages
 * freely: never into a published archive, whose pages only publish and
 * correct may change.
 */
export async function refusePublishedArchive(out: string): Promise<void> {
  const records = (await new FsArchiveStore(out).list('records/')).filter((k) => k.endsWith('.json'));
  if (records.length) {
    throw new UsageError(`--out ${out}: holds a published archive (${records.length} published record${records.length === 1 ? '' : 's'} in ${join(out, 'records')}); build writes draft previews — build into another folder (default: dist), and use bulletin publish or correct to change the archive`);
  }
}

/** Checks `--content` exists and `--out` is not a file, then loads templates and assets. */
export async function openLocalSite(options: { content: string; out: string }): Promise<LocalSite> {
  await requireFolder('--content', options.content);
  await requireFolderOrNothing('--out', options.out);
  return {
    content: new FsContentStore(options.content),
    out: new FsArchiveStore(options.out),
    templates: compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() }),
    assets: await readAssets(),
    searchIndexer: new PagefindIndexer(),
    ...await editionIfKnown(),
  };
}

async function editionIfKnown(): Promise<{ edition?: string }> {
  const edition = await codeEdition();
  return edition === undefined ? {} : { edition };
}
