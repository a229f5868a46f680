import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { loadConfig } from '../../core/content/load-content.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { MonthSchema } from '../../core/content/schema.js';
import { STARTER_MESSAGE, starterUpdate } from '../../core/content/starter-update.js';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { requireFolder } from '../folders.js';
import { UsageError, printProblems, type Io } from '../io.js';

export interface NewOptions {
  content: string;
  workstream: string;
  month: string;
  format: 'md' | 'json';
}

/**
 * `bulletin new`: writes a starter update, never overwriting an existing one.
 * The starter is valid except for its starter text, which validate reports
 * until the author replaces it — so the author is told it needs editing.
 */
export async function newCommand(options: NewOptions, io: Io): Promise<number> {
  if (!MonthSchema.safeParse(options.month).success) throw new UsageError(`--month ${options.month}: must be a month written YYYY-MM, e.g. 2010-07`);
  await requireFolder('--content', options.content);
  const { config, problems } = await loadConfig(new FsContentStore(options.content));
  if (!config) {
    printProblems(io, options.content, problems);
    return 1;
  }
  const ws = config.workstreams.find((w) => w.id === options.workstream);
  if (!ws) throw new UsageError(`--workstream ${options.workstream}: not in config/workstreams; known ids: ${config.workstreams.map((w) => w.id).join(', ')}`);
  const key = `updates/${options.month}/${ws.id}.${options.format}`;
  const file = join(options.content, key);
  const other = join(options.content, `updates/${options.month}/${ws.id}.${options.format === 'md' ? 'json' : 'md'}`);
  for (const f of [file, other]) if (existsSync(f)) throw new UsageError(`${relative(process.cwd(), f)}: already exists; edit it instead`);
  const text = starterUpdate(ws, options.month, options.format);
  const check = parseUpdate(key, new TextEncoder().encode(text), config.workstreams);
  const unexpected = check.problems.filter((p) => p.message !== STARTER_MESSAGE);
  if (unexpected.length || !check.problems.length) throw new Error(`starter update is not valid apart from its starter text: ${unexpected.map(formatProblem).join('; ')}`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  const shown = relative(process.cwd(), file);
  io.out(shown);
  io.err(`${shown}: replace every "STARTER TEXT:" paragraph with this month's update; \`bulletin validate\` reports what is left`);
  return 0;
}
