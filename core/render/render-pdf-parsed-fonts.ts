/**
 * Font faces parsed once per set of font bytes, and each word shaped once,
 * not once per PDF. pdfkit parses the bytes it is given with fontkit on every
 * document, and fontkit decodes the same tables (cmap, GSUB, GPOS) and shapes
 * the same words again each time: most of a PDF's cost. pdfkit also accepts a
 * parsed font (anything with `layout`), so every document gets the one parsed
 * font, whose `layout` remembers each text's shaping. Shaping is a pure
 * function of the text and the font, and a parsed font holds no per-document
 * state (each document makes its own subset), so the PDF's bytes are the same.
 *
 * One exception, handled here: fontkit keeps one glyph object per glyph id,
 * stamped with the code points of whichever text first produced it, and
 * pdfkit writes those code points into the PDF's ToUnicode map. Where a font
 * maps several characters to one glyph (ι and ι, a space and a no-break
 * space), a shared font would make a PDF's text layer depend on what earlier
 * PDFs said. So each text is shaped against an empty glyph cache: its glyphs
 * carry its own code points, whatever was shaped before, on a warm font or a
 * cold one.
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

/** fontkit's per-font glyph cache, which this file empties around each layout. */
interface GlyphCache {
  _glyphs: Record<number, unknown>;
}

const hasGlyphCache = (font: object): font is GlyphCache =>
  typeof (font as Partial<GlyphCache>)._glyphs === 'object' && (font as Partial<GlyphCache>)._glyphs !== null;

/** `font.layout(...args)` against an empty glyph cache, so every glyph it returns carries this text's code points. */
function layoutAfresh(font: Font & GlyphCache, args: unknown[]): unknown {
  const shared = font._glyphs;
  font._glyphs = {};
  try {
    return (font.layout as (...a: unknown[]) => unknown)(...args);
  } finally {
    font._glyphs = shared;
  }
}

/** `font` whose plain `layout(text)` is remembered per text; calls with features or a script are shaped each time. */
function remembering(font: Font): Font {
  if (!hasGlyphCache(font)) throw new Error('fontkit no longer keeps its glyph cache in _glyphs: PDF text layers would depend on build order');
  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, ...rest: unknown[]): unknown => {
    if (rest.some((r) => r !== undefined)) return layoutAfresh(font, [text, ...rest]);
    let run = runs.get(text);
    if (!run) {
      run = layoutAfresh(font, [text]) as GlyphRun;
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

/** pdfkit's per-document font object, as far as this file touches it: the parsed font and its cache of laid-out words. */
interface EmbeddedFont {
  font: object;
  layoutCache?: Record<string, unknown>;
}

const isEmbeddedFont = (f: unknown): f is EmbeddedFont =>
  typeof f === 'object' && f !== null && typeof (f as Partial<EmbeddedFont>).font === 'object' && typeof (f as Partial<EmbeddedFont>).layoutCache === 'object';

// One cache per parsed font (weakly held), shared by the documents that use it.
const layoutCaches = new WeakMap<object, Record<string, unknown>>();

/**
 * Gives pdfkit's font object of one document (`doc._font`, after `doc.font(name)`) the layout cache every
 * document using the same parsed font shares. pdfkit caches each word's laid-out run per document, scaled
 * to its 1,000-unit grid: a pure function of the font and the word, which pdfkit never changes once made
 * (it copies a position before adding word spacing), so a later PDF reuses an earlier one's runs instead
 * of scaling the same words again, and its bytes are the same. A font object of another shape is left as
 * it is (the cache stays per document).
 */
export function shareLayoutCache(embedded: unknown): void {
  if (!isEmbeddedFont(embedded)) return;
  let cache = layoutCaches.get(embedded.font);
  if (!cache) {
    cache = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(embedded.font, cache);
  }
  embedded.layoutCache = cache;
}

