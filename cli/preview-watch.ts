/**
 * What `bulletin preview` watches: the content folder and the templates,
 * with chokidar. Unlike `fs.watch(dir, { recursive: true })` it keeps
 * watching a file an editor saved by write-then-rename or `sed -i`, and it
 * sees new folders (a new month), deletions and renames.
 */
import { watch } from 'chokidar';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Scratch files editors and tools write beside a file while saving it:
 * dotfiles and dot-folders (`.x.md.swp`, `.partial/`, `.#x.md`), backups
 * (`x.md~`, `.bak`, `.orig`), swap and partial downloads, Emacs `#x.md#`,
 * Vim's `4913` probe, GNU sed's `sedXXXXXX` and JetBrains' `___jb_tmp___`. The rename onto the real name
 * is what counts.
 */
const SCRATCH = /^\.|~$|\.(?:swp|swo|swx|tmp|temp|bak|orig|part|partial|crdownload)$|^#.*#$|^4913$|^sed[A-Za-z0-9]{6}$|___jb_(?:tmp|old)___$/i;

/** True when a segment of `path` (relative to a watched folder) is an editor's or tool's scratch name. */
export function isScratch(path: string): boolean {
  return path.split(/[/\\]/).some((segment) => segment !== '' && SCRATCH.test(segment));
}

/** `updates/2010-08/x.md` or `issues/2010-08/issue.md` → `2010-08`; anything else (config, a new month folder …) → undefined. */
export function monthOf(file: string | Buffer | null): string | undefined {
  const m = /^(?:updates|issues)[/\\](\d{4}-(?:0[1-9]|1[0-2]))[/\\]/.exec(String(file ?? ''));
  return m?.[1];
}

export interface SourceFolders {
  content: string;
  templates: string;
  /** The output folder: never watched, even when it sits inside `content`. */
  out: string;
}

export interface SourceWatch {
  close(): Promise<void>;
}

/**
 * Calls `onChange(month, path)` for every add, change, unlink and rename
 * under `content` (the month a file belongs to, or undefined when the change
 * is not inside one month's folder) and `onChange(undefined, path)` for
 * templates; scratch files never.
 * Resolves once the watch is armed, so a save made after it is never missed.
 */
export async function watchSources(folders: SourceFolders, onChange: (month: string | undefined, path: string) => void, onError: (err: Error) => void): Promise<SourceWatch> {
  const content = resolve(folders.content);
  const templates = resolve(folders.templates);
  const out = resolve(folders.out);
  const inside = (root: string, path: string) => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? rel : undefined;
  };
  const outInContent = inside(content, out);
  const watcher = watch([content, templates], {
    ignoreInitial: true,
    // A link is read as a file by the build's own rules; the watcher never follows it out of the folder.
    followSymlinks: false,
    atomic: true,
    ignored: (path: string) => {
      const full = resolve(path);
      if (outInContent && inside(out, full) !== undefined) return true;
      const rel = inside(content, full) ?? inside(templates, full) ?? basename(full);
      return isScratch(rel);
    },
  });
  watcher.on('all', (_event, path) => {
    const rel = inside(content, resolve(path));
    onChange(rel === undefined ? undefined : monthOf(rel.split(sep).join('/')), path);
  });
  watcher.on('error', (err) => onError(err instanceof Error ? err : new Error(String(err))));
  await new Promise<void>((done) => watcher.once('ready', () => done()));
  return { close: () => watcher.close() };
}
