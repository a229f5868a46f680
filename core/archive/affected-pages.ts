/**
 * Which issues' own pages an update of some months must rewrite. A month's
 * page shows its neighbours (previous/next) and whether it is archived
 * (older than `archivedAfterMonths` before the newest issue), so changing a
 * month can change pages beyond its own — and only those.
 */
import type { Publication } from '../content/schema.js';
import { addMonths } from '../render/format.js';

/**
 * The months whose pages must be (re)written when `changed` months changed.
 * `months` is every month in the archive after the change, oldest first.
 * `undefined` means everything changed. Assumes the archive was complete
 * before (the months not in `changed` were already written).
 */
export function affectedMonths(months: readonly string[], changed: readonly string[] | undefined, publication: Pick<Publication, 'archivedAfterMonths'>): string[] {
  if (!changed) return [...months];
  const own = changed.filter((m) => months.includes(m));
  const out = new Set(own);
  for (const m of own) {
    const i = months.indexOf(m);
    if (i > 0) out.add(months[i - 1]!);
    if (i < months.length - 1) out.add(months[i + 1]!);
  }
  const latest = months.at(-1);
  const before = months.filter((m) => !changed.includes(m)).at(-1);
  if (latest && changed.includes(latest)) {
    // A new newest issue moves the "archived" line: every month it crosses changes its banner.
    const from = before ? addMonths(before, -publication.archivedAfterMonths) : '0000-01';
    const to = addMonths(latest, -publication.archivedAfterMonths);
    for (const m of months) if (m >= from && m < to) out.add(m);
  }
  return months.filter((m) => out.has(m));
}
