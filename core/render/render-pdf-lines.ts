/**
 * Where a block's lines break: at spaces and hard breaks only. pdfkit's own
 * wrapper (Unicode line breaking) also breaks after "/" and "-", which would
 * split the seed's URLs and words like "re-convened" when the text is
 * extracted or read aloud. A word wider than the whole line (only a very
 * long URL) is the one thing cut, character by character.
 */
import type { PdfStyle } from './render-pdf-fonts.js';
import type { Inline } from './render-pdf-html.js';

/** A run of text in one style, on one line. */
export interface Piece {
  text: string;
  style: PdfStyle;
  href?: string | undefined;
  strike?: boolean | undefined;
  /** Which link of the block the piece belongs to; one Link element each. */
  link?: number | undefined;
}

export interface LineOptions {
  width: number;
  /** The whole block is bold (a heading). */
  bold: boolean;
  /** Width of `text` in `style` at the block's size. */
  measure: (text: string, style: PdfStyle) => number;
}

const styleOf = (i: Inline, bold: boolean): PdfStyle => (i.bold || bold ? 'bold' : i.italic ? 'italic' : 'regular');
const same = (a: Piece, b: Piece) => a.style === b.style && a.href === b.href && a.strike === b.strike && a.link === b.link;

/** The lines `inlines` take at `o.width`, spaces between words kept as pieces, equal neighbours merged. */
export function breakLines(inlines: readonly Inline[], o: LineOptions): Piece[][] {
  const { width, measure } = o;
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
      } else if (part) cur.push({ text: part, style: styleOf(inline, o.bold), href: inline.href, strike: inline.strike, link: inline.href ? link : undefined });
    }
  });
  if (cur.length) words.push({ pieces: cur, br });
  const out: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  const wordWidth = (ps: Piece[]) => ps.reduce((w, p) => w + measure(p.text, p.style), 0);
  for (const word of words) {
    const w = wordWidth(word.pieces);
    const prev = line.at(-1);
    const space = prev ? measure(' ', prev.style) : 0;
    if (line.length && (word.br || used + space + w > width)) {
      out.push(line);
      line = [];
      used = 0;
    }
    if (!line.length && w > width) {
      out.push(...split(word.pieces, measure, width));
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
function split(pieces: Piece[], measure: LineOptions['measure'], width: number): Piece[][] {
  const out: Piece[][] = [[]];
  let used = 0;
  for (const p of pieces) {
    for (const ch of p.text) {
      const w = measure(ch, p.style);
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
