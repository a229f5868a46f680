/**
 * The content contract: every file an author, editor or administrator writes.
 * These zod schemas are the single source of truth; `bulletin schema` turns
 * them into JSON Schema for editors' tooling. Unknown fields are errors
 * everywhere (`strictObject`) so a typo never passes silently.
 */
import * as z from 'zod';

/** `YYYY-MM`, month 01–12. */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month written YYYY-MM, e.g. 2010-07' });

/** Lower-case kebab-case id, e.g. `civil-liberties`. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case letters, digits and single hyphens, e.g. civil-liberties' });

const SAFE_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'];

/** True when `url` is absolute and uses one of the schemes we publish. */
export function isSafeUrl(url: string): boolean {
  try {
    return SAFE_SCHEMES.includes(new URL(url.trim()).protocol);
  } catch {
    return false;
  }
}

export const SafeUrlSchema = z
  .string()
  .min(1)
  // URL parsing drops line breaks silently; the text as written must not hold any.
  .regex(/^\s*\S+\s*$/, { error: 'must be one web address with no spaces or line breaks' })
  .refine(isSafeUrl, { error: 'must be an absolute https:, http:, mailto: or tel: URL' });

/** A real calendar date `YYYY-MM-DD` (2010-02-30 is rejected). */
export const DateSchema = z.string().refine(
  (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
  },
  { error: 'must be a real calendar date written YYYY-MM-DD, e.g. 2010-08-31' },
);

/** Markdown or free text an author writes: may span lines. */
const Text = z.string().trim().min(1, { error: 'must not be empty' });

/**
 * One line of text (titles, summaries, labels, address lines): a line break
 * inside one would break a Subject, a heading or a contents entry.
 */
const Line = Text.regex(/^[^\n\r\u0085\u2028\u2029]*$/, { error: 'must be one line; remove the line break (in YAML, write it on one line or use ">-")' });

export const LinkSchema = z.strictObject({
  label: Line.describe('Descriptive link text, e.g. "Safer Neighbourhoods scoping study"'),
  url: SafeUrlSchema,
});
export type Link = z.infer<typeof LinkSchema>;

export const KeyDateSchema = z.strictObject({
  date: DateSchema,
  label: Line,
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time HH:MM, e.g. 14:00' })
    .optional()
    .describe('Local (Europe/London) start time; omit for an all-day date'),
  location: Line.optional(),
});
export type KeyDate = z.infer<typeof KeyDateSchema>;

export const FigureSchema = z.strictObject({
  label: Line.describe('What is counted, e.g. "Special Constables"; the same label across months forms a series'),
  value: z.number({ error: 'must be a number, e.g. 3125 (no commas or units)' }).finite(),
  unit: Line.optional().describe('e.g. "hours per week"'),
  period: Line.optional().describe('e.g. "June 2010"'),
});
export type Figure = z.infer<typeof FigureSchema>;

export const ContactSchema = z
  .strictObject({
    lines: z.array(Line).optional().describe('Postal address lines, one per line'),
    email: z.email({ error: 'must be an email address' }).optional(),
    phone: Line.optional(),
  })
  .refine((c) => c.lines?.length || c.email || c.phone, { error: 'needs at least lines, email or phone' });
export type Contact = z.infer<typeof ContactSchema>;

/** Fields shared by the Markdown front matter and the JSON form of an update. */
const updateFields = {
  workstream: IdSchema.describe('Workstream id from config/workstreams; must match the file name'),
  month: MonthSchema.describe('Must match the folder, e.g. updates/2010-07/'),
  title: Line.optional().describe('Heading for this update; defaults to the workstream title'),
  summary: Line.max(200, { error: 'must be one line of at most 200 characters' })
    .optional()
    .describe('One line used in the email preheader and contents'),
  links: z.array(LinkSchema).optional(),
  dates: z.array(KeyDateSchema).optional(),
  figures: z.array(FigureSchema).optional(),
  contact: ContactSchema.optional(),
};

