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
import { renderPdf, type PdfOptions } from '../render/render-pdf.js';
import { pdfInputsHash, pdfRecordFile } from './pdf-record.js';
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

function cacheOf(fonts: PdfFonts, entry: ArchiveEntry, earlier: boolean): WeakMap<PdfFonts, Uint8Array> {
  const cache = earlier ? rendered.earlier : rendered.current;
  const byFonts = cache.get(entry) ?? new WeakMap<PdfFonts, Uint8Array>();
  cache.set(entry, byFonts);
  return byFonts;
}

/** Everything `renderPdf` is given for `entry`, besides the fonts. */
function pdfOptions(entry: ArchiveEntry, earlier: boolean, publication: Publication): PdfOptions {
  const archived = archivedWarning(entry.issue.month, publication);
  return {
    createdAt: firstPublished(entry),
    modifiedAt: lastUpdated(entry),
    corrections: sortedCorrections(entry),
    ...(entry.draft ? { draft: true } : {}),
    ...(earlier ? { earlierRevision: { revision: currentRevision(entry), currentUrl: entry.issue.url } } : {}),
    ...(archived ? { archived } : {}),
  };
}

function pdfBytes(fonts: PdfFonts, entry: ArchiveEntry, earlier: boolean, publication: Publication): Uint8Array {
  const byFonts = cacheOf(fonts, entry, earlier);
  const cached = byFonts.get(fonts);
  if (cached) return cached;
  const bytes = renderPdf(entry.issue, fonts, pdfOptions(entry, earlier, publication));
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
 * The PDF of `entry` (`earlier`: as an earlier revision, marked as such), the
 * record of what it was rendered from (see pdf-record.ts) and what links to
 * it; undefined when the templates carry no PDF fonts.
 */
export function issuePdf(ctx: SiteContext, entry: ArchiveEntry, earlier = false): { file: OutputFile<Uint8Array>; record: OutputFile; info: PdfInfo } | undefined {
  const fonts = ctx.templates.fonts;
  if (!fonts) return undefined;
  const bytes = pdfBytes(fonts, entry, earlier, ctx.publication);
  const key = pdfKey(entry, earlier);
  return {
    file: { key, body: bytes, contentType: contentTypeOf(pdfFileName(entry.issue)) },
    record: pdfRecordFile(key, pdfInputs(fonts, entry, earlier, ctx.publication), bytes),
    info: infoOf(entry, bytes, earlier),
  };
}

/** Where `entry`'s PDF goes and the hash of what it is rendered from; undefined without PDF fonts. */
export function pdfPlan(ctx: SiteContext, entry: ArchiveEntry, earlier = false): { key: string; inputs: string } | undefined {
  const fonts = ctx.templates.fonts;
  return fonts && { key: pdfKey(entry, earlier), inputs: pdfInputs(fonts, entry, earlier, ctx.publication) };
}

/**
 * Hands `issuePdf` bytes already rendered from exactly `entry`'s inputs (a
 * stored PDF whose record matched `pdfPlan`), so it does not render them again.
 */
export function reusePdf(ctx: SiteContext, entry: ArchiveEntry, bytes: Uint8Array, earlier = false): void {
  if (ctx.templates.fonts) cacheOf(ctx.templates.fonts, entry, earlier).set(ctx.templates.fonts, bytes);
}

function pdfInputs(fonts: PdfFonts, entry: ArchiveEntry, earlier: boolean, publication: Publication): string {
  return pdfInputsHash(fonts, entry.issue, pdfOptions(entry, earlier, publication));
}
