/**
 * One issue as the archive holds it: the normalised Issue plus what the
 * archive adds (corrections, draft marking, when it was published). Its JSON
 * form is `site/YYYY/MM/bulletin.json`, so a build or publish can read other
 * months back instead of re-rendering them from content.
 */
import type { ArchiveStore } from '../ports.js';
import { monthPath } from '../render/format.js';
import type { Issue } from '../render/issue-model.js';
import type { SectionGap } from '../desk/status-page.js';
import type { PdfInfo } from './issue-pdf.js';
import { readStoredJson } from './stored-json.js';

/** A published correction: revision `revision` replaced the one before it on `date`. */
export interface Correction {
  revision: number;
  /** `YYYY-MM-DD` the corrected revision was published. */
  date: string;
  /** ISO instant the corrected revision was published (absent in archives written before it was recorded). */
  at?: string;
  note: string;
}

/** One month in the archive: JSON-serialisable, so it can be stored and read back (`bulletin.json`). */
export interface ArchiveEntry {
  issue: Issue;
  /** Every correction to this issue, any order; none means revision 1. */
  corrections?: Correction[];
  /** A preview of an unpublished issue: marked as a draft on every page. */
  draft?: boolean;
  /** Drafts only: sections the page marks as missing or invalid, with the owner to chase (never in `bulletin.json`). */
  gaps?: readonly SectionGap[];
  /** ISO time of first publication (from the publisher's Clock); defaults to the month's first day, 09:00Z. */
  publishedAt?: string;
}

/** `bulletin.json`: the Issue with the archive's additions. Holds no personal data (the Issue never does). */
export type BulletinDocument = Issue & { revision: number; corrections?: Correction[]; publishedAt?: string; draft?: true; pdf?: PdfInfo };

/** Corrections newest first (by revision), so the latest note leads. */
export function sortedCorrections(entry: ArchiveEntry): Correction[] {
  return [...(entry.corrections ?? [])].sort((a, b) => b.revision - a.revision);
}

/** The revision the entry's pages show: 1, or the newest correction's. */
export function currentRevision(entry: ArchiveEntry): number {
  return Math.max(1, ...(entry.corrections ?? []).map((c) => c.revision));
}

/** When the issue was first published: `publishedAt`, else the first of its month at 09:00Z. Never the build clock. */
export function firstPublished(entry: ArchiveEntry): string {
  return entry.publishedAt ?? `${entry.issue.month}-01T09:00:00Z`;
}

/**
 * When the shown revision was published: the newest correction's time, else
 * `firstPublished`. Every output's "modified" date (Atom `updated`, JSON Feed
 * `date_modified`, sitemap `lastmod`, iCalendar `DTSTAMP`) is this, so a
 * correction moves them all. Always after `firstPublished` when there is a
 * correction: a correction recorded with its date only (older archives) counts
 * from 09:00Z that day, or one second after first publication if that is later.
 */
export function lastUpdated(entry: ArchiveEntry): string {
  const newest = sortedCorrections(entry)[0];
  const first = firstPublished(entry);
  if (!newest) return first;
  const at = newest.at ?? `${newest.date}T09:00:00Z`;
  const firstMs = Date.parse(first);
  return Date.parse(at) > firstMs ? at : new Date(firstMs + 1000).toISOString().replace('.000Z', 'Z');
}

/** Store key of a month's `bulletin.json`. */
export const bulletinKey = (month: string) => `site/${monthPath(month)}/bulletin.json`;

/** The `bulletin.json` text for an entry: stable key order, so equal entries give equal bytes. */
export function bulletinJson(entry: ArchiveEntry, pdf?: PdfInfo): string {
  const doc: BulletinDocument = {
    ...entry.issue,
    revision: currentRevision(entry),
    ...(entry.corrections?.length ? { corrections: sortedCorrections(entry) } : {}),
    ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
    ...(entry.draft ? { draft: true as const } : {}),
    ...(pdf ? { pdf } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Reads `bulletin.json` back into an entry; undefined when absent or not a bulletin document. */
export async function readArchiveEntry(store: ArchiveStore, month: string): Promise<ArchiveEntry | undefined> {
  const doc = (await readStoredJson(store, bulletinKey(month))) as Partial<BulletinDocument> | undefined;
  if (!doc || doc.month !== month || !Array.isArray(doc.sections) || !Array.isArray(doc.keyDates)) return undefined;
  const { revision: _revision, pdf: _pdf, corrections, publishedAt, draft, ...issue } = doc as BulletinDocument;
  return {
    issue,
    ...(corrections?.length ? { corrections } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(draft ? { draft } : {}),
  };
}
