/**
 * A rebuild neither reads nor renders a month that has not changed. After a
 * month is rendered and the archive written, its stamp is kept at
 * `cache/month/YYYY-MM.json` (outside `site/`, never served): a hash of
 * everything the month's output was made from — the code's edition (every
 * source, template and locked dependency version, adapters/code-edition.ts),
 * the parsed config, and each file and entry under the month's `updates/`
 * and `issues/` folders — with whether its deadline had passed (the one
 * thing time changes in a month's output). Only a month whose files have no
 * problems is stamped: problems quote author text, which the output never
 * keeps outside a rendered, escaped page, and a month with problems is one
 * its author is working on, so it is read again each build. A
 * later build whose hash is the same, on the same side of the deadline,
 * takes the month from its stored `bulletin.json` and status, as a
 * `--month` build does for the months it does not render. A month about to
 * be rendered has its stamp marked pending first, and stamped again only
 * once the archive is written.
 *
 * Months are skipped only over an output that is as the last complete build
 * left it, kept in `cache/build.json`: that build's context, its months and
 * the list of files it left. A build that renders anything marks it pending
 * first and writes it back only when done, so a build cut short — or an
 * output a file was deleted from — leaves the next one rendering every
 * month and writing every page again, never trusting what it did not finish.
 * (A file edited by hand in the output is not noticed: delete `cache/`.)
 */
import { createHash } from 'node:crypto';
import type { ArchiveStore, ContentStore, OutputFile } from '../ports.js';
import { canonical, sha256 } from './pdf-record.js';
import { statusJsonPath, statusPagePath } from '../desk/status-page.js';
import { monthPath } from '../render/format.js';
import { emailDir } from './render-month.js';
import { contentTypeOf, siteKey } from './site-paths.js';
import { readStoredJson } from './stored-json.js';

/** What a month's stamp says. */
export interface MonthStamp {
  /** sha256 of the build context and the month's files (`monthInputs`). */
  inputs: string;
  /** The instant the month's missing updates turn late, when it has a calendar. */
  deadline?: string;
  /** Whether that instant had passed when the month was rendered. */
  pastDeadline: boolean;
}

/** The last complete build of the whole archive. */
export interface BuildStamp {
  context: string;
  months: string[];
  /** sha256 of every output key the build left (cache/ aside): a file removed by hand since means nothing is trusted. */
  files: string;
  /**
   * Those keys (`outputKeys`), so a `--month` build carries the listing forward instead of walking the output.
   * Only a whole build walks it, and so only a whole build can find it changed by hand: a `--month` build's
   * stamp claims no more than the last whole build's listing plus what it wrote itself.
   */
  keys?: string[];
}

export const monthStampKey = (month: string) => `cache/month/${month}.json`;
export const BUILD_STAMP_KEY = 'cache/build.json';
const JSON_TYPE = contentTypeOf('stamp.json');

/** The hash of what every month's output depends on besides its own files. */
export function buildContext(parts: { edition: string; config: unknown }): string {
  return sha256(canonical(parts));
}

/** The hash of `context` and every file and unreadable entry of `month`'s folders, by key and bytes. */
export async function monthInputs(content: ContentStore, month: string, context: string): Promise<string> {
  const hash = createHash('sha256').update(`${context}\0`);
  for (const prefix of [`updates/${month}/`, `issues/${month}/`]) {
    for (const e of (await content.unreadable?.(prefix)) ?? []) hash.update(`entry\0${e.key}\0${e.kind}\0`);
    for (const key of await content.list(prefix)) {
      const bytes = await content.read(key);
      hash.update(`file\0${key}\0${bytes ? bytes.length : -1}\0`);
      if (bytes) hash.update(bytes);
    }
  }
  return hash.digest('hex');
}

/** Whether `deadline` had passed at `now` (never, without either). */
export const pastDeadline = (deadline: string | undefined, now: Date | undefined): boolean =>
  Boolean(now && deadline && now.getTime() >= Date.parse(deadline));

