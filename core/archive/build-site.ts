/**
 * `bulletin build`: every month in the content (or one) → the archive site
 * (drafts marked as drafts), each built month's email, and the preview
 * index. Bad files are reported and left out; everything valid is built.
 *
 * With `month`, only that month is rendered from content; the other months
 * come back from their `bulletin.json` in the output (or, when a month was
 * never built, from content), and the archive writer rewrites only what the
 * month changes.
 *
 * Given the code's `edition`, a build over the output of a complete earlier
 * one also skips every month whose files, config and code are what they were
 * when its output was written (month-stamp.ts): it is neither parsed nor
 * rendered, and a whole build writes the archive as a `--month` build of the
 * months that did change.
 */
import { listMonths, loadConfig, loadMonth, type SiteConfig } from '../content/load-content.js';
import type { Problem } from '../content/problem.js';
import type { ArchiveStore, ContentStore } from '../ports.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { baseOf } from '../render/format.js';
import { siteContext } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { readArchiveEntry, type ArchiveEntry } from './archive-entry.js';
import type { OutputFile } from '../ports.js';
import { renderMonth } from './render-month.js';
import { StoredEmails } from './stored-emails.js';
import { HTML } from './site-paths.js';
import type { SearchIndexer } from './search-index.js';
import { writeArchive } from './write-archive.js';
import { monthStatus } from '../desk/month-status.js';
import { buildContext, buildStampFile, freshStamp, listingAfter, listingHash, monthInputs, outputKeys, monthStampFile, pastDeadline, PENDING_BUILD, pendingMonthStamp, readBuildStamp, sameBuild, monthKeys, stampedKeys, type MonthStamp } from './month-stamp.js';
import { previewStatus, readStatus, sectionGaps, statusFiles, statusPagePath, type PreviewStatus } from '../desk/status-page.js';

/** What `bulletin build` reads from and writes to. */
export interface BuildInput {
  content: ContentStore;
  out: ArchiveStore;
  templates: Templates;
  /** Static assets (`site.css`, `search.js` …) copied to `site/assets/`. */
  assets: Readonly<Record<string, string>>;
  /** Build only this month (plus what it changes: index pages, feeds, its workstreams, search). */
  month?: string;
  /** Builds the search index (Pagefind locally); without it the search index is not touched. */
  searchIndexer?: SearchIndexer;
  onProgress?: (done: number, total: number, label: string) => void;
  /** When the build runs, so the status pages can say who is late; without it nothing is late. */
  now?: Date;
  /** Where this build's subscribe form posts instead of the config's `subscribeUrl` (the preview's own API). */
  subscribeUrl?: string;
  /**
   * The edition of the code rendering (adapters/code-edition.ts). With it, unchanged months are not read or
   * rendered again (month-stamp.ts); without it, every month is.
   */
  edition?: string;
}

/** What a build did: problems found (their files left out), issues rendered, keys written. */
export interface BuildResult {
  problems: Problem[];
  /** The issues this build made from content, or (unchanged since the last build) kept from its output. */
  issues: Issue[];
  /** Keys actually written (unchanged files are not rewritten). */
  written: string[];
}

const draftEntry = (issue: Issue, status?: PreviewStatus): ArchiveEntry =>
  issue.status !== 'approved' ? { issue, draft: true, ...(status ? { gaps: sectionGaps(status) } : {}) } : { issue };

/** An entry read back from `bulletin.json`, with the gap notices a draft's page shows (kept in its status, not there). */
const restored = (entry: ArchiveEntry, status: PreviewStatus): ArchiveEntry => (entry.draft ? { ...entry, gaps: sectionGaps(status) } : entry);

/**
 * Builds the preview archive. Safe to repeat: unchanged files are not
 * rewritten, nothing is deleted. With `month`, other issues' pages are not
 * rewritten (see `writeArchive` for what a month's change does touch).
 */