/** Front matter of `updates/YYYY-MM/<workstream>.md`; the Markdown body follows it. */
export const UpdateFrontMatterSchema = z.strictObject(updateFields);

/** `updates/YYYY-MM/<workstream>.json`: the same fields, Markdown in `body`. */
export const UpdateJsonSchema = z.strictObject({
  ...updateFields,
  body: z.string().describe('The update text in Markdown'),
});
export type UpdateInput = z.infer<typeof UpdateJsonSchema>;

export const SubsectionSchema = z.strictObject({ id: IdSchema, title: Line });

export const WorkstreamSchema = z.strictObject({
  id: IdSchema,
  title: Line,
  strand: Line.optional().describe('Met Forward strand, e.g. "Met Streets"'),
  owner: z.email({ error: 'must be the owner\'s email address' }),
  order: z.number().int(),
  required: z.boolean().default(false).describe('Publishing is refused while a required workstream has no update'),
  subsections: z.array(SubsectionSchema).optional().describe('Expected "## " sub-headings, e.g. Specials, Met Volunteers'),
});
export type Workstream = z.infer<typeof WorkstreamSchema>;

export const WorkstreamsConfigSchema = z
  .strictObject({ workstreams: z.array(WorkstreamSchema).min(1) })
  .superRefine((c, ctx) => {
    // Report at the repeated id, so the message points at the line to fix.
    c.workstreams.forEach((w, i) => {
      const first = c.workstreams.findIndex((x) => x.id === w.id);
      if (first < i) ctx.addIssue({ code: 'custom', path: ['workstreams', i, 'id'], message: `"${w.id}" is already the id of workstreams[${first}]; workstream ids must be unique` });
    });
  });
export type WorkstreamsConfig = z.infer<typeof WorkstreamsConfigSchema>;

const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time HH:MM, e.g. 09:00' })
  // 01:00–02:00 is skipped or repeated on the nights the clocks change.
  .refine((t) => !t.startsWith('01:'), { error: 'must not be in the 01:00–02:00 hour, which the clock changes skip or repeat' });
const DayOfMonth = z.number().int().min(1).max(31);

/**
 * The publishing calendar. Every day is a day of the month AFTER the
 * reporting month (the July 2010 issue is called for, due and published in
 * August 2010); a day past the month's end means its last day. All times are
 * Europe/London wall-clock times.
 */
export const CalendarSchema = z
  .strictObject({
    timezone: z.literal('Europe/London', { error: 'must be Europe/London' }).default('Europe/London'),
    callDay: DayOfMonth.describe('Day the call for updates goes out, e.g. 1'),
    deadlineDay: DayOfMonth.describe('Day updates are due (by the end of it); a Saturday or Sunday moves to the Friday before'),
    reminders: z.array(z.number().int().min(-27).max(27)).default([-3, -1, 1])
      .describe('Days relative to the deadline on which owners still missing are reminded, e.g. [-3, -1, 1]'),
    publishDay: DayOfMonth.describe('Day the issue publishes, e.g. 10'),
    sendTime: TimeOfDay.default('09:00').describe('Time the call and reminders go out'),
    publishTime: TimeOfDay.default('09:00').describe('Time the issue publishes'),
  })
  .refine((c) => c.callDay <= c.deadlineDay && c.deadlineDay <= c.publishDay, {
    error: 'needs callDay ≤ deadlineDay ≤ publishDay',
    path: ['deadlineDay'],
  });
export type Calendar = z.infer<typeof CalendarSchema>;

