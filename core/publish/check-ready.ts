/**
 * The editor's gate: a month may be published only when its manifest says
 * `status: approved`, every required workstream has a valid update (or is
 * skipped in the manifest), and no file of the month is invalid. The rules
 * live in `monthStatus`; this is its answer, so the status shown and the
 * gate enforced are the same.
 */
import type { MonthContent, SiteConfig } from '../content/load-content.js';
import { monthStatus } from '../desk/month-status.js';

/** One line per reason the month cannot be published; empty when it can. */
export function publishBlockers(config: SiteConfig, content: MonthContent): string[] {
  return monthStatus({ config, content }).reasons;
}
