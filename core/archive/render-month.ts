/**
 * Everything one month produces, as files: its web page, email HTML and
 * plain text. Pure: the caller decides where the files go. The archive
 * writer renders the web page itself, in its place among the other issues
 * (previous/next, corrections), so it asks for `webPage: false`.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { renderEmail } from '../render/render-email.js';
import { renderIssuePage, type IssuePageOptions } from '../render/render-page.js';
import { renderText } from '../render/render-text.js';
import type { Templates } from '../render/templates.js';

/** One file to write: store key, body and content type. */
export interface OutputFile {
  key: string;
  body: string;
  contentType: string;
}

/** One month rendered from content. */
export interface RenderedMonth {
  issue: Issue;
  files: OutputFile[];
  /** The email as rendered once, placeholders intact (for sending). */
  email: { subject: string; preheader: string; html: string; text: string };
}

export const HTML = 'text/html; charset=utf-8';
export const TEXT = 'text/plain; charset=utf-8';

export interface RenderMonthOptions extends IssuePageOptions {
  /** false: leave out the stand-alone web page (default true). */
  webPage?: boolean;
}

/** The month's Issue, email (MJML run once) and plain text; the web page too unless `webPage: false`. */
export async function renderMonth(config: SiteConfig, content: MonthContent, templates: Templates, options: RenderMonthOptions = {}): Promise<RenderedMonth> {
  const issue = buildIssue({ config, month: content.month, updates: content.updates, ...(content.manifest ? { manifest: content.manifest } : {}) });
  const { webPage = true, ...pageOptions } = options;
  const page = webPage ? renderIssuePage(issue, config.publication, templates, { draft: issue.status !== 'approved', ...pageOptions }) : undefined;
  const email = await renderEmail(issue, templates);
  const text = renderText(issue);
  return {
    issue,
    email: { ...email, text },
    files: [
      ...(page ? [{ key: `site/${issue.path}/index.html`, body: page, contentType: HTML }] : []),
      { key: `email/${issue.month}/email.html`, body: email.html, contentType: HTML },
      { key: `email/${issue.month}/email.txt`, body: text, contentType: TEXT },
    ],
  };
}
