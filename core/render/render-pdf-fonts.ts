/**
 * The fonts a PDF is set in, as plain bytes (the core reads no files): each
 * style is a list of faces in fallback order, each face with the code points
 * it covers, so a character outside the first face's subset ("Ł", "Ω") is
 * drawn — and extracted — from a face that has it, never as a missing glyph.
 */

/** One font file (TTF, OTF or WOFF) and the code point ranges it covers, inclusive. */
export interface PdfFace {
  bytes: Uint8Array;
  ranges: readonly (readonly [number, number])[];
}

/** Faces per style, in fallback order; each style needs at least one face. */
export interface PdfFonts {
  regular: readonly PdfFace[];
  bold: readonly PdfFace[];
  italic: readonly PdfFace[];
}

export type PdfStyle = keyof PdfFonts;

/** `U+0000-00FF,U+0131` (CSS `unicode-range` syntax) → `[[0, 255], [305, 305]]`; throws on anything else. */
export function parseUnicodeRanges(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const m = /^\s*U\+([0-9A-F]{1,6})(?:-([0-9A-F]{1,6}))?\s*$/i.exec(part);
    if (!m) throw new Error(`not a unicode range: "${part}"`);
    const from = parseInt(m[1]!, 16);
    return [from, m[2] ? parseInt(m[2], 16) : from];
  });
}

const covers = (face: PdfFace, cp: number) => face.ranges.some(([a, b]) => cp >= a && cp <= b);

/** A stretch of text drawn from one face (its index in the style's list). */
export interface FaceRun {
  face: number;
  text: string;
}

/**
 * Splits `text` into runs, each drawn from the first face that covers its
 * characters. A character the current face covers stays in the run, so
 * spaces and combining marks never split a word; one no face covers goes to
 * the first face (the font's own fallback glyph).
 */
export function faceRuns(text: string, faces: readonly PdfFace[]): FaceRun[] {
  const runs: FaceRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs.at(-1);
    if (last && covers(faces[last.face]!, cp)) {
      last.text += ch;
      continue;
    }
    const found = faces.findIndex((f) => covers(f, cp));
    const face = found < 0 ? 0 : found;
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}
