/**
 * Font faces parsed once per set of font bytes, and each word shaped once,
 * not once per PDF. pdfkit parses the bytes it is given with fontkit on every
 * document, and fontkit decodes the same tables (cmap, GSUB, GPOS) and shapes
 * the same words again each time: most of a PDF's cost. pdfkit also accepts a
 * parsed font (anything with `layout`), so every document gets the one parsed
 * font, whose `layout` remembers each text's shaping. Shaping is a pure
 * function of the text and the font, and a parsed font holds no per-document
 * state (each document makes its own subset), so the PDF's bytes are the same.
 */
import { create, type Font } from 'fontkit';
import type { PdfFace } from './render-pdf-fonts.js';

/** What fontkit's `layout` returns, as far as pdfkit reads it. */
interface GlyphRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
}

// Keyed by the bytes, so a caller's new PdfFonts over the same buffers still shares, and dropped buffers are freed.
const parsed = new WeakMap<Uint8Array, Font>();

/** A run pdfkit may scale in place: fresh positions each time, the width summed from them as fontkit's run does. */
function copyOf(run: GlyphRun): GlyphRun & { advanceWidth: number } {
  const positions = run.positions.map((p) => ({ ...p }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((w, p) => w + p.xAdvance!, 0);
    },
  };
}

/** `font` whose plain `layout(text)` is remembered per text; calls with features or a script go to fontkit as they are. */
function remembering(font: Font): Font {
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, ...rest: unknown[]): unknown => {
    if (rest.some((r) => r !== undefined)) return (font.layout as (...a: unknown[]) => unknown)(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = font.layout(text) as GlyphRun;
      runs.set(text, run);
    }
    return copyOf(run);
  };
  return new Proxy(font, { get: (target, key) => (key === 'layout' ? layout : Reflect.get(target, key)) });
}

/** The face's font, parsed on first use and the same object for every later PDF. Throws on bytes that are no font. */
export function parsedFace(face: PdfFace): Font {
  let font = parsed.get(face.bytes);
  if (!font) {
    font = remembering(create(face.bytes));
    parsed.set(face.bytes, font);
  }
  return font;
}
