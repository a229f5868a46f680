/**
 * What `bulletin build` renders for one month besides its archive pages:
 * the email (MJML run once) and its plain text, as files. Pure: the caller
 * decides where the files go. The issue's web page is written by the
 * archive writer, in its place among the other issues.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import type { OutputFile } from '../ports.js';
import { baseOf } from '../render/format.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { renderEmail, type RenderedEmail } from '../render/render-email.js';
import { siteContext } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { PersonaliseError } from '../send/errors.js';
import { compileTemplate, personalise, type TemplateKind, type Values } from '../send/personalise.js';
import { contentTypeOf } from './site-paths.js';

/** The preview page the sample unsubscribe link leads to, beside the email (a relative link, so it works served or opened as a file). */
export const SAMPLE_UNSUBSCRIBE_PAGE = 'unsubscribe.html';

/** One month rendered from content. */
export interface RenderedMonth {
  issue: Issue;
  /** The email as rendered once, placeholders intact (for sending). */
  email: RenderedEmail;
  /** `email/YYYY-MM/email.html`, `email.txt` (filled for a sample reader) and the sample unsubscribe page. */
  files: OutputFile[];
}

/**
 * Renders the month. The preview email is the sending email filled by the
 * sender's own `compileTemplate` + `personalise` with a sample reader's
 * values, so it shows a working link and proves every placeholder can be
 * filled: an unfillable one fails the build here, not the send.
 */
export async function renderMonth(config: SiteConfig, content: MonthContent, templates: Templates): Promise<RenderedMonth> {
  const issue = buildIssue({ config, ...content });
  const email = await renderEmail(issue, templates);
  const sample = { unsubscribe_url: SAMPLE_UNSUBSCRIBE_PAGE };
  const dir = emailDir(issue.month);
  return {
    issue,
    email,
    files: [
      { key: `${dir}/email.html`, body: filled(email.html, 'html', email.slotKey, sample), contentType: contentTypeOf('email.html') },
      { key: `${dir}/email.txt`, body: filled(email.text, 'text', email.slotKey, sample), contentType: contentTypeOf('email.txt') },
      { key: `${dir}/${SAMPLE_UNSUBSCRIBE_PAGE}`, body: samplePage(config, issue, templates), contentType: contentTypeOf(SAMPLE_UNSUBSCRIBE_PAGE) },
    ],
  };
}

/** The email filled as a send fills it; when it cannot be (a broken template, which publish refuses), as rendered, so the preview still shows the month. */
function filled(source: string, kind: TemplateKind, slotKey: string, values: Values): string {
  try {
    return personalise(compileTemplate(source, kind, slotKey), values);
  } catch (err) {
    if (err instanceof PersonaliseError) return source;
    throw err;
  }
}

function samplePage(config: SiteConfig, issue: Issue, templates: Templates): string {
  return templates.page('preview-unsubscribe', {
    site: siteContext(config.publication),
    root: '../../site/',
    pageTitle: `Unsubscribe link in the ${issue.monthLabel} preview`,
    canonical: `${baseOf(config.publication.baseUrl)}/`,
    noindex: true,
    monthLabel: issue.monthLabel,
  });
}

/** The folder of `month`'s email files in the output. */
export const emailDir = (month: string) => `email/${month}`;
