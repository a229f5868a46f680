/**
 * The plain-text part of the email (and `email.txt`): the same Issue, laid out
 * for a mail client without HTML. Links keep their URL in brackets.
 */
import { compile } from 'html-to-text';
import { dateLabel } from './format.js';
import type { Issue, IssueDate, IssueSection } from './issue-model.js';

const toText = compile({
  wordwrap: 76,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
});

function heading(text: string, char: string): string {
  return `${text}\n${char.repeat(Math.min(76, text.length))}`;
}

function dateLine(d: IssueDate, withSection: boolean): string {
  return `- ${d.dateLabel}${d.time ? `, ${d.time}` : ''}: ${d.label}${d.location ? ` (${d.location})` : ''}${withSection ? ` – ${d.sectionTitle}` : ''}`;
}

function sectionText(s: IssueSection): string {
  const parts = [heading(s.title, '-'), toText(s.html)];
  if (s.figures.length) parts.push(['Figures', ...s.figures.map((f) => `- ${f.label}: ${f.valueLabel}${f.unit ? ` ${f.unit}` : ''}${f.period ? ` (${f.period})` : ''}`)].join('\n'));
  if (s.dates.length) parts.push(['Key dates', ...s.dates.map((d) => dateLine(d, false))].join('\n'));
  if (s.links.length) parts.push(['Links', ...s.links.map((l) => `- ${l.label}: <${l.url}>`)].join('\n'));
  if (s.contact) {
    const c = s.contact;
    parts.push(['Contact', ...(c.lines ?? []), ...(c.email ? [`Email: ${c.email}`] : []), ...(c.phone ? [`Telephone: ${c.phone}`] : [])].join('\n'));
  }
  return parts.join('\n\n');
}

export interface TextOptions {
  test?: boolean;
}

/** Plain text with `%%{unsubscribe_url}%%` left for per-recipient substitution. */
export function renderText(issue: Issue, options: TextOptions = {}): string {
  const p = issue.publication;
  const out = [
    `${p.name} – ${issue.monthLabel}. View this bulletin in your browser: <${issue.url}>`,
    heading(issue.title, '='),
  ];
  if (options.test) out.push('TEST SEND: this is a test of the email; it has not been sent to subscribers.');
  if (issue.sample) out.push('Sample data: this issue demonstrates the archive and is not an official publication.');
  if (issue.introHtml) out.push(toText(issue.introHtml));
  out.push(heading('1. Purpose', '-'), toText(issue.purposeHtml));
  out.push(heading(`2. ${p.name} Project and Workstream Updates`, '-'));
  for (const s of issue.sections) out.push(sectionText(s));
  if (issue.keyDates.length) out.push(heading('Key dates', '-'), issue.keyDates.map((d) => dateLine(d, true)).join('\n'));
  out.push(heading('Getting Involved', '-'), issue.gettingInvolvedHtml.map((h) => `- ${toText(h)}`).join('\n'));
  out.push(
    '--',
    `You receive this email because you subscribed to the ${p.name} bulletin.\nUnsubscribe (one click, no login): <%%{unsubscribe_url}%%>`,
    [p.publisher, ...(p.contact.lines ?? []), ...(p.contact.email ? [p.contact.email] : [])].join('\n'),
  );
  return `${out.join('\n\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

