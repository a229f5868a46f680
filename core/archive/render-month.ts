/**
 * What `bulletin build` renders for one month besides its archive pages:
 * the email (MJML run once) and its plain text, as files. Pure: the caller
 * decides where the files go. The issue's web page is written by the
 * archive writer, in its place among the other issues.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import type { OutputFile } from '../ports.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { renderEmail, type RenderedEmail } from '../render/render-email.js';
import type { Templates } from '../render/templates.js';
import { contentTypeOf } from './site-paths.js';

/** One month rendered from content. */
export interface RenderedMonth {
  issue: Issue;
  /** The email as rendered once, placeholders intact (for sending). */
  email: RenderedEmail;
  /** `email/YYYY-MM/email.html` and `email.txt`. */
  files: OutputFile[];
}

export async function renderMonth(config: SiteConfig, content: MonthContent, templates: Templates): Promise<RenderedMonth> {
  const issue = buildIssue({ config, ...content });
  const email = await renderEmail(issue, templates);
  return {
    issue,
    email,
    files: [
      { key: `email/${issue.month}/email.html`, body: email.html, contentType: contentTypeOf('email.html') },
      { key: `email/${issue.month}/email.txt`, body: email.text, contentType: contentTypeOf('email.txt') },
    ],
  };
}
