/**
 * Publishing: a month's approved content becomes a permanent, numbered
 * revision in the archive. Order matters for crash safety — the record is
 * created first (create-only), then the archive is written (idempotent), and
 * only then may the caller send. A re-run after a crash at any point finds
 * the record unchanged, rewrites nothing that is already right, and lets the
 * send resume from its ledger.
 *
 * Never overwrites: a changed month needs a correction, which adds revision
 * N+1 with a visible note; revision N's page stays at `YYYY/MM/rev-N/`.
 */
import { revisionPage } from '../archive/issue-files.js';
import type { SearchIndexer } from '../archive/search-index.js';
import { writeArchive } from '../archive/write-archive.js';
import { loadConfig, loadMonth, type SiteConfig } from '../content/load-content.js';
import { formatProblem } from '../content/problem.js';
import type { ArchiveStore, Clock, ContentStore } from '../ports.js';
import { dateLabel } from '../render/format.js';
import { buildIssue } from '../render/issue-model.js';
import type { Templates } from '../render/templates.js';
import { publishBlockers } from './check-ready.js';
import { archiveEntryOf, createRecord, issueHash, readRecords, type PublishedRecord } from './records.js';

export interface PublishInput {
  content: ContentStore;
  /** The archive: `site/` (public) and `records/` (published revisions). */
  archive: ArchiveStore;
  templates: Templates;
  assets: Readonly<Record<string, string>>;
  clock: Clock;
  month: string;
  /**
   * Publish a correction (revision N+1) with this public note. With `resume`,
   * content unchanged since the latest correction is not refused but returned
   * as `unchanged`, so a correction's interrupted email can be finished.
   */
  correction?: { note: string; resume?: boolean };
  searchIndexer?: SearchIndexer;
}

export type PublishOutcome =
  | { kind: 'refused'; reasons: string[] }
  /** Already published with this exact content: nothing new was published. */
  | { kind: 'unchanged'; record: PublishedRecord; written: string[] }
  | { kind: 'published'; record: PublishedRecord; written: string[] }
  | { kind: 'corrected'; record: PublishedRecord; previous: PublishedRecord; written: string[] };

/**
 * What publishing the month would do, decided from the content and the
 * records without writing anything: refused, nothing new (`unchanged`), a
 * first revision, or a correction. `commitPublication` carries it out.
 */
export type PublishDecision =
  | { kind: 'refused'; reasons: string[] }
  | {
      kind: 'published' | 'corrected' | 'unchanged';
      record: PublishedRecord;
      previous?: PublishedRecord;
      /** Every revision of the month after this publish, oldest first. */
      revisions: PublishedRecord[];
      records: Map<string, PublishedRecord[]>;
      config: SiteConfig;
    };

/** Reads content and records and decides; writes nothing. Throws StateError for a damaged record. */
export async function decidePublication(input: PublishInput): Promise<PublishDecision> {
  const { content, archive, month } = input;
  const { config, problems } = await loadConfig(content);
  if (!config) return { kind: 'refused', reasons: problems.map(formatProblem) };
  const monthContent = await loadMonth(content, month, config);
  const blockers = publishBlockers(config, monthContent);
  if (blockers.length) return { kind: 'refused', reasons: blockers };

  const issue = buildIssue({ config, ...monthContent });
  const hash = issueHash(issue);
  const records = await readRecords(archive);
  const revisions = records.get(month) ?? [];
  const latest = revisions.at(-1);
  const since = (r: PublishedRecord) => `revision ${r.revision}, published ${dateLabel(r.publishedAt.slice(0, 10))}`;
  const decided = (kind: 'published' | 'corrected' | 'unchanged', record: PublishedRecord, previous?: PublishedRecord): PublishDecision => {
    const all = kind === 'unchanged' ? revisions : [...revisions, record];
    return { kind, record, ...(previous ? { previous } : {}), revisions: all, records: new Map([...records, [month, all]]), config };
  };

  if (input.correction) {
    if (!latest) return { kind: 'refused', reasons: [`${month} has not been published yet; publish it first with: bulletin publish --month ${month}`] };
    if (latest.hash === hash) {
      // The same content as the latest correction, asked to resume: finish that correction (archive, email); publish nothing new.
      if (!input.correction.resume || latest.revision === 1) return { kind: 'refused', reasons: [`${month}: nothing to correct — the content is the same as ${since(latest)}`] };
      return decided('unchanged', latest);
    }
    return decided('corrected', { month, revision: latest.revision + 1, hash, publishedAt: input.clock.now().toISOString(), note: input.correction.note, issue }, latest);
  }
  if (!latest) return decided('published', { month, revision: 1, hash, publishedAt: input.clock.now().toISOString(), issue });
  if (latest.hash === hash) return decided('unchanged', latest);
  return {
    kind: 'refused',
    reasons: [`${month}: the content has changed since ${since(latest)}; a published issue is never overwritten — publish a correction with: bulletin correct --month ${month} --note "what changed"`],
  };
}

/** Carries out a decision: creates the new revision's record (create-only), then writes the archive. Safe to repeat. */
export async function commitPublication(input: PublishInput, decision: Exclude<PublishDecision, { kind: 'refused' }>): Promise<Exclude<PublishOutcome, { kind: 'refused' }>> {
  const { archive } = input;
  const { record, revisions, records, config } = decision;
  if (decision.kind !== 'unchanged') await createRecord(archive, record);
  const entries = [...records.values()].map(archiveEntryOf);
  // Every earlier revision keeps its own page; written once, when it is superseded.
  const extraPages = revisions.slice(0, -1).map((r, i) => revisionPage(
    { templates: input.templates, publication: config.publication, entries },
    archiveEntryOf(revisions.slice(0, i + 1)),
  ));
  const result = await writeArchive({
    out: archive,
    templates: input.templates,
    assets: input.assets,
    publication: config.publication,
    workstreams: config.workstreams,
    entries,
    changed: [record.month],
    extraPages,
    ...(input.searchIndexer ? { searchIndexer: input.searchIndexer } : {}),
  });
  if (decision.kind === 'corrected') return { kind: 'corrected', record, previous: decision.previous!, written: result.written };
  return { kind: decision.kind, record, written: result.written };
}

/** Publishes (or corrects) one month. Safe to repeat; refuses rather than overwrite. */
export async function publishIssue(input: PublishInput): Promise<PublishOutcome> {
  const decision = await decidePublication(input);
  return decision.kind === 'refused' ? decision : commitPublication(input, decision);
}
