/**
 * The plain-text part of the email (and `email.txt`): the same Issue, laid out
 * for a mail client without HTML. Links keep their URL in brackets.
 */
import { compile, type SelectorDefinition } from 'html-to-text';
import { dateLabel } from './format.js';
import type { Issue, IssueDate, IssueSection } from './issue-model.js';
import { pdfUrl } from './render-pdf-name.js';

const WIDTH = 76;

const selectors: SelectorDefinition[] = [
  { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
  { selector: 'h3', options: { uppercase: false } },
  { selector: 'h4', options: { uppercase: false } },
  { selector: 'h5', options: { uppercase: false } },
  { selector: 'h6', options: { uppercase: false } },
  { selector: 'table', format: 'dataTable' },
];
const toText = compile({ wordwrap: WIDTH, selectors });
// A list item's text, two columns narrower to leave room for "- " and the hanging indent.
const toItemText = compile({ wordwrap: WIDTH - 2, selectors });

/** Wraps one generated line at 76 columns with a hanging indent; a word longer than the line (a URL) is never broken. */
function wrap(line: string, indent = '  '): string {
  const lines: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur.trim() && `${cur} ${word}`.length > WIDTH) {
      lines.push(cur);
      cur = `${indent}${word}`;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  lines.push(cur);
  return lines.join('\n');
}

/** A list item: "- " then the text, continuation lines indented to match. */
function item(text: string): string {
  return `- ${text.split('\n').join('\n  ')}`;
}

function heading(text: string, char: string): string {
  return `${text}\n${char.repeat(Math.min(76, text.length))}`;
}

function dateLine(d: IssueDate, withSection: boolean): string {
  return wrap(`- ${d.dateLabel}${d.time ? `, ${d.time}` : ''}: ${d.label}${d.location ? ` (${d.location})` : ''}${withSection ? ` – ${d.sectionTitle}` : ''}`);
}

function sectionText(s: IssueSection): string {
  const parts = [heading(s.title, '-'), toText(s.html)];
  if (s.figures.length) parts.push(['Figures', ...s.figures.map((f) => wrap(`- ${f.label}: ${f.valueLabel}${f.unit ? ` ${f.unit}` : ''}${f.period ? ` (${f.period})` : ''}`))].join('\n'));
  // A section's dates are listed once, in the issue's "Key dates" (as on the web page and in the email).
  if (s.links.length) parts.push(['Links', ...s.links.map((l) => wrap(`- ${l.label}: <${l.url}>`))].join('\n'));
  if (s.contact) {
    const c = s.contact;
    parts.push(['Contact', ...(c.lines ?? []), ...(c.email ? [`Email: ${c.email}`] : []), ...(c.phone ? [`Telephone: ${c.phone}`] : [])].join('\n'));
  }
  return parts.join('\n\n');
}

export interface TextOptions {
  test?: boolean;
  /** A correction's note and date (`YYYY-MM-DD`), announced first. */
  correction?: { note: string; date: string };
  /** The slots to leave for substitution; `renderEmail` passes keyed ones. */
  slots?: { unsubscribe_url: string };
}

/** Plain text with the unsubscribe slot (default `%%{unsubscribe_url}%%`) left for per-recipient substitution. */
export function renderText(issue: Issue, options: TextOptions = {}): string {
  const p = issue.publication;
  const unsubscribe = options.slots?.unsubscribe_url ?? '%%{unsubscribe_url}%%';
  const out: string[] = [];
  if (options.correction) {
    out.push(wrap(`CORRECTION (${dateLabel(options.correction.date)}): ${options.correction.note}`, ''), wrap(`The corrected bulletin: <${issue.url}>`, ''));
  }
  out.push(
    wrap(`${p.name} – ${issue.monthLabel}. View this bulletin in your browser: <${issue.url}>`, ''),
    heading(issue.title, '='),
  );
  if (options.test) out.push(wrap('TEST SEND: this is a test of the email; it has not been sent to subscribers.', ''));
  if (issue.sample) out.push(wrap('Sample data: this issue demonstrates the archive and is not an official publication.', ''));
  if (issue.introHtml) out.push(toText(issue.introHtml));
  out.push(heading('1. Purpose', '-'), toText(issue.purposeHtml));
  out.push(heading(`2. ${p.name} Project and Workstream Updates`, '-'));
  for (const s of issue.sections) out.push(sectionText(s));
  if (issue.keyDates.length) out.push(heading('Key dates', '-'), issue.keyDates.map((d) => dateLine(d, true)).join('\n'));
  out.push(heading('Getting Involved', '-'), issue.gettingInvolvedHtml.map((h) => item(toItemText(h))).join('\n'));
  out.push(
    '--',
    wrap(`This bulletin as a PDF, to print or share: <${pdfUrl(issue)}>`, ''),
    `You receive this email because you subscribed to the ${p.name} bulletin.\nUnsubscribe (one click, no login): <${unsubscribe}>`,
    // The contact block often starts with the publisher's name: print it once.
    [p.publisher, ...(p.contact.lines ?? []).filter((l) => l !== p.publisher), ...(p.contact.email ? [p.contact.email] : [])].join('\n'),
  );
  return `${out.join('\n\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

