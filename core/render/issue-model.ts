/**
 * The normalised Issue: everything every renderer needs, already sanitised
 * and formatted, and nothing personal. `bulletin.json` is this object.
 */
import type { SiteConfig } from '../content/load-content.js';
import { renderInlineMarkdown, renderMarkdown } from '../content/render-markdown.js';
import type { Update } from '../content/parse-update.js';
import type { Contact, Manifest } from '../content/schema.js';
import { bodyFacts, contactNotInBody, linksNotInBody } from './already-said.js';
import { baseOf, dateLabel, monthLabel, monthPath, numberLabel } from './format.js';

export interface IssueLink {
  label: string;
  url: string;
}

export interface IssueDate {
  date: string;
  /** "31 August 2010" */
  dateLabel: string;
  label: string;
  time?: string;
  location?: string;
  workstream: string;
  sectionTitle: string;
}

export interface IssueFigure {
  label: string;
  value: number;
  /** "3,125" */
  valueLabel: string;
  unit?: string;
  period?: string;
}

export interface IssueSection {
  workstream: string;
  workstreamTitle: string;
  strand?: string;
  title: string;
  /** Fragment id on the issue page, e.g. `civil-liberties`. */
  anchor: string;
  summary?: string;
  /** Sanitised HTML of the update text. */
  html: string;
  /** The update's links whose address the text does not already give (each address once). */
  links: IssueLink[];
  /** The update's dates, each (date, time, label, location) once. */
  dates: IssueDate[];
  figures: IssueFigure[];
  /** The contact details the text does not already give; absent when it gives them all. */
  contact?: Contact;
  /** Content path it came from. */
  source: string;
}

export interface Issue {
  month: string;
  /** "July 2010" */
  monthLabel: string;
  /** "2010/07" */
  path: string;
  title: string;
  /** Absolute URL of the issue's web page. */
  url: string;
  status: 'draft' | 'approved';
  sample: boolean;
  publication: {
    name: string;
    tagline: string;
    publisher: string;
    language: string;
    baseUrl: string;
    contact: Contact;
    feedbackEmail?: string;
  };
  introHtml?: string;
  purposeHtml: string;
  sections: IssueSection[];
  gettingInvolvedHtml: string[];
  /** Every section's dates, soonest first, each (date, time, label, location) once: the one list a page shows. */
  keyDates: IssueDate[];
  /** Registry workstreams with no update this month (required or not). */
  missing: string[];
}

/** The dates with each (date, time, label, location) kept once, first one wins (so its section is the one linked). */
function onceEach(dates: IssueDate[]): IssueDate[] {
  const seen = new Set<string>();
  return dates.filter((d) => {
    const key = JSON.stringify([d.date, d.time ?? '', d.label.trim().toLowerCase(), (d.location ?? '').trim().toLowerCase()]);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** A month's content (a `MonthContent` from `loadMonth` fits as it is) plus the config. */
export interface IssueInput {
  config: SiteConfig;
  month: string;
  updates: readonly Update[];
  manifest?: Manifest | undefined;
}

/** Builds the Issue: sections in the manifest's order, else the registry's. */
export function buildIssue({ config, month, updates, manifest }: IssueInput): Issue {
  const { publication, workstreams } = config;
  const order = [...(manifest?.order ?? []), ...workstreams.map((w) => w.id)];
  const rank = (id: string) => order.indexOf(id);
  const sections = [...updates]
    .sort((a, b) => rank(a.workstream) - rank(b.workstream))
    .map((u): IssueSection => {
      const ws = workstreams.find((w) => w.id === u.workstream)!;
      const title = u.title ?? ws.title;
      const html = renderMarkdown(u.body);
      const body = bodyFacts(html);
      const contact = contactNotInBody(u.contact, body);
      return {
        workstream: ws.id,
        workstreamTitle: ws.title,
        ...(ws.strand ? { strand: ws.strand } : {}),
        title,
        anchor: ws.id,
        ...(u.summary ? { summary: u.summary } : {}),
        html,
        links: linksNotInBody(u.links ?? [], body),
        dates: onceEach((u.dates ?? []).map((d) => ({ ...d, dateLabel: dateLabel(d.date), workstream: ws.id, sectionTitle: title }))),
        figures: (u.figures ?? []).map((f) => ({ ...f, valueLabel: numberLabel(f.value) })),
        ...(contact ? { contact } : {}),
        source: u.path,
      };
    });
  const base = baseOf(publication.baseUrl);
  const label = monthLabel(month);
  return {
    month,
    monthLabel: label,
    path: monthPath(month),
    title: manifest?.title ?? `${publication.name}: ${publication.tagline} (${label})`,
    url: `${base}/${monthPath(month)}/`,
    status: manifest?.status ?? 'draft',
    sample: manifest?.sample ?? false,
    publication: {
      name: publication.name,
      tagline: publication.tagline,
      publisher: publication.publisher,
      language: publication.language,
      baseUrl: base,
      contact: publication.contact,
      ...(publication.feedbackEmail ? { feedbackEmail: publication.feedbackEmail } : {}),
    },
    ...(manifest?.intro ? { introHtml: renderMarkdown(manifest.intro) } : {}),
    purposeHtml: renderMarkdown(publication.purpose),
    sections,
    gettingInvolvedHtml: [...publication.gettingInvolved, ...(manifest?.gettingInvolved ?? [])].map(renderInlineMarkdown),
    keyDates: onceEach(sections.flatMap((s) => s.dates)).sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? '')),
    missing: workstreams.filter((w) => !updates.some((u) => u.workstream === w.id)).map((w) => w.id),
  };
}
