/**
 * Reads the PDF's fonts from the `@fontsource/source-sans-3` package (SIL
 * Open Font License): every subset it ships, Latin first, with the unicode
 * ranges the package publishes for each, so the core can pick a face per
 * character without reading any file itself. The WOFF files are unpacked to
 * plain sfnt (TrueType/OpenType) once here: fontkit would otherwise inflate
 * them with a JavaScript zlib on every render (~0.5 s an issue).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { parseUnicodeRanges, type PdfFace, type PdfFonts } from '../core/render/render-pdf-fonts.js';

/** The font package's folder, found when asked (a Lambda bundle has no node_modules: it passes its own `fonts/` folder). */
export function fontPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@fontsource/source-sans-3/package.json'));
}

// Latin first: it holds the typographic punctuation (– ’ “ ” •) every issue uses.
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'];
const STYLES: Record<keyof PdfFonts, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic' };

/** WOFF 1.0 → the sfnt it wraps (tables inflated, 4-byte aligned). Throws on anything that is not WOFF 1.0. */
export function unwoff(woff: Uint8Array): Uint8Array {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const n = src.readUInt16BE(12);
  const tables = Array.from({ length: n }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, compLength, origLength] = [src.readUInt32BE(at + 4), src.readUInt32BE(at + 8), src.readUInt32BE(at + 12)];
    const raw = src.subarray(offset, offset + compLength);
    return { tag: src.subarray(at, at + 4), checksum: src.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw };
  });
  const pow = 2 ** Math.floor(Math.log2(n));
  let size = 12 + 16 * n;
  const offsets = tables.map((t) => {
    const at = size;
    size += (t.data.length + 3) & ~3;
    return at;
  });
  const out = Buffer.alloc(size);
  out.writeUInt32BE(src.readUInt32BE(4), 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(n * 16 - pow * 16, 10);
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    t.tag.copy(out, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offsets[i]!, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    t.data.copy(out, offsets[i]!);
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Source Sans 3 in three styles, each as every subset in fallback order. Throws naming the file when one is missing or broken. */
export async function readPdfFonts(dir = fontPackageDir()): Promise<PdfFonts> {
  const ranges = JSON.parse(await readFile(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  const style = async (suffix: string): Promise<PdfFace[]> =>
    Promise.all(SUBSETS.map(async (subset) => {
      const range = ranges[subset];
      if (!range) throw new Error(`${join(dir, 'unicode.json')}: no range for the ${subset} subset`);
      const file = join(dir, 'files', `source-sans-3-${subset}-${suffix}.woff`);
      try {
        return { bytes: unwoff(await readFile(file)), ranges: parseUnicodeRanges(range) };
      } catch (err) {
        throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
      }
    }));
  return { regular: await style(STYLES.regular), bold: await style(STYLES.bold), italic: await style(STYLES.italic) };
}
