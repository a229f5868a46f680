/**
 * Markdown → safe HTML. Two layers: `checkMarkdown` (here) reports raw HTML,
 * images and unsafe link schemes as problems (so authors learn why), and
 * `renderMarkdown` (render-markdown.ts) never emits them anyway — it escapes
 * HTML, refuses unsafe links and passes the result through sanitize-html's
 * allow-list. Apart so that checking (`bulletin validate`, ingest) never
 * loads sanitize-html.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { isSafeUrl } from './schema.js';

/**
 * Token nesting depth at which checkMarkdown reports the text. markdown-it
 * stops parsing at `maxNesting` and silently drops the rest of the text, so
 * the limit we report sits well below it: nothing past it is ever lost unseen.
 */
const MAX_MARKDOWN_LEVEL = 64;
/** markdown-it's `maxNesting`, the same for the checker and the renderer (render-markdown.ts). */
export const MAX_NESTING = 100;

/** A problem inside Markdown text; `line` is 0-based within the text. */
export interface MarkdownProblem {
  line?: number;
  message: string;
}

/** Linkify settings, the same for the checker and the renderer: authors paste addresses as the seed has them ("www.mpa.gov.uk/…", "dna@mpa.gov.uk"). */
export const LINKIFY = { fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false };

const inspector = new MarkdownIt({ html: true, linkify: true, maxNesting: MAX_NESTING });
inspector.linkify.set(LINKIFY);
inspector.validateLink = () => true; // let every link through so we can report the bad ones

/** Every reason this Markdown would not be published as written. */
export function checkMarkdown(text: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let tooDeep = false;
  const walk = (tokens: Token[], line: number | undefined, depth: number) => {
    for (const t of tokens) {
      const at = t.map ? t.map[0] : line;
      if (!tooDeep && depth + t.level >= MAX_MARKDOWN_LEVEL) {
        tooDeep = true;
        problems.push({ line: at, message: 'block quotes, lists or emphasis are nested too deeply here; flatten them (text nested this deep would not be published)' });
      }
      if (t.type === 'html_block' || t.type === 'html_inline') {
        const tag = /<\/?\s*([a-zA-Z][\w-]*)/.exec(t.content)?.[1];
        problems.push({ line: at, message: `raw HTML is not allowed${tag ? ` (<${tag.toLowerCase()}>)` : ''}; use Markdown instead` });
      } else if (t.type === 'link_open') {
        const href = String(t.attrGet('href') ?? '');
        if (!isSafeUrl(href)) {
          problems.push({ line: at, message: `link "${truncate(href)}" is not allowed; links must be absolute https:, http:, mailto: or tel: URLs` });
        }
      } else if (t.type === 'image') {
        problems.push({ line: at, message: 'images are not supported in updates; link to the image instead' });
      }
      if (t.children) walk(t.children, at, depth + t.level);
    }
  };
  walk(inspector.parse(text, {}), undefined, 0);
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.line}:${p.message}`) && seen.add(`${p.line}:${p.message}`));
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
