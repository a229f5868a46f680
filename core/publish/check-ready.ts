/**
 * The editor's gate: a month may be published only when its manifest says
 * `status: approved`, every required workstream has a valid update (or is
 * skipped in the manifest), and no file of the month is invalid.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import { formatProblem } from '../content/problem.js';

/** One line per reason the month cannot be published; empty when it can. */
export function publishBlockers(config: SiteConfig, content: MonthContent): string[] {
  const { month, manifest, manifestPath, updates, problems } = content;
  const reasons: string[] = [];
  if (!manifest) {
    reasons.push(`issues/${month}/issue.md: file: is missing; the editor approves a month by writing it with "status: approved"`);
  } else if (manifest.status !== 'approved') {
    reasons.push(`${manifestPath ?? `issues/${month}/issue.md`}: status: is "${manifest.status}"; set "status: approved" to publish`);
  }
  const skipped = new Set(manifest?.skip ?? []);
  for (const ws of config.workstreams) {
    if (ws.required && !skipped.has(ws.id) && !updates.some((u) => u.workstream === ws.id)) {
      reasons.push(`updates/${month}/${ws.id}.md: file: required workstream "${ws.title}" has no valid update; write one, or add it to "skip:" in the manifest`);
    }
  }
  for (const p of problems) reasons.push(formatProblem(p));
  return reasons;
}
