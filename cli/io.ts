/**
 * The CLI's connection to the terminal: one-line messages, a progress bar
 * only when stderr is a terminal, and user mistakes that never print a stack.
 */
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type cliProgressModule from 'cli-progress';
import { formatProblem, type Problem } from '../core/content/problem.js';

/** A mistake the user can fix: printed as one line, exit code 1 (or `exitCode`). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
  progress(total: number, label: string): Progress;
}

export interface Progress {
  update(done: number, item: string): void;
  stop(): void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress(total, label) {
    if (!process.stderr.isTTY || total < 2) return { update() {}, stop() {} };
    // Loaded only when a bar is drawn: a command piped or scripted (and every test) starts without it.
    const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {item}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { item: '' });
    return { update: (done, item) => bar.update(done, { item }), stop: () => bar.stop() };
  },
};

/** Prints each problem as `path:line:col: field: message`, with the path as the user would open it. */
export function printProblems(io: Io, contentDir: string, problems: readonly Problem[]): void {
  const prefix = relative(process.cwd(), contentDir) || '.';
  for (const p of problems) io.err(formatProblem({ ...p, path: `${prefix}/${p.path}` }));
}
