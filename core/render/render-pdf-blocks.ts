/**
 * Block-level PDF elements built on the writer: headings (with bookmarks),
 * lists (L › LI › Lbl + LBody), tables (Table › TR › TH/TD, header scope
 * set), notices and the blocks of an update's HTML, each tagged for what it is.
 */
import type { Block, Inline, TableCell } from './render-pdf-html.js';
import { COLOURS, type PdfWriter, type Struct, type TextStyle } from './render-pdf-layout.js';

export const SIZES = { body: 11, small: 9, h1: 22, h2: 16, h3: 13.5, h4: 11.5 };
const HEADING_SIZE = [SIZES.h1, SIZES.h1, SIZES.h2, SIZES.h3, SIZES.h4, SIZES.h4, SIZES.h4];
const LIST_INDENT = 16;

export const text = (t: string, extra: Omit<Inline, 'text'> = {}): Inline[] => [{ text: t, ...extra }];

/** A heading `H<level>`, kept on the page with at least two lines of what follows. */
export function heading(w: PdfWriter, parent: Struct, level: number, inlines: readonly Inline[], indent = 0): void {
  const size = HEADING_SIZE[level] ?? SIZES.h4;
  const style: TextStyle = { size, bold: true, tag: `H${Math.min(6, level)}`, indent, after: level <= 2 ? 0.4 : 0.3 };
  w.doc.y += level <= 3 ? size * 0.5 : size * 0.2;
  w.room(w.height(inlines, style) + 2 * w.lineHeight(SIZES.body));
  w.block(parent, inlines, style);
}

/** A list; each item is blocks (an item of plain inlines is one paragraph). Numbered from `start` when ordered. */
export function list(w: PdfWriter, parent: Struct, items: readonly (readonly Block[])[], o: { ordered?: boolean; start?: number; indent?: number } = {}): void {
  const L = w.doc.struct('L');
  parent.add(L);
  const indent = o.indent ?? 0;
  items.forEach((item, i) => {
    const li = w.doc.struct('LI');
    L.add(li);
    w.room(w.lineHeight(SIZES.body) * 2);
    const y = w.doc.y;
    w.block(li, text(o.ordered ? `${(o.start ?? 1) + i}.` : '•'), { size: SIZES.body, tag: 'Lbl', indent, width: LIST_INDENT, after: 0 });
    w.doc.y = y;
    const body = w.doc.struct('LBody');
    li.add(body);
    blocks(w, body, item, indent + LIST_INDENT, 0.25);
    body.end();
    li.end();
  });
  L.end();
  w.doc.y += w.lineHeight(SIZES.body) * 0.25;
}

/** The blocks of an update's HTML, tagged; headings keep their HTML level (h4 under a section's H3). */
export function blocks(w: PdfWriter, parent: Struct, bs: readonly Block[], indent = 0, after = 0.5): void {
  for (const b of bs) {
    if (b.kind === 'heading') heading(w, parent, b.level, b.inlines, indent);
    else if (b.kind === 'para') w.block(parent, b.inlines, { size: SIZES.body, indent, after });
    else if (b.kind === 'pre') w.block(parent, text(b.text), { size: SIZES.body, indent, after });
    else if (b.kind === 'list') list(w, parent, b.items, { ordered: b.ordered, start: b.start, indent });
    else if (b.kind === 'quote') {
      const q = w.doc.struct('BlockQuote');
      parent.add(q);
      blocks(w, q, b.blocks, indent + LIST_INDENT, after);
      q.end();
    } else if (b.kind === 'rule') {
      const y = w.doc.y + 4;
      w.artifact((d) => d.moveTo(w.left + indent, y).lineTo(w.left + w.width, y).lineWidth(0.75).strokeColor(COLOURS.rule).stroke());
      w.doc.y = y + 10;
    } else table(w, parent, b.rows, { indent });
  }
}

export interface TableOptions {
  caption?: string;
  indent?: number;
  /** Column widths as fractions of the table's width; equal by default. */
  columns?: readonly number[];
}

/** A table: a caption, then rows of cells; a row of header cells is a column header (Scope Column), a header cell in a data row a row header. */
export function table(w: PdfWriter, parent: Struct, rows: readonly (readonly TableCell[])[], o: TableOptions = {}): void {
  const t = w.doc.struct('Table');
  parent.add(t);
  const x0 = w.left + (o.indent ?? 0);
  const total = w.width - (o.indent ?? 0);
  const n = Math.max(1, ...rows.map((r) => r.length));
  const widths = (o.columns ?? Array.from({ length: n }, () => 1 / n)).map((f) => f * total);
  if (o.caption) w.block(t, text(o.caption), { size: SIZES.body, bold: true, tag: 'Caption', indent: o.indent ?? 0, after: 0.2 });
  const pad = 4;
  for (const row of rows) {
    const head = row.every((c) => c.header);
    const style = (c: TableCell, i: number): TextStyle => ({ size: SIZES.body, bold: c.header, x: x0 + widths.slice(0, i).reduce((a, b) => a + b, 0) + pad, width: widths[i]! - 2 * pad, after: 0 });
    const h = Math.max(...row.map((c, i) => w.height(c.inlines.length ? c.inlines : text(' '), style(c, i)))) + 2 * pad;
    w.room(h);
    const top = w.doc.y;
    const tr = w.doc.struct('TR');
    t.add(tr);
    row.forEach((c, i) => {
      const cell = w.doc.struct(c.header ? 'TH' : 'TD', (c.header ? { scope: head ? 'Column' : 'Row' } : {}) as Parameters<PdfWriter['doc']['struct']>[1]);
      tr.add(cell);
      w.doc.y = top + pad;
      w.block(cell, c.inlines, style(c, i));
      cell.end();
    });
    tr.end();
    w.artifact((d) => d.moveTo(x0, top + h).lineTo(x0 + total, top + h).lineWidth(head ? 1 : 0.5).strokeColor(head ? COLOURS.text : COLOURS.rule).stroke());
    w.doc.y = top + h;
  }
  t.end();
  w.doc.y += w.lineHeight(SIZES.body) * 0.6;
}

/** A notice (correction, draft, earlier revision): a paragraph with a bar down its left edge. */
export function notice(w: PdfWriter, parent: Struct, inlines: readonly Inline[], colour = COLOURS.link): void {
  const style: TextStyle = { size: SIZES.body, indent: 12, after: 0 };
  w.room(w.height(inlines, style) + 8);
  const top = w.doc.y;
  w.doc.y += 4;
  w.block(parent, inlines, style);
  const bottom = w.doc.y + 4;
  w.artifact((d) => d.rect(w.left, top, 4, bottom - top).fill(colour));
  w.doc.y = bottom + w.lineHeight(SIZES.body) * 0.5;
}
