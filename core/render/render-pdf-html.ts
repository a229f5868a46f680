/**
 * The Issue's sanitised HTML (sanitize-html's output: lower-case tags,
 * double-quoted attributes, `&amp; &lt; &gt; &quot;` escapes) read back into
 * blocks the PDF lays out. Tolerant by design: an unknown tag is transparent
 * (its text kept), an unclosed one closes with its parent — text is never lost.
 */

/** A stretch of text with one style; `href` makes it a link. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  href?: string;
}

export interface TableCell {
  header: boolean;
  inlines: Inline[];
}

export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'para'; inlines: Inline[] }
  | { kind: 'pre'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' }
  | { kind: 'table'; rows: TableCell[][] };

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'hr']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities sanitize-html writes (and numeric ones); an unknown one stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

function parseTree(html: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*"|='[^']*')?)*)\s*\/?>/g;
  let at = 0;
  for (const m of html.matchAll(tag)) {
    if (m.index > at) stack.at(-1)!.children.push(decodeEntities(html.slice(at, m.index)));
    at = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      const open = stack.findLastIndex((e) => e.name === name);
      if (open > 0) stack.length = open;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(/([^\s=]+)(?:="([^"]*)"|='([^']*)')?/g)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? '');
    const el: Element = { name, attrs, children: [] };
    stack.at(-1)!.children.push(el);
    if (!VOID.has(name)) stack.push(el);
  }
  if (at < html.length) stack.at(-1)!.children.push(decodeEntities(html.slice(at)));
  return root;
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div']);

function inlinesOf(nodes: readonly Node[], style: Omit<Inline, 'text'> = {}): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') out.push({ ...style, text: n.replace(/\s+/g, ' ') });
    else if (n.name === 'br') out.push({ ...style, text: '\n' });
    else {
      const next = { ...style };
      if (n.name === 'strong' || n.name === 'b') next.bold = true;
      if (n.name === 'em' || n.name === 'i') next.italic = true;
      if (n.name === 's') next.strike = true;
      if (n.name === 'a' && n.attrs.href) next.href = n.attrs.href;
      out.push(...inlinesOf(n.children, next));
    }
  }
  return out;
}

/** Trims the run of inlines at both ends and around hard breaks; drops empty ones. */
export function tidy(inlines: readonly Inline[]): Inline[] {
  const out = inlines.map((i) => ({ ...i }));
  for (let k = 0; k < out.length; k++) {
    const prev = out[k - 1]?.text ?? '\n';
    if (prev.endsWith(' ') || prev.endsWith('\n')) out[k]!.text = out[k]!.text.replace(/^ +/, '');
    if (out[k]!.text === '\n' && out[k - 1]) out[k - 1]!.text = out[k - 1]!.text.replace(/ +$/, '');
  }
  const last = out.at(-1);
  if (last) last.text = last.text.replace(/[ \n]+$/, '');
  return out.filter((i) => i.text !== '');
}

function blocksOf(nodes: readonly Node[]): Block[] {
  const blocks: Block[] = [];
  let loose: Node[] = [];
  const flush = () => {
    const inlines = tidy(inlinesOf(loose));
    if (inlines.length) blocks.push({ kind: 'para', inlines });
    loose = [];
  };
  for (const n of nodes) {
    if (typeof n === 'string' || !BLOCK.has(n.name)) {
      loose.push(n);
      continue;
    }
    flush();
    const level = /^h([1-6])$/.exec(n.name);
    if (level) blocks.push({ kind: 'heading', level: Number(level[1]), inlines: tidy(inlinesOf(n.children)) });
    else if (n.name === 'p') {
      const inlines = tidy(inlinesOf(n.children));
      if (inlines.length) blocks.push({ kind: 'para', inlines });
    } else if (n.name === 'ul' || n.name === 'ol') {
      const items = n.children.filter((c): c is Element => typeof c !== 'string' && c.name === 'li').map((li) => blocksOf(li.children));
      blocks.push({ kind: 'list', ordered: n.name === 'ol', start: Number(n.attrs.start) || 1, items });
    } else if (n.name === 'blockquote') blocks.push({ kind: 'quote', blocks: blocksOf(n.children) });
    else if (n.name === 'pre') blocks.push({ kind: 'pre', text: inlinesOf(n.children).map((i) => i.text).join('').replace(/\n+$/, '') });
    else if (n.name === 'hr') blocks.push({ kind: 'rule' });
    else if (n.name === 'table') blocks.push({ kind: 'table', rows: rowsOf(n) });
    else blocks.push(...blocksOf(n.children)); // li/tr/td outside their parents, div: keep the text
  }
  flush();
  return blocks;
}

function rowsOf(el: Element): TableCell[][] {
  const rows: TableCell[][] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'tr') {
      rows.push(c.children.filter((d): d is Element => typeof d !== 'string' && (d.name === 'th' || d.name === 'td'))
        .map((d) => ({ header: d.name === 'th', inlines: tidy(inlinesOf(d.children)) })));
    } else rows.push(...rowsOf(c));
  }
  return rows;
}

/** The blocks of one HTML fragment, in document order. */
export function htmlBlocks(html: string): Block[] {
  return blocksOf(parseTree(html).children);
}

/** The inlines of an inline fragment (a "Getting Involved" item). */
export function htmlInlines(html: string): Inline[] {
  return tidy(inlinesOf(parseTree(html).children));
}
