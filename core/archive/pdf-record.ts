/**
 * PDFs of unchanged issues are not rendered again on a rebuild. Beside each
 * PDF the archive keeps a record (`cache/<pdf key>.json`, outside `site/`, so
 * never served) of the hash of everything the PDF was rendered from — the
 * issue, the options, the fonts' bytes and the renderer's edition — and of
 * the PDF's own bytes. A build whose inputs hash the same reads the stored
 * PDF back instead of rendering it, but only when the stored bytes still
 * hash to the record (a crash between the two writes, or a hand edit, means
 * render again). The PDF is written before its record, so a record never
 * vouches for bytes that are not there.
 */
import { createHash } from 'node:crypto';
import type { OutputFile } from '../ports.js';
import type { Issue } from '../render/issue-model.js';
import type { PdfFonts } from '../render/render-pdf-fonts.js';
import { PDF_EDITION, type PdfOptions } from '../render/render-pdf.js';

/** The record kept beside a PDF. */
export interface PdfRecord {
  /** sha256 of what the PDF was rendered from. */
  inputs: string;
  /** sha256 of the PDF's bytes. */
  sha256: string;
}

/** Hex sha256. */
export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** JSON with keys sorted at every level: equal values give equal text whatever order their keys were built in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Hashing the font bytes (a few MB) once per set of fonts, not once per PDF.
const fontDigests = new WeakMap<PdfFonts, string>();
function fontsDigest(fonts: PdfFonts): string {
  let digest = fontDigests.get(fonts);
  if (!digest) {
    const hash = createHash('sha256');
    for (const style of ['regular', 'bold', 'italic'] as const) {
      for (const face of fonts[style]) hash.update(`${style}:${canonical(face.ranges)}:${face.bytes.byteLength}:`).update(face.bytes);
    }
    digest = hash.digest('hex');
    fontDigests.set(fonts, digest);
  }
  return digest;
}

/** sha256 of everything `renderPdf(issue, fonts, options)` depends on. */
export function pdfInputsHash(fonts: PdfFonts, issue: Issue, options: PdfOptions): string {
  return sha256(canonical({ edition: PDF_EDITION, fonts: fontsDigest(fonts), issue, options }));
}

/** Store key of the record kept for the PDF at `pdfKey`. */
export const pdfRecordKey = (pdfKey: string) => `cache/${pdfKey}.json`;

/** The record file for a PDF rendered from inputs hashing to `inputs`. */
export function pdfRecordFile(pdfKey: string, inputs: string, bytes: Uint8Array): OutputFile {
  const record: PdfRecord = { inputs, sha256: sha256(bytes) };
  return { key: pdfRecordKey(pdfKey), body: `${JSON.stringify(record)}\n`, contentType: 'application/json' };
}

