/**
 * The email, rendered ONCE per issue: Handlebars → MJML → HTML. Per-recipient
 * values stay as slots (`%%{name:<slotKey>}%%`) for `personalise` to fill, so
 * a send of 10,000 never runs MJML more than once.
 *
 * The slot key is a hash of everything the email is rendered from. Author
 * text is part of that input, so it can never contain the key — placeholder
 * syntax an author smuggles in stays inert text and is never filled.
 */
import { createHash } from 'node:crypto';
import { slotFor } from '../send/personalise.js';
import { dateLabel } from './format.js';
import type { Issue } from './issue-model.js';
import { pdfUrl } from './render-pdf-name.js';
import { renderText } from './render-text.js';
import type { Templates } from './templates.js';


export interface RenderedEmail {
  subject: string;
  preheader: string;
  html: string;
  /** The plain-text part. */
  text: string;
  /** Marks the template's own slots; see the module comment. */
  slotKey: string;
}

/** A published correction, announced at the top of the email (`correct --notify`). */
export interface EmailCorrection {
  note: string;
  /** `YYYY-MM-DD` the correction was published. */
  date: string;
}

export interface EmailOptions {
  /** Marks the email as a test send. */
  test?: boolean;
  /** Makes it the email of a correction: "Correction:" subject, the note and a link at the top. */
  correction?: EmailCorrection;
}

/** Email subject: the issue title, prefixed for a correction or a test. */
export function emailSubject(issue: Issue, options: EmailOptions = {}): string {
  return `${options.test ? '[TEST] ' : ''}${options.correction ? 'Correction: ' : ''}${issue.title}`;
}

/** The hidden preview line inbox lists show: the sections' summaries, else their titles (a correction's note first). */
export function preheader(issue: Issue, options: EmailOptions = {}): string {
  const parts = issue.sections.map((s) => s.summary ?? s.title);
  const lead = options.correction ? `Correction: ${options.correction.note} — ` : '';
  const text = `${lead}${issue.monthLabel}: ${parts.join(' · ')}`;
  return text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text;
}

/** 16 hex digits of sha256 over the issue and the options: the same input always gives the same key. */
function slotKeyOf(issue: Issue, options: EmailOptions): string {
  return createHash('sha256').update(JSON.stringify({ issue, options })).digest('hex').slice(0, 16);
}

/** The whole email (HTML and plain text) for the issue: MJML runs once here, never per recipient. */
export async function renderEmail(issue: Issue, templates: Templates, options: EmailOptions = {}): Promise<RenderedEmail> {
  const slotKey = slotKeyOf(issue, options);
  const slots = { unsubscribe_url: slotFor('unsubscribe_url', slotKey) };
  const correction = options.correction && { ...options.correction, dateLabel: dateLabel(options.correction.date) };
  const source = templates.mjml('issue', { issue, preheader: preheader(issue, options), test: options.test ?? false, correction, slots, pdfUrl: pdfUrl(issue) });
  // MJML is the dear part of a build: an unchanged email's HTML is remembered, not made again.
  let html = templates.mjmlHtml?.get(source);
  if (html === undefined) {
    // Loaded on the first email rendered, not at import: MJML is most of a Lambda's import time, and not every path renders an email.
    const { default: mjml2html } = await import('mjml');
    ({ html } = await mjml2html(source, { validationLevel: 'strict', keepComments: false }));
    templates.mjmlHtml?.set(source, html);
  }
  return {
    subject: emailSubject(issue, options),
    preheader: preheader(issue, options),
    html,
    text: renderText(issue, { ...options, slots }),
    slotKey,
  };
}
