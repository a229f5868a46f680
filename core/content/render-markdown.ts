/**
 * Markdown → sanitised HTML for publishing: HTML escaped, unsafe links
 * refused, the result passed through sanitize-html's allow-list. The
 * author-facing checks are in markdown.ts (`checkMarkdown`), which does not
 * load sanitize-html.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { LINKIFY, MAX_NESTING } from './markdown.js';
import { isSafeUrl } from './schema.js';

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

/** Block Markdown → sanitised HTML (headings shifted to h4 and below). */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(renderer.render(text), SANITIZE).trim();
}

/** One line of inline Markdown (e.g. a "Getting Involved" item) → sanitised HTML without a wrapping paragraph. */
export function renderInlineMarkdown(text: string): string {
  return sanitizeHtml(renderer.renderInline(text), SANITIZE).trim();
}
