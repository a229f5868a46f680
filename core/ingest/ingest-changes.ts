/**
 * The ingest use case over a set of object changes: never trusts the
 * events' order or count — each affected month is re-derived from the
 * store's current objects (ingest-month.ts); a config change re-derives
 * every month; a broken config is reported and touches no month.
 */
import { listMonths, loadConfig } from '../content/load-content.js';
import { ingestMonth, type IngestStores } from './ingest-month.js';
import { writeReport } from './report.js';

/** One object change: which key (decoded), and whether the event said it was removed. */
export interface ContentChange {
  key: string;
  removed: boolean;
}

/** The two log calls ingest makes (Powertools' Logger fits). */
export interface IngestLog {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface IngestDeps extends IngestStores {
  logger: IngestLog;
}

const MONTH_KEY = /^(?:updates|issues)\/(\d{4}-(?:0[1-9]|1[0-2]))\//;
const monthOf = (key: string) => MONTH_KEY.exec(key)?.[1];

/** Handles one set of changes; throws (to be retried) on any unexpected failure. Safe to repeat. */
export async function ingestChanges(deps: IngestDeps, changes: readonly ContentChange[]): Promise<void> {
  if (!changes.length) return;
  const { config, problems } = await loadConfig(deps.content);
  const configKeys = changes.filter((c) => c.key.startsWith('config/')).map((c) => c.key);
  const configFiles = [...new Set([...configKeys, ...(await deps.content.list('config/'))])].filter((k) => /^config\/[^/]+$/.test(k));
  if (!config || configKeys.length) {
    const present = new Set(await deps.content.list('config/'));
    for (const key of configFiles) await writeReport(deps, key, problems.filter((p) => p.path === key), present.has(key));
  }
  if (!config) {
    deps.logger.warn('config invalid: months not re-derived', { problems: problems.length });
    return;
  }
  const months = new Set(changes.map((c) => monthOf(c.key)).filter((m): m is string => m !== undefined));
  if (configKeys.length) for (const m of await listMonths(deps.content)) months.add(m);
  for (const month of [...months].sort()) {
    await ingestMonth(deps, config, month, changes.filter((c) => c.removed && monthOf(c.key) === month).map((c) => c.key));
    deps.logger.info('month re-derived', { month });
  }
}
