/**
 * Published issues are records, never overwritten: `records/YYYY-MM/rev-N.json`
 * holds the Issue exactly as published. A correction is a new revision with a
 * note; earlier revisions stay. Records are created with `ArchiveStore.create`,
 * so two publishers racing cannot both write the same revision.
 */
import { createHash } from 'node:crypto';
import type { ArchiveEntry, Correction } from '../archive/archive-entry.js';
import type { ArchiveStore } from '../ports.js';
import type { Issue } from '../render/issue-model.js';
import { StateError } from '../state-error.js';

export interface PublishedRecord {
  month: string;
  revision: number;
  /** sha256 of the canonical Issue JSON: "same content" means same hash. */
  hash: string;
  /** ISO timestamp from the Clock. */
  publishedAt: string;
  /** Correction note (revisions after the first). */
  note?: string;
  issue: Issue;
}

export class RecordExistsError extends Error {
  readonly code = 'RECORD_EXISTS';
}

export const recordKey = (month: string, revision: number) => `records/${month}/rev-${revision}.json`;

/** Stable hash of an Issue's content (key order does not matter). */
export function issueHash(issue: Issue): string {
  return createHash('sha256').update(canonicalJson(issue)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const RECORD_KEY = /^records\/(\d{4}-\d{2})\/rev-(\d+)\.json$/;
const RESTORE = 'it is the permanent record of what was published — restore it from a backup (nothing was published or sent)';

/** Parses one stored record; throws StateError naming `key` unless it is a whole record of the month and revision its name says. */
export function parseRecord(key: string, bytes: Uint8Array | undefined): PublishedRecord {
  const [, month, revision] = RECORD_KEY.exec(key) ?? [];
  let record: Partial<PublishedRecord>;
  try {
    record = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PublishedRecord>;
  } catch (cause) {
    throw new StateError(key, `is damaged (not valid JSON: ${(cause as Error).message})`, RESTORE, { cause });
  }
  const wrong =
    typeof record !== 'object' || record === null ? 'not a record'
    : record.month !== month ? `"month" is ${JSON.stringify(record.month)}, not ${month}`
    : record.revision !== Number(revision) ? `"revision" is ${JSON.stringify(record.revision)}, not ${revision}`
    : typeof record.hash !== 'string' || !/^[0-9a-f]{64}$/.test(record.hash) ? '"hash" is missing or wrong'
    : typeof record.publishedAt !== 'string' || Number.isNaN(Date.parse(record.publishedAt)) ? '"publishedAt" is missing or not a time'
    : typeof record.issue !== 'object' || record.issue === null || record.issue.month !== month || !Array.isArray(record.issue.sections) ? '"issue" is missing or not this month\'s issue'
    : record.revision > 1 && typeof record.note !== 'string' ? 'a correction without its "note"'
    : undefined;
  if (wrong) throw new StateError(key, `is damaged (${wrong})`, RESTORE);
  return record as PublishedRecord;
}

/** Every revision of every published month: month → revisions, oldest first. Throws StateError for a damaged record or a missing revision. */
export async function readRecords(store: ArchiveStore): Promise<Map<string, PublishedRecord[]>> {
  const byMonth = new Map<string, PublishedRecord[]>();
  for (const key of await store.list('records/')) {
    if (!RECORD_KEY.test(key)) continue;
    const record = parseRecord(key, await store.read(key));
    byMonth.set(record.month, [...(byMonth.get(record.month) ?? []), record]);
  }
  for (const list of byMonth.values()) {
    list.sort((a, b) => a.revision - b.revision);
    list.forEach((r, i) => {
      if (r.revision !== i + 1) throw new StateError(recordKey(r.month, i + 1), 'is missing, but later revisions exist', RESTORE);
    });
  }
  return new Map([...byMonth].sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes a new revision; throws RecordExistsError rather than overwrite one. */
export async function createRecord(store: ArchiveStore, record: PublishedRecord): Promise<void> {
  const created = await store.create(recordKey(record.month, record.revision), `${JSON.stringify(record, null, 2)}\n`, 'application/json');
  if (!created) throw new RecordExistsError(`${record.month} revision ${record.revision} is already published; it is never overwritten`);
}

/** The corrections shown on an issue page: every revision after the first, newest first. */
export function correctionsOf(revisions: readonly PublishedRecord[]): Correction[] {
  return revisions
    .filter((r) => r.revision > 1 && r.note)
    .map((r) => ({ revision: r.revision, date: r.publishedAt.slice(0, 10), at: r.publishedAt, note: r.note! }))
    .reverse();
}

/** The archive's view of a published month: its latest revision, with every correction so far. */
export function archiveEntryOf(revisions: readonly PublishedRecord[]): ArchiveEntry {
  const first = revisions[0]!;
  const latest = revisions.at(-1)!;
  const corrections = correctionsOf(revisions);
  return { issue: latest.issue, publishedAt: first.publishedAt, ...(corrections.length ? { corrections } : {}) };
}
