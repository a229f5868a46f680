/**
 * Which issues' own pages an update of some months must rewrite. A month's
 * page shows its neighbours (previous/next), so changing a month changes its
 * own page and theirs — and only those. (The "archived material" warning
 * depends on configuration and the month itself, never on other issues.)
 */

/**
 * The months whose pages must be (re)written when `changed` months changed.
 * `months` is every month in the archive after the change, oldest first.
 * `undefined` means everything changed. Assumes the archive was complete
 * before (the months not in `changed` were already written).
 */
export function affectedMonths(months: readonly string[], changed: readonly string[] | undefined): string[] {
  if (!changed) return [...months];
  const out = new Set<string>();
  for (const m of changed) {
    const i = months.indexOf(m);
    if (i < 0) continue;
    out.add(m);
    if (i > 0) out.add(months[i - 1]!);
    if (i < months.length - 1) out.add(months[i + 1]!);
  }
  return months.filter((m) => out.has(m));
}
