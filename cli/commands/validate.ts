import { listMonths, loadConfig, loadMonth, strayFiles } from '../../core/content/load-content.js';
import type { Problem } from '../../core/content/problem.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { requireFolder } from '../folders.js';
import { printProblems, type Io } from '../io.js';

export interface ValidateOptions {
  content: string;
  month?: string;
}

/** `bulletin validate`: silent on success; one line per problem and exit 1 otherwise. */
export async function validateCommand(options: ValidateOptions, io: Io): Promise<number> {
  await requireFolder('--content', options.content);
  const store = new FsContentStore(options.content);
  const { config, problems } = await loadConfig(store);
  const all: Problem[] = [...problems];
  if (config) {
    all.push(...(await strayFiles(store)));
    const months = options.month ? [options.month] : await listMonths(store);
    const bar = io.progress(months.length, 'Validating');
    for (const [i, month] of months.entries()) {
      bar.update(i, month);
      all.push(...(await loadMonth(store, month, config)).problems);
    }
    bar.stop();
  }
  printProblems(io, options.content, all);
  return all.length ? 1 : 0;
}
