/**
 * The PDF's text engine on top of pdfkit: paragraphs set line by line,
 * breaking only at spaces (pdfkit's own wrapper breaks after "/" and "-",
 * which would split the seed's URLs and "re-convened" when the text is
 * extracted), each character drawn from a face that has it, every run of
 * text marked as content of its structure element, links as annotations
 * that carry their descriptive text.
 */
import type PDFDocumentType from 'pdfkit';
import { faceRuns, type PdfFonts, type PdfStyle } from './render-pdf-fonts.js';
import type { Inline } from './render-pdf-html.js';

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

interface Piece {
  text: string;
  style: PdfStyle;
  href?: string | undefined;
  strike?: boolean | undefined;
  /** Which link of the block the piece belongs to; one Link element each. */
  link?: number | undefined;
}

const styleOf = (i: Inline, bold: boolean): PdfStyle => (i.bold || bold ? 'bold' : i.italic ? 'italic' : 'regular');
const same = (a: Piece, b: Piece) => a.style === b.style && a.href === b.href && a.strike === b.strike && a.link === b.link;

/** Lays text out on the document's pages; one writer per document. */
export class PdfWriter {
  private linkLabel = '';

  constructor(readonly doc: Doc, private readonly fonts: PdfFonts) {
    for (const style of ['regular', 'bold', 'italic'] as const) {
      if (!fonts[style].length) throw new Error(`renderPdf: no ${style} font face`);
      fonts[style].forEach((face, i) => doc.registerFont(`${style}-${i}`, face.bytes));
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

  /** Width of `text` in `style`, each character measured in the face that draws it. */
  measure(text: string, style: PdfStyle, size: number): number {
    return faceRuns(text, this.fonts[style]).reduce((w, r) => w + this.doc.font(`${style}-${r.face}`).fontSize(size).widthOfString(r.text), 0);
  }

  /** Draws `text` at (x, y) outside any structure element's content (callers mark it). */
  draw(text: string, x: number, y: number, style: PdfStyle, size: number, colour: string, piece: Partial<Piece> = {}): number {
    for (const r of faceRuns(text, this.fonts[style])) {
      this.doc.font(`${style}-${r.face}`).fontSize(size).fillColor(colour);
      this.doc.text(r.text, x, y, { lineBreak: false, link: piece.href ?? null, underline: !!piece.href, strike: !!piece.strike } as PDFKit.Mixins.TextOptions);
      x += this.doc.widthOfString(r.text);
    }
    return x;
  }

  /** The lines `inlines` take at `width`: breaks at spaces and hard breaks only; a word wider than the line is split. */
  lines(inlines: readonly Inline[], ts: TextStyle, width: number): Piece[][] {
    const words: { pieces: Piece[]; br: boolean }[] = [];
    let cur: Piece[] = [];
    let br = false;
    let link = -1;
    inlines.forEach((inline, i) => {
      if (inline.href && inline.href !== inlines[i - 1]?.href) link++;
      for (const part of inline.text.split(/( |\n)/)) {
        if (part === ' ' || part === '\n') {
          if (cur.length) words.push({ pieces: cur, br });
          if (cur.length || part === '\n') br = part === '\n' || (br && !cur.length);
          cur = [];
        } else if (part) cur.push({ text: part, style: styleOf(inline, !!ts.bold), href: inline.href, strike: inline.strike, link: inline.href ? link : undefined });
      }
    });
    if (cur.length) words.push({ pieces: cur, br });
    const out: Piece[][] = [];
    let line: Piece[] = [];
    let used = 0;
    const wordWidth = (ps: Piece[]) => ps.reduce((w, p) => w + this.measure(p.text, p.style, ts.size), 0);
    for (const word of words) {
      const w = wordWidth(word.pieces);
      const prev = line.at(-1);
      const space = prev ? this.measure(' ', prev.style, ts.size) : 0;
      if (line.length && (word.br || used + space + w > width)) {
        out.push(line);
        line = [];
        used = 0;
      }
      if (!line.length && w > width) {
        out.push(...this.split(word.pieces, ts.size, width));
        continue;
      }
      if (line.length) {
        const next = word.pieces[0]!;
        const joined = prev!.link !== undefined && prev!.link === next.link;
        line.push({ text: ' ', style: prev!.style, ...(joined ? { href: prev!.href, link: prev!.link } : {}) });
        used += space;
      }
      line.push(...word.pieces);
      used += w;
    }
    if (line.length) out.push(line);
    return out.map((l) => l.reduce<Piece[]>((acc, p) => (acc.length && same(acc.at(-1)!, p) ? (acc.at(-1)!.text += p.text, acc) : [...acc, { ...p }]), []));
  }

  /** A word wider than the line, cut into line-wide pieces (only a very long URL ever is). */
  private split(pieces: Piece[], size: number, width: number): Piece[][] {
    const out: Piece[][] = [[]];
    let used = 0;
    for (const p of pieces) {
      for (const ch of p.text) {
        const w = this.measure(ch, p.style, size);
        if (used + w > width && out.at(-1)!.length) {
          out.push([]);
          used = 0;
        }
        out.at(-1)!.push({ ...p, text: ch });
        used += w;
      }
    }
    return out;
  }

  /** Height the block would take (for keeping rows and headings together). */
  height(inlines: readonly Inline[], ts: TextStyle): number {
    return this.lines(inlines, ts, ts.width ?? this.width - (ts.indent ?? 0)).length * this.lineHeight(ts.size);
  }

  /**
   * Sets one block as a structure element of type `ts.tag` under `parent`,
   * from the cursor down, starting pages as needed; links become Link
   * elements holding their text and annotation. Returns the element (ended).
   */
  block(parent: Struct, inlines: readonly Inline[], ts: TextStyle): Struct | undefined {
    const { doc } = this;
    const x0 = ts.x ?? this.left + (ts.indent ?? 0);
    const lines = this.lines(inlines, ts, ts.width ?? this.width - (ts.indent ?? 0));
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
