import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { listMonths, loadConfig, loadMonth } from '../../core/content/load-content.js';
import { monthStatus } from '../../core/desk/month-status.js';
import { statusLines } from '../../core/desk/status-text.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { systemClock } from '../../adapters/system-clock.js';
import { requireFolder } from '../folders.js';
import { printProblems, UsageError, type Io } from '../io.js';

export interface StatusOptions {
  content: string;
  month?: string;
  json: boolean;
  /** The time to judge lateness at (default: now). */
  now?: Date;
}

/**
 * `bulletin status`: the month's status (default: the newest month in the
 * content) as a table or JSON on stdout; exit 0 when it is ready to
 * publish, 1 when not. Reads only; safe to run at any time.
 */
export async function statusCommand(options: StatusOptions, io: Io): Promise<number> {
  await requireFolder('--content', options.content);
  const store = new FsContentStore(options.content);
  const { config, problems } = await loadConfig(store);
  if (!config) {
    printProblems(io, options.content, problems);
    return 1;
  }
  const month = options.month ?? (await listMonths(store)).at(-1);
  if (!month) throw new UsageError(`--content ${options.content}: has no months yet; give --month YYYY-MM`);
  const content = await loadMonth(store, month, config);
  const lastChanged: Record<string, string> = {};
  for (const key of await store.list(`updates/${month}/`)) {
    const info = await lstat(join(options.content, key)).catch(() => undefined);
    if (info) lastChanged[key] = info.mtime.toISOString();
  }
  const status = monthStatus({ config, content, now: options.now ?? systemClock.now(), lastChanged });
  if (options.json) io.out(JSON.stringify(status, null, 2));
  else for (const line of statusLines(status)) io.out(line);
  return status.ready ? 0 : 1;
}
