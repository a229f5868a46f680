import { monthLabel } from '../render/format.js';
import type { Workstream } from './schema.js';

/** A starter update for an author: valid as written, every optional field shown (commented out in Markdown). */
export function starterUpdate(ws: Workstream, month: string, format: 'md' | 'json'): string {
  const body = `Write the ${ws.title} update for ${monthLabel(month)} here, in plain paragraphs.\n\nUse a line starting "## " for a sub-heading, "- " for a list, and [link text](https://example.org/page) for a link. Raw HTML is not allowed.\n`;
  const summary = `One line about ${ws.title} this month (shown in the email's contents)`;
  if (format === 'json') {
    return `${JSON.stringify({ workstream: ws.id, month, summary, links: [], dates: [], figures: [], body }, null, 2)}\n`;
  }
  const subs = ws.subsections?.length ? `\n${ws.subsections.map((s) => `## ${s.title}\n\nText for ${s.title}.\n`).join('\n')}` : '';
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