/** The month's stamp when it vouches for `inputs` at `now`; undefined when absent, damaged or out of date. */
export async function freshStamp(out: ArchiveStore, month: string, inputs: string, now: Date | undefined): Promise<MonthStamp | undefined> {
  const s = (await readStoredJson(out, monthStampKey(month))) as Partial<MonthStamp> | undefined;
  if (!s || s.inputs !== inputs || typeof s.pastDeadline !== 'boolean') return undefined;
  if (s.deadline !== undefined && typeof s.deadline !== 'string') return undefined;
  return pastDeadline(s.deadline, now) === s.pastDeadline ? (s as MonthStamp) : undefined;
}

/** Written before a month is rendered: its old stamp must not vouch for files this build may be part-way through replacing. */
export function pendingMonthStamp(month: string): OutputFile {
  return { key: monthStampKey(month), body: '{"pending":true}\n', contentType: JSON_TYPE };
}

export function monthStampFile(month: string, stamp: MonthStamp): OutputFile {
  return { key: monthStampKey(month), body: `${JSON.stringify(stamp)}\n`, contentType: JSON_TYPE };
}

/** The last complete build, when there is one and no build since was cut short. */
export async function readBuildStamp(out: ArchiveStore): Promise<BuildStamp | undefined> {
  const s = (await readStoredJson(out, BUILD_STAMP_KEY)) as Partial<BuildStamp> | undefined;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return s && typeof s.context === 'string' && typeof s.files === 'string' && strings(s.months) && (s.keys === undefined || strings(s.keys)) ? (s as BuildStamp) : undefined;
}

/**
 * The keys of `month`'s own files in a listing: its issue folder (`site/2010/07/…`), its email (`email/2010-07/…`)
 * and its status page and record (`status/2010-07.html`, `.json`).
 */
export function monthKeys(keys: readonly string[], month: string): string[] {
  const folders = [siteKey(`${monthPath(month)}/`), `${emailDir(month)}/`];
  const own = new Set([statusPagePath(month), statusJsonPath(month)]);
  return keys.filter((k) => own.has(k) || folders.some((f) => k.startsWith(f)));
}

/** The output's listing as the stamp recorded it, when the stamp holds one that hashes to its `files`. */
export function stampedKeys(stamp: BuildStamp | undefined): string[] | undefined {
  return stamp?.keys && listingHash(stamp.keys) === stamp.files ? stamp.keys : undefined;
}

/** Every key in the output outside `cache/`, sorted: what `BuildStamp.files` is the hash of. */
export async function outputKeys(out: ArchiveStore): Promise<string[]> {
  return (await out.list('')).filter((k) => !k.startsWith('cache/')).sort();
}

/** The hash of a listing (`outputKeys`), for `BuildStamp.files`. */
export const listingHash = (keys: readonly string[]): string => sha256(keys.join('\n'));

/** The listing after a build that found `before` and wrote `written` (writes only add or replace files): no second walk. */
export function listingAfter(before: readonly string[], written: readonly string[]): string[] {
  const added = written.filter((k) => !k.startsWith('cache/'));
  return [...new Set([...before, ...added])].sort();
}

/** Written before a build renders anything: until the build writes `buildStampFile`, no build trusts the archive's pages. */
export const PENDING_BUILD: OutputFile = { key: BUILD_STAMP_KEY, body: '{"pending":true}\n', contentType: JSON_TYPE };

export function buildStampFile(stamp: BuildStamp): OutputFile {
  return { key: BUILD_STAMP_KEY, body: `${JSON.stringify(stamp)}\n`, contentType: JSON_TYPE };
}

/** Whether `stamp` is the build `context` over exactly `months`, and left exactly the files now there. */
export const sameBuild = (stamp: BuildStamp | undefined, context: string, months: readonly string[], files: string): boolean =>
  !!stamp && stamp.context === context && stamp.files === files && stamp.months.length === months.length && stamp.months.every((m, i) => m === months[i]);
