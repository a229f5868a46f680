/**
 * The PDF's text engine on top of pdfkit: paragraphs set line by line (see
 * `render-pdf-lines.ts` for where lines break), each character drawn from a
 * face that has it, every run of text marked as content of its structure
 * element, links as annotations that carry their descriptive text.
 */
import type PDFDocumentType from 'pdfkit';
import { faceRuns, type PdfFonts, type PdfStyle } from './render-pdf-fonts.js';
import type { Inline } from './render-pdf-html.js';
import { breakLines, type Piece } from './render-pdf-lines.js';
import { parsedFace, shareLayoutCache } from './render-pdf-parsed-fonts.js';

export type Doc = InstanceType<typeof PDFDocumentType>;
export type Struct = PDFKit.PDFStructureElement;

export const COLOURS = { text: '#0b0c0c', link: '#1d70b8', muted: '#505a5f', rule: '#b1b4b6' };
/** Line height as a multiple of the font size. */
const LEADING = 1.35;

/** How one block of text is set. */
export interface TextStyle {
  size: number;
  bold?: boolean;
  colour?: string;
  /** Structure type of the block (`P`, `H2`, `Lbl` …). */
  tag?: string;
  /** Left edge, absolute; defaults to the left margin plus `indent`. */
  x?: number;
  indent?: number;
  width?: number;
  /** Space after the block, in lines. */
  after?: number;
}

/** Lays text out on the document's pages; one writer per document. */
export class PdfWriter {
  private linkLabel = '';

  constructor(readonly doc: Doc, private readonly fonts: PdfFonts) {
    for (const style of ['regular', 'bold', 'italic'] as const) {
      if (!fonts[style].length) throw new Error(`renderPdf: no ${style} font face`);
      // A parsed font, not bytes: see render-pdf-parsed-fonts.ts (@types/pdfkit lists only byte and path sources).
      fonts[style].forEach((face, i) => doc.registerFont(`${style}-${i}`, parsedFace(face) as unknown as Uint8Array));
    }
    // pdfkit leaves a tagged link's Contents empty; PDF/UA wants the link's text there.
    const link = doc.link.bind(doc);
    doc.link = (x, y, w, h, url, options) => link(x, y, w, h, url, { ...options, Contents: new String(this.linkLabel) } as object);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  lineHeight(size: number): number {
    return size * LEADING;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  /** Selects the face, whose laid-out words are shared with every other PDF set in it (render-pdf-parsed-fonts.ts). */
  private font(style: PdfStyle, face: number): Doc {
    const doc = this.doc.font(`${style}-${face}`);
    shareLayoutCache((doc as unknown as { _font?: unknown })._font);
    return doc;
  }

  /** Width of `text` in `style`, each character measured in the face that draws it. */
  measure(text: string, style: PdfStyle, size: number): number {
    return faceRuns(text, this.fonts[style]).reduce((w, r) => w + this.font(style, r.face).fontSize(size).widthOfString(r.text), 0);
  }

  /** Draws `text` at (x, y) outside any structure element's content (callers mark it). */
  draw(text: string, x: number, y: number, style: PdfStyle, size: number, colour: string, piece: Partial<Piece> = {}): number {
    for (const r of faceRuns(text, this.fonts[style])) {
      this.font(style, r.face).fontSize(size).fillColor(colour);
      this.doc.text(r.text, x, y, { lineBreak: false, link: piece.href ?? null, underline: !!piece.href, strike: !!piece.strike } as PDFKit.Mixins.TextOptions);
      x += this.doc.widthOfString(r.text);
    }
    return x;
  }

  private lines(inlines: readonly Inline[], ts: TextStyle): Piece[][] {
    return breakLines(inlines, { width: ts.width ?? this.width - (ts.indent ?? 0), bold: !!ts.bold, measure: (t, style) => this.measure(t, style, ts.size) });
  }

  /** Height the block would take (for keeping rows and headings together). */
  height(inlines: readonly Inline[], ts: TextStyle): number {
    return this.lines(inlines, ts).length * this.lineHeight(ts.size);
  }

  /**
   * Sets one block as a structure element of type `ts.tag` under `parent`,
   * from the cursor down, starting pages as needed; links become Link
   * elements holding their text and annotation. Returns the element (ended).
   */
  block(parent: Struct, inlines: readonly Inline[], ts: TextStyle): Struct | undefined {
    const { doc } = this;
    const x0 = ts.x ?? this.left + (ts.indent ?? 0);
    const lines = this.lines(inlines, ts);
    if (!lines.length) return undefined;
    const el = doc.struct(ts.tag ?? 'P');
    parent.add(el);
    const links = new Map<number, Struct>();
    const labels = new Map<number, string>();
    for (const l of lines) for (const p of l) if (p.link !== undefined) labels.set(p.link, (labels.get(p.link) ?? '') + p.text);
    const lh = this.lineHeight(ts.size);
    for (const line of lines) {
      this.room(lh);
      const y = doc.y;
      let x = x0;
      for (let i = 0; i < line.length; ) {
        const link = line[i]!.link;
        let j = i;
        while (j < line.length && line[j]!.link === link) j++;
        const group = line.slice(i, j);
        let target = el;
        if (link !== undefined) {
          if (!links.has(link)) {
            links.set(link, doc.struct('Link'));
            el.add(links.get(link)!);
          }
          target = links.get(link)!;
          this.linkLabel = labels.get(link)!.trim();
        }
        target.add(() => {
          for (const p of group) x = this.draw(p.text, x, y, p.style, ts.size, p.href ? COLOURS.link : ts.colour ?? COLOURS.text, p);
        });
        i = j;
      }
      doc.x = x0;
      doc.y = y + lh;
    }
    for (const l of links.values()) l.end();
    el.end();
    doc.y += (ts.after ?? 0.5) * lh;
    doc.x = this.left;
    return el;
  }

  /** A horizontal rule or box edge, marked as an artifact (decoration, not content). */
  artifact(paint: (doc: Doc) => void): void {
    this.doc.markContent('Artifact');
    this.doc.save();
    paint(this.doc);
    this.doc.restore();
    this.doc.endMarkedContent();
  }
}
