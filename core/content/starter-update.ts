/**
 * The starter update `bulletin new` writes, and how its placeholder text is
 * recognised. Every sentence the starter writes for the author to replace
 * (summary, body, each sub-section) begins with STARTER_MARK, so an update
 * that still has any of it is a problem wherever it is left; the sentences
 * themselves are recognised too, in case only the mark was deleted (or the
 * file came from a version without the mark).
 */
import { monthLabel } from '../render/format.js';
import type { Workstream } from './schema.js';

/** Begins every sentence of the starter an author must replace. */
export const STARTER_MARK = 'STARTER TEXT:';

export const STARTER_MESSAGE = "still has the starter text; replace it with this month's update";

const STARTER_SENTENCES = [
  /starter text:/i,
  /\bwrite the .+ update for .+ here\b/i,
  /\bone line about .+ this month\b/i,
  /\buse a line starting "## " for a sub-heading\b/i,
  /^\s*text for [^.]+\.\s*$/im,
];

/** True when `text` still holds (part of) the starter's placeholder text. */
export function hasStarterText(text: string): boolean {
  return STARTER_SENTENCES.some((re) => re.test(text));
}

/**
 * A starter update for an author: every optional field shown (commented out
 * in Markdown), and valid except for its starter text, which validate reports
 * until the author has replaced all of it.
 */
export function starterUpdate(ws: Workstream, month: string, format: 'md' | 'json'): string {
  const body = `${STARTER_MARK} Write the ${ws.title} update for ${monthLabel(month)} here, in plain paragraphs.\n\n${STARTER_MARK} Use a line starting "## " for a sub-heading, "- " for a list, and [link text](https://example.org/page) for a link. Raw HTML is not allowed.\n`;
  const summary = `${STARTER_MARK} One line about ${ws.title} this month (shown in the email's contents)`;
  if (format === 'json') {
    return `${JSON.stringify({ workstream: ws.id, month, summary, links: [], dates: [], figures: [], body }, null, 2)}\n`;
  }
  const subs = ws.subsections?.length ? `\n${ws.subsections.map((s) => `## ${s.title}\n\n${STARTER_MARK} Text for ${s.title}.\n`).join('\n')}` : '';
  return `---
workstream: ${ws.id}
month: "${month}"
# title: A heading for this update (defaults to "${ws.title}")
summary: "${summary}"
# links:                 # descriptive text + an https:, http: or mailto: address
#   - label: Committee report, ${monthLabel(month)}
#     url: https://www.example.org/report
# dates:                 # become "Key dates" and a calendar file
#   - date: "${month}-28"
#     label: Closing date for comments
# figures:               # numbers only; the same label each month makes a chart
#   - label: Special Constables
#     value: 3125
#     period: ${monthLabel(month)}
# contact:
#   lines: ["Team name", "Street", "Town POSTCODE"]
#   email: team@example.org
---
${body}${subs}`;
}