export async function buildSite(input: BuildInput): Promise<BuildResult> {
  const { content, out, templates } = input;
  const loaded = await loadConfig(content);
  const { problems } = loaded;
  if (!loaded.config) return { problems, issues: [], written: [] };
  const config = input.subscribeUrl ? { ...loaded.config, publication: { ...loaded.config.publication, subscribeUrl: input.subscribeUrl } } : loaded.config;
  const months = await listMonths(content);
  const targets = input.month ? months.filter((m) => m === input.month) : months;
  if (input.month && !targets.length) {
    problems.push({ path: `updates/${input.month}/`, field: 'month', message: `no updates or manifest for ${input.month}` });
  }
  const written: string[] = [];
  const write = async (f: OutputFile) => {
    if (await out.write(f.key, f.body, f.contentType)) written.push(f.key);
  };
  const issues: Issue[] = [];
  const statuses = new Map<string, PreviewStatus>();
  // Emails whose MJML is unchanged since the stored record reuse its HTML (stored-emails.ts).
  const emails = new StoredEmails();
  const withEmails: Templates = { ...templates, mjmlHtml: emails };
  // Stamps only with the code's edition: nothing else says the stored output was made by this renderer.
  const context = input.edition === undefined ? undefined : buildContext({ edition: input.edition, config });
  const previous = context === undefined ? undefined : await readBuildStamp(out);
  // The output is listed only when there is a complete build to compare it with (and then only once: see the end).
  // A `--month` build does not walk it: it carries the stamp's listing forward (month-stamp.ts, `BuildStamp.keys`).
  const before = context === undefined || previous === undefined ? undefined : input.month ? stampedKeys(previous) : await outputKeys(out);
  const trusted = before !== undefined && sameBuild(previous, context!, months, listingHash(before));
  const kept = new Map<string, ArchiveEntry>();
  const stamps: { month: string; stamp: MonthStamp }[] = [];
  let pending = false;
  for (const [i, month] of targets.entries()) {
    input.onProgress?.(i, targets.length + 1, month);
    const inputs = context === undefined ? undefined : await monthInputs(content, month, context);
    // A `--month` build did not walk the output: it skips its month only while that month's files are all still there.
    if (inputs !== undefined && trusted && (!input.month || (await allThere(out, monthKeys(before!, month))))) {
      const stamp = await freshStamp(out, month, inputs, input.now);
      const entry = stamp && (await readArchiveEntry(out, month));
      const status = entry && (await readStatus(out, month));
      if (stamp && entry && status) {
        kept.set(month, restored(entry, status));
        statuses.set(month, status);
        issues.push(entry.issue);
        continue;
      }
    }
    if (context !== undefined) {
      // Until this build has written everything, no later build may take the archive's pages as up to date,
      // nor this month's stored files (rewritten from here on) as those of its old stamp.
      if (!pending) await write(PENDING_BUILD);
      pending = true;
      await write(pendingMonthStamp(month));
    }
    const monthContent = await loadMonth(content, month, config);
    problems.push(...monthContent.problems);
    await emails.load(out, month);
    const rendered = await renderMonth(config, monthContent, withEmails);
    const record = emails.recordFile(month);
    if (record) await write(record);
    const status = monthStatus({ config, content: monthContent, ...(input.now ? { now: input.now } : {}) });
    statuses.set(month, previewStatus(status));
    issues.push(rendered.issue);
    for (const f of [...rendered.files, ...statusFiles(config.publication, status, rendered.issue.monthLabel, templates)]) await write(f);
    // A month with problems is not stamped: it is read again (and its problems reported) by every build.
    if (inputs !== undefined && !monthContent.problems.length) {
      const deadline = status.dates?.deadline.at;
      stamps.push({ month, stamp: { inputs, ...(deadline ? { deadline } : {}), pastDeadline: pastDeadline(deadline, input.now) } });
    }
  }
  input.onProgress?.(targets.length, targets.length + 1, 'archive');
  const built = issues.filter((issue) => !kept.has(issue.month));
  const { entries, unbuilt } = await archiveEntries(input, config, months, built, kept, problems, statuses, write);
  // A whole build over a complete earlier one of the same code, config and months is a `--month` build of what changed.
  const changed = input.month ? [...targets, ...unbuilt] : trusted ? [...built.map((i) => i.month), ...unbuilt] : undefined;
  const archive = await writeArchive({
    out,
    templates,
    assets: input.assets,
    publication: config.publication,
    workstreams: config.workstreams,
    entries,
    ...(changed ? { changed } : {}),
    ...(input.searchIndexer ? { searchIndexer: input.searchIndexer } : {}),
  });
  written.push(...archive.written);
  await write({ key: 'index.html', body: renderPreviewIndex(config, entries.map((e) => e.issue), statuses, templates, problems.length), contentType: HTML });
  // Stamps last: each vouches for output already written. A `--month` build keeps the last build's stamp valid, not makes one.
  for (const { month, stamp } of stamps) await write(monthStampFile(month, stamp));
  if (context !== undefined && (!input.month || trusted)) {
    const keys = before ? listingAfter(before, written) : await outputKeys(out);
    await write(buildStampFile({ context, months, files: listingHash(keys), keys }));
  }
  // A stamp marked pending and then written again is one file changed.
  return { problems, issues, written: [...new Set(written)] };
}

