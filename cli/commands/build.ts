import { resolve } from 'node:path';
import { buildSite, type BuildResult } from '../../core/archive/build-site.js';
import { systemClock } from '../../adapters/system-clock.js';
import { strayFiles } from '../../core/content/load-content.js';
import { printProblems, type Io, type Progress } from '../io.js';
import { openLocalSite, refusePublishedArchive } from '../local-site.js';

export interface BuildOptions {
  content: string;
  out: string;
  month?: string;
  /** Where the subscribe page's form posts (the preview mounts the API and points it there). */
  subscribeUrl?: string;
}

/** Runs one build; invalid files are reported (one line each) and left out. */
export async function runBuild(options: BuildOptions, io: Io): Promise<BuildResult> {
  const site = await openLocalSite(options);
  await refusePublishedArchive(options.out);
  let bar: Progress | undefined;
  const result = await buildSite({
    ...site,
    ...(options.month ? { month: options.month } : {}),
    ...(options.subscribeUrl ? { subscribeUrl: options.subscribeUrl } : {}),
    now: systemClock.now(),
    onProgress: (done, total, label) => {
      bar ??= io.progress(total, 'Building');
      bar.update(done, label);
    },
  });
  bar?.stop();
  // Files the build cannot place are reported as `validate` reports them, not silently skipped.
  result.problems.push(...(await strayFiles(site.content)));
  printProblems(io, options.content, result.problems);
  return result;
}

/** `bulletin build`: exit 1 when any file was invalid, else 0. */
export async function buildCommand(options: BuildOptions, io: Io): Promise<number> {
  const result = await runBuild(options, io);
  const n = result.issues.length;
  if (n) io.err(`Built ${n} issue${n === 1 ? '' : 's'} into ${resolve(options.out)} (${result.written.length} files changed).`);
  return result.problems.length ? 1 : 0;
}