export const PublicationSchema = z.strictObject({
  name: Line.describe('e.g. "Met Forward"'),
  tagline: Line.default('Monthly progress bulletin'),
  publisher: Line.describe('e.g. "Metropolitan Police Authority"'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en-GB'),
  fromAddress: z.email(),
  fromName: Line.optional(),
  replyTo: z.email().optional(),
  feedbackEmail: z.email().optional(),
  editorEmail: z.email({ error: 'must be the comms lead\'s email address' }).optional()
    .describe('The comms lead (editor): gets the digest after each round of calls and reminders. Defaults to replyTo, then contact.email, then fromAddress'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be the archive\'s absolute http(s) URL' }),
  // https on the internet; plain http only on loopback (`npm run dev`'s local API), never across a network.
  unsubscribeBaseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute https URL' })
    .refine((u) => u.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be an absolute https URL (http only on 127.0.0.1 or localhost)')
    .optional()
    .describe('Where the subscribers API lives; unsubscribe links go to <this>/unsubscribe. Defaults to baseUrl. https; http only on 127.0.0.1 or localhost'),
  unsubscribeEmail: z.email().optional()
    .describe('Mailbox for mailto: unsubscribe requests (List-Unsubscribe). Defaults to replyTo, then fromAddress'),
  purpose: Text.describe('Markdown: the standing "Purpose" section'),
  gettingInvolved: z.array(Text).default([]).describe('Markdown, one item each: the standing "Getting Involved" list'),
  contact: ContactSchema,
  replacedBy: z
    .strictObject({
      on: DateSchema.describe('The day the publisher was replaced, YYYY-MM-DD'),
      name: Line.describe('Who replaced it, e.g. "Mayor\'s Office for Policing and Crime"'),
      shortName: Line.optional().describe('e.g. "MOPC"'),
      url: z.url({ protocol: /^https?$/, error: 'must be the successor\'s absolute http(s) URL' }).describe('The successor\'s website, linked from the warning'),
    })
    .optional()
    .describe('When the publisher was replaced: every issue dated before that day carries the "archived material" warning. Without it, no issue does'),
  calendar: CalendarSchema.optional()
    .describe('The editor\'s desk: when the call for updates goes out, when updates are due, when reminders go and when the issue publishes. Without it no update is ever late'),
  schedule: z
    .strictObject({
      dayOfMonth: z.number().int().min(1).max(28),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      timezone: z.string().default('Europe/London'),
    })
    .optional()
    .describe('Superseded by calendar (publishDay, publishTime); still accepted so older configs load, and unused'),
  sendRatePerSecond: z.number().positive().default(14),
  subscribeUrl: z.url({ protocol: /^https?$/, error: 'must be the subscribers API\'s absolute http(s) URL' })
    .optional()
    .describe('Where the archive\'s sign-up form posts; without it the subscribe page explains how to subscribe by email'),
  accessibilityStatement: z
    .strictObject({
      preparedOn: DateSchema.describe('When the accessibility statement was first prepared, YYYY-MM-DD'),
      reviewedOn: DateSchema.optional().describe('When it was last reviewed, YYYY-MM-DD'),
    })
    .optional()
    .describe('Dates shown on the accessibility statement; without it the newest issue\'s publication date is used'),
});
export type Publication = z.infer<typeof PublicationSchema>;

/** `issues/YYYY-MM/issue.(md|json)`: the editor's optional manifest. In `.md`, the body is the intro. */
const manifestFields = {
  month: MonthSchema.optional(),
  title: Line.optional().describe('Overrides "<name>: <tagline> (<Month YYYY>)"'),
  status: z.enum(['draft', 'approved'], { error: 'must be draft or approved' }).default('draft'),
  order: z.array(IdSchema).optional().describe('Workstream ids in the order to show them'),
  skip: z.array(IdSchema).optional().describe('Required workstreams deliberately left out this month'),
  gettingInvolved: z.array(Text).optional().describe('Extra Markdown items appended to "Getting Involved"'),
  sample: z.boolean().optional().describe('true marks made-up sample data'),
  callOn: DateSchema.optional().describe('This month only: the day the call for updates goes out, YYYY-MM-DD'),
  deadline: DateSchema.optional().describe('This month only: the day updates are due, YYYY-MM-DD (kept even on a weekend)'),
  publishOn: DateSchema.optional().describe('This month only: the day the issue publishes, YYYY-MM-DD'),
};
export const ManifestFrontMatterSchema = z.strictObject(manifestFields);
export const ManifestJsonSchema = z.strictObject({ ...manifestFields, intro: z.string().optional() });
export type Manifest = z.infer<typeof ManifestJsonSchema>;
