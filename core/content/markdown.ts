/**
 * Markdown → safe HTML. Two layers: `checkMarkdown` reports raw HTML, images
 * and unsafe link schemes as problems (so authors learn why), and
 * `renderMarkdown` never emits them anyway — it escapes HTML, refuses unsafe
 * links and passes the result through sanitize-html's allow-list.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { isSafeUrl } from './schema.js';

/**
 * Token nesting depth at which checkMarkdown reports the text. markdown-it
 * stops parsing at `maxNesting` and silently drops the rest of the text, so
 * the limit we report sits well below it: nothing past it is ever lost unseen.
 */
const MAX_MARKDOWN_LEVEL = 64;
const MAX_NESTING = 100;

/** A problem inside Markdown text; `line` is 0-based within the text. */
export interface MarkdownProblem {
  line?: number;
  message: string;
}

// Authors paste addresses as the seed bulletin has them ("www.mpa.gov.uk/…", "dna@mpa.gov.uk").
const LINKIFY = { fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false };

const inspector = new MarkdownIt({ html: true, linkify: true, maxNesting: MAX_NESTING });
inspector.linkify.set(LINKIFY);
inspector.validateLink = () => true; // let every link through so we can report the bad ones

const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false, maxNesting: MAX_NESTING });
renderer.linkify.set(LINKIFY);
renderer.validateLink = (url) => isSafeUrl(url);

/** Authors write `##` for a sub-section; inside a workstream section (h3) that is an h4. */
renderer.core.ruler.push('shift_headings', (state) => {
  for (const t of state.tokens) {
    if (t.type === 'heading_open' || t.type === 'heading_close') {
      t.tag = `h${Math.min(6, Math.max(4, Number(t.tag.slice(1)) + 2))}`;
    }
    // Markdown tables have one header row: say so, for screen readers (and html-validate's wcag/h63).
    if (t.type === 'th_open') t.attrSet('scope', 'col');
  }
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's'],
  allowedAttributes: { a: ['href'], ol: ['start'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

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

/** Block Markdown → sanitised HTML (headings shifted to h4 and below). */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(renderer.render(text), SANITIZE).trim();
}

/** One line of inline Markdown (e.g. a "Getting Involved" item) → sanitised HTML without a wrapping paragraph. */
export function renderInlineMarkdown(text: string): string {
  return sanitizeHtml(renderer.renderInline(text), SANITIZE).trim();
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
