/**
 * The email, rendered ONCE per issue: Handlebars → MJML → HTML. Per-recipient
 * values stay as `%%{name}%%` placeholders for `personalise` to fill, so a
 * send of 10,000 never runs MJML more than once.
 */
import mjml2html from 'mjml';
import type { Issue } from './issue-model.js';
import { renderText } from './render-text.js';
import type { Templates } from './templates.js';

/** Placeholders the rendered email and text contain, filled per recipient. */
export const PLACEHOLDERS = ['unsubscribe_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  /** The plain-text part. */
  text: string;
}

export interface EmailOptions {
  /** Marks the email as a test send. */
  test?: boolean;
}

/** Email subject: the issue title, prefixed when it is a test. */
export function emailSubject(issue: Issue, options: EmailOptions = {}): string {
  return `${options.test ? '[TEST] ' : ''}${issue.title}`;
}

/** The hidden preview line inbox lists show: the sections' summaries, else their titles. */
export function preheader(issue: Issue): string {
  const parts = issue.sections.map((s) => s.summary ?? s.title);
  const text = `${issue.monthLabel}: ${parts.join(' · ')}`;
  return text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text;
}

/** The whole email (HTML and plain text) for the issue: MJML runs once here, never per recipient. */
export async function renderEmail(issue: Issue, templates: Templates, options: EmailOptions = {}): Promise<RenderedEmail> {
  const source = templates.mjml('issue', { issue, preheader: preheader(issue), test: options.test ?? false });
  const { html } = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  return { subject: emailSubject(issue, options), preheader: preheader(issue), html, text: renderText(issue, options) };
}