/** Whether every one of these keys is in the store. */
async function allThere(out: ArchiveStore, keys: readonly string[]): Promise<boolean> {
  for (const k of keys) if (!(await out.read(k))) return false;
  return keys.length > 0;
}

/** Every month's entry: the built ones, else `bulletin.json` from the output, else (never built) from content. */
async function archiveEntries(input: BuildInput, config: SiteConfig, months: string[], built: Issue[], kept: ReadonlyMap<string, ArchiveEntry>, problems: Problem[], statuses: Map<string, PreviewStatus>, write: (f: OutputFile) => Promise<void>) {
  const entries: ArchiveEntry[] = [];
  const unbuilt: string[] = [];
  for (const month of months) {
    const unchanged = kept.get(month);
    if (unchanged) {
      entries.push(unchanged);
      continue;
    }
    const done = built.find((i) => i.month === month);
    const stored = done ? undefined : await readArchiveEntry(input.out, month);
    const keptStatus = done ? undefined : await readStatus(input.out, month);
    if (keptStatus) statuses.set(month, keptStatus);
    if (done) entries.push(draftEntry(done, statuses.get(month)));
    else if (stored && keptStatus) entries.push(restored(stored, keptStatus));
    else {
      const m = await loadMonth(input.content, month, config);
      // A month kept from an earlier build had its problems reported by that build.
      if (!stored) problems.push(...m.problems);
      const status = monthStatus({ config, content: m, ...(input.now ? { now: input.now } : {}) });
      statuses.set(month, previewStatus(status));
      const issue = buildIssue({ config, ...m });
      for (const f of statusFiles(config.publication, status, issue.monthLabel, input.templates)) await write(f);
      entries.push(stored ?? draftEntry(issue, previewStatus(status)));
      if (!stored) unbuilt.push(month);
    }
  }
  return { entries, unbuilt };
}

/** `index.html` at the output root: every month with its draft pages and emails, for authors and editors. */
function renderPreviewIndex(config: SiteConfig, issues: Issue[], statuses: Map<string, PreviewStatus>, templates: Templates, problemCount: number): string {
  const newest = [...issues].sort((a, b) => b.month.localeCompare(a.month)).map((issue) => {
    const status = statuses.get(issue.month);
    const waiting = status?.workstreams.filter((w) => w.required && w.state !== 'valid' && w.state !== 'skipped').length ?? 0;
    return { ...issue, readiness: status && { ready: status.ready, reasons: status.reasonCount, waiting, href: statusPagePath(issue.month) } };
  });
  return templates.page('preview', {
    site: siteContext(config.publication),
    root: 'site/',
    pageTitle: 'Preview of every month',
    canonical: `${baseOf(config.publication.baseUrl)}/`,
    noindex: true,
    issues: newest,
    problemCount,
  });
}
