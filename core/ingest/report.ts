/**
 * Ingest's per-file report: `reports/YYYY-MM/<file>.json` holds the file's
 * problems (or none) and the object version they were found in, so an
 * author can see why a drop was refused without reading logs.
 */
import { JSON_TYPE } from '../archive/site-paths.js';
import { formatProblem, type Problem } from '../content/problem.js';
import type { ArchiveStore } from '../ports.js';

/** What writing a report needs: where reports go and the current version id of a key. */
export interface ReportStores {
  /** Writes `reports/` and `previews/` (the content bucket, on AWS). */
  out: ArchiveStore;
  /** The current version id of `key` (undefined when unversioned or absent). */
  versionOf(key: string): Promise<string | undefined>;
}

/** `updates/2010-07/specials.md` → `reports/2010-07/specials.md.json` (the extension kept: .md and .json never collide). */
export function reportKey(path: string): string {
  const [, month, ...rest] = path.split('/');
  return path.startsWith('config/') ? `reports/config/${path.slice(7)}.json` : `reports/${month}/${rest.join('/')}.json`;
}

/** Writes the report of `path` from `problems`; a path that no longer exists gets a `removed` report. Returns the version id reported. */
export async function writeReport(stores: ReportStores, path: string, problems: Problem[], exists: boolean): Promise<string | null> {
  const versionId = exists ? ((await stores.versionOf(path)) ?? null) : null;
  const status = !exists ? 'removed' : problems.length ? 'invalid' : 'valid';
  const report = { path, versionId, status, problems: problems.map((p) => ({ ...p, text: formatProblem(p) })) };
  await stores.out.write(reportKey(path), `${JSON.stringify(report, null, 2)}\n`, JSON_TYPE);
  return versionId;
}
