/**
 * The PDF edition in the archive: `YYYY/MM/<name>-YYYY-MM.pdf` beside the
 * issue page, and the same name in each earlier revision's `rev-N/`. Written
 * when the templates carry the PDF fonts (every real composition does; see
 * `cli/local-site.ts`). Its bytes depend only on the entry — never on the
 * clock or on other issues (and on the publication's `replacedBy`, for the
 * archived-material warning the page carries too) — so an unchanged month's
 * PDF is never rewritten.
 */
import type { OutputFile } from '../ports.js';
import type { PdfFonts } from '../render/render-pdf-fonts.js';
import { pdfFileName, sizeLabel } from '../render/render-pdf-name.js';
import type { Publication } from '../content/schema.js';
import { archivedWarning } from '../render/render-page.js';
import { renderPdf } from '../render/render-pdf.js';
import { currentRevision, firstPublished, lastUpdated, sortedCorrections, type ArchiveEntry } from './archive-entry.js';
import type { SiteContext } from './site-page.js';
import { contentTypeOf, revisionPagePath, siteKey } from './site-paths.js';

/** What the page, the email and `bulletin.json` say about an issue's PDF. */
export interface PdfInfo {
  /** File name, e.g. `met-forward-2010-07.pdf`; the page links to it relatively. */
  name: string;
  /** Absolute URL. */
  url: string;
  bytes: number;
  /** "54 KB". */
  sizeLabel: string;
}

// Rendering is the dear part, and a write renders an entry's PDF for its page, its file and its JSON: do it once per entry object.
const rendered = { current: new WeakMap<ArchiveEntry, WeakMap<PdfFonts, Uint8Array>>(), earlier: new WeakMap<ArchiveEntry, WeakMap<PdfFonts, Uint8Array>>() };

function pdfBytes(fonts: PdfFonts, entry: ArchiveEntry, earlier: boolean, publication: Publication): Uint8Array {
  const cache = earlier ? rendered.earlier : rendered.current;
  const byFonts = cache.get(entry) ?? new WeakMap<PdfFonts, Uint8Array>();
  cache.set(entry, byFonts);
  const cached = byFonts.get(fonts);
  if (cached) return cached;
  const archived = archivedWarning(entry.issue.month, publication);
  const bytes = renderPdf(entry.issue, fonts, {
    createdAt: firstPublished(entry),
    modifiedAt: lastUpdated(entry),
    corrections: sortedCorrections(entry),
    ...(entry.draft ? { draft: true } : {}),
    ...(earlier ? { earlierRevision: { revision: currentRevision(entry), currentUrl: entry.issue.url } } : {}),
    ...(archived ? { archived } : {}),
  });
  byFonts.set(fonts, bytes);
  return bytes;
}

/** Where the PDF of `entry` lives: its issue folder, or (for an earlier revision) its `rev-N/` folder. */
function pdfKey(entry: ArchiveEntry, earlier: boolean): string {
  const dir = earlier ? revisionPagePath(entry.issue.month, currentRevision(entry)).replace(/index\.html$/, '') : `${entry.issue.path}/`;
  return siteKey(`${dir}${pdfFileName(entry.issue)}`);
}

function infoOf(entry: ArchiveEntry, bytes: Uint8Array, earlier: boolean): PdfInfo {
  const name = pdfFileName(entry.issue);
  const url = earlier ? `${entry.issue.url}rev-${currentRevision(entry)}/${name}` : `${entry.issue.url}${name}`;
  return { name, url, bytes: bytes.byteLength, sizeLabel: sizeLabel(bytes.byteLength) };
}

/**
 * The PDF of `entry` (`earlier`: as an earlier revision, marked as such) and
 * what links to it; undefined when the templates carry no PDF fonts.
 */
export function issuePdf(ctx: SiteContext, entry: ArchiveEntry, earlier = false): { file: OutputFile<Uint8Array>; info: PdfInfo } | undefined {
  const fonts = ctx.templates.fonts;
  if (!fonts) return undefined;
  const bytes = pdfBytes(fonts, entry, earlier, ctx.publication);
  return { file: { key: pdfKey(entry, earlier), body: bytes, contentType: contentTypeOf(pdfFileName(entry.issue)) }, info: infoOf(entry, bytes, earlier) };
}
