/**
 * Gathers content from a ContentStore: the config, and for a month every
 * update plus the manifest. Bad files become Problems and are left out;
 * everything valid is still returned, so one bad file never blocks a month.
 */
import type { ContentStore } from '../ports.js';
import { parseManifest, parsePublication, parseWorkstreams } from './parse-config.js';
import { parseUpdate, type Update } from './parse-update.js';
import type { Problem } from './problem.js';
import { MonthSchema, type Manifest, type Publication, type Workstream } from './schema.js';
import { isHidden, skippedEntries } from './skipped-entries.js';

export interface SiteConfig {
  publication: Publication;
  workstreams: Workstream[];
}

export interface MonthContent {
  month: string;
  updates: Update[];
  manifest?: Manifest;
  /** Where the manifest was read from, e.g. `issues/2010-07/issue.md`. */
  manifestPath?: string;
  problems: Problem[];
}

/** Reads `config/publication` and `config/workstreams` (yaml, yml or json). */
export async function loadConfig(store: ContentStore): Promise<{ config?: SiteConfig; problems: Problem[] }> {
  const keys = (await store.list('config/')).filter((k) => !isHidden(k));
  const problems: Problem[] = await skippedEntries(store, 'config/', 2);
  const find = async (name: string) => {
    const matches = keys.filter((k) => /^config\/[^/]+\.(ya?ml|json)$/.test(k) && k.slice(7, k.lastIndexOf('.')) === name);
    if (matches.length > 1) problems.push({ path: matches[1]!, field: 'file', message: `only one config/${name} file may exist; found ${matches.join(', ')}` });
    if (!matches[0]) problems.push({ path: `config/${name}.yaml`, field: 'file', message: `is missing; create config/${name}.yaml (see README)` });
    const key = matches[0];
    return key ? { key, bytes: (await store.read(key)) ?? new Uint8Array() } : undefined;
  };
  const pub = await find('publication');
  const ws = await find('workstreams');
  const publication = pub ? parsePublication(pub.key, pub.bytes) : undefined;
  const workstreams = ws ? parseWorkstreams(ws.key, ws.bytes) : undefined;
  problems.push(...(publication?.problems ?? []), ...(workstreams?.problems ?? []));
  if (!publication?.value || !workstreams?.value || problems.length) return { problems };
  return { config: { publication: publication.value, workstreams: workstreams.value }, problems };
}

/** Every month that has updates or a manifest, oldest first. */
export async function listMonths(store: ContentStore): Promise<string[]> {
  const keys = [...(await store.list('updates/')), ...(await store.list('issues/'))].filter((k) => !isHidden(k));
  // Each folder name checked once, not once per file in it.
  const folders = new Set<string>();
  for (const k of keys) {
    const m = k.split('/')[1];
    if (m) folders.add(m);
  }
  return [...folders].filter((m) => MonthSchema.safeParse(m).success).sort();
}

/**
 * Parses every file of one month. Hidden files, links and folders in the
 * month's folders are not loaded, and each is reported (OS and editor
 * droppings such as `.DS_Store` excepted).
 */
export async function loadMonth(store: ContentStore, month: string, config: SiteConfig): Promise<MonthContent> {
  const problems: Problem[] = [...(await skippedEntries(store, `updates/${month}/`, 3)), ...(await skippedEntries(store, `issues/${month}/`, 3))];
  const updates: Update[] = [];
  const loadable = (k: string) => !isHidden(k) && k.split('/').length === 3;
  const keys = (await store.list(`updates/${month}/`)).filter(loadable);
  for (const key of keys) {
    const parsed = parseUpdate(key, (await store.read(key)) ?? new Uint8Array(), config.workstreams);
    problems.push(...parsed.problems);
    if (!parsed.update) continue;
    const clash = updates.find((u) => u.workstream === parsed.update.workstream);
    if (clash) {
      problems.push({ path: key, field: 'file', message: `${clash.path} already holds the ${clash.workstream} update for ${month}; keep only one of them` });
      continue;
    }
    updates.push(parsed.update);
  }
  const manifestKeys = (await store.list(`issues/${month}/`)).filter((k) => loadable(k) && /\/issue\.[^/]+$/.test(k));
  let manifest: Manifest | undefined;
  let manifestPath: string | undefined;
  for (const key of manifestKeys) {
    if (manifest) {
      problems.push({ path: key, field: 'file', message: `only one manifest per month; remove it or the other issue file` });
      continue;
    }
    const parsed = parseManifest(key, (await store.read(key)) ?? new Uint8Array(), month, config.workstreams);
    problems.push(...parsed.problems);
    manifest = parsed.value;
    manifestPath = key;
  }
  return { month, updates, ...(manifest ? { manifest, manifestPath } : {}), problems };
}

/**
 * Files under `updates/` or `issues/` that are not inside a `YYYY-MM/` folder,
 * and hidden files, links and folders outside the month folders (loadMonth
 * reports those inside), which would be silently ignored otherwise.
 */
export async function strayFiles(store: ContentStore): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const top of ['updates', 'issues']) {
    const inMonth = (key: string) => MonthSchema.safeParse(key.split('/')[1]).success && key.split('/').length > 2;
    problems.push(...(await skippedEntries(store, `${top}/`, 3, (k) => !inMonth(k))));
    for (const key of await store.list(`${top}/`)) {
      const parts = key.split('/');
      if (isHidden(key) || (inMonth(key) && parts.length > 3)) continue;
      if (parts.length !== 3 || !MonthSchema.safeParse(parts[1]).success) {
        problems.push({ path: key, field: 'file', message: `is not in a month folder; ${top} live at ${top}/YYYY-MM/${top === 'issues' ? 'issue.md' : '<workstream-id>.md'}` });
      } else if (top === 'issues' && !parts[2]!.startsWith('issue.')) {
        problems.push({ path: key, field: 'file', message: 'the manifest must be named issue.md or issue.json' });
      }
    }
  }
  return problems;
}
