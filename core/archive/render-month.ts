/**
 * Everything one month produces, as files: its web page, email HTML and
 * plain text. Pure: the caller decides where the files go.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { renderEmail } from '../render/render-email.js';
import { renderIssuePage, type IssuePageOptions } from '../render/render-page.js';
import { renderText } from '../render/render-text.js';
import type { Templates } from '../render/templates.js';

export interface OutputFile {
  key: string;
  body: string;
  contentType: string;
}

export interface RenderedMonth {
  issue: Issue;
  files: OutputFile[];
  /** The email as rendered once, placeholders intact (for sending). */
  email: { subject: string; preheader: string; html: string; text: string };
}

export const HTML = 'text/html; charset=utf-8';
export const TEXT = 'text/plain; charset=utf-8';

export async function renderMonth(config: SiteConfig, content: MonthContent, templates: Templates, options: IssuePageOptions = {}): Promise<RenderedMonth> {
  const issue = buildIssue({ config, month: content.month, updates: content.updates, ...(content.manifest ? { manifest: content.manifest } : {}) });
  const page = renderIssuePage(issue, config.publication, templates, { draft: issue.status !== 'approved', ...options });
  const email = await renderEmail(issue, templates);
  const text = renderText(issue);
  return {
    issue,
    email: { ...email, text },
    files: [
      { key: `site/${issue.path}/index.html`, body: page, contentType: HTML },
      { key: `email/${issue.month}/email.html`, body: email.html, contentType: HTML },
      { key: `email/${issue.month}/email.txt`, body: text, contentType: TEXT },
    ],
  };
}
