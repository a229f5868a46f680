/**
 * What the loader skips, said out loud: hidden files and folders, symbolic
 * links and folders standing where a file belongs are each reported with one
 * line, never ignored without a word (a required update behind a link would
 * otherwise read as "missing").
 */
import type { ContentStore } from '../ports.js';
import type { Problem } from './problem.js';

// Left behind by operating systems and editors while a file is open; never an author's content.
const DROPPINGS = /^(\.DS_Store|\._.*|\..*\.sw[a-p]|\.~lock\..*#)$/;

/** True when a key's name or a folder above it starts with "." (such files are never loaded). */
export function isHidden(key: string): boolean {
  // A part starts with "." exactly when the key does or a "/." is in it (no split: this runs once per listed key).
  return key.startsWith('.') || key.includes('/.');
}

/**
 * One problem per skipped entry under `prefix`. Files belong `fileDepth`
 * segments deep (3 for `updates/YYYY-MM/x.md`, 2 for `config/x.yaml`): a
 * folder at that depth — whether the store reports it or a key inside it
 * shows it — is where a file should be. `within` narrows the report to keys
 * it accepts, so a month's entries are reported once, by that month.
 */
export async function skippedEntries(store: ContentStore, prefix: string, fileDepth: number, within: (key: string) => boolean = () => true): Promise<Problem[]> {
  const reported = new Map<string, Problem>();
  const report = (key: string, message: string) => reported.has(key) || reported.set(key, { path: key, field: 'file', message });
  const files = (await store.list(prefix)).map((key) => ({ key, kind: 'file' as const }));
  for (const { key, kind } of [...files, ...((await store.unreadable?.(prefix)) ?? [])]) {
    if (!within(key)) continue;
    const parts = key.replace(/\/$/, '').split('/');
    const hidden = parts.findIndex((p) => p.startsWith('.'));
    if (hidden >= 0) {
      const folder = hidden < parts.length - 1 || kind === 'folder';
      if (!folder && DROPPINGS.test(parts[hidden]!)) continue;
      report(`${parts.slice(0, hidden + 1).join('/')}${folder ? '/' : ''}`, `hidden ${folder ? 'folders are' : 'files are'} ignored; rename it without the leading dot, or delete it`);
    } else if (parts.length > fileDepth || (kind === 'folder' && parts.length === fileDepth)) {
      report(`${parts.slice(0, fileDepth).join('/')}/`, 'is a folder where a file belongs; move the files out of it and delete the folder');
    } else if (kind === 'symlink') {
      report(key, 'is a symbolic link; links are not followed — copy the file here instead');
    } else if (kind === 'other') {
      report(key, 'is not a regular file; replace it with a plain file');
    }
  }
  return [...reported.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
