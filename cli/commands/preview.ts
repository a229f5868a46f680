import { watch } from 'node:fs';
import { createServer } from 'node:http';
import sirv from 'sirv';
import { TEMPLATES_DIR } from '../../adapters/fs-templates.js';
import { UsageError, type Io } from '../io.js';
import { runBuild, type BuildOptions } from './build.js';

export interface PreviewOptions extends BuildOptions {
  port: number;
  host: string;
}

/** `bulletin preview`: builds, serves `--out` on localhost, and rebuilds when content or templates change. Runs until stopped. */
export async function previewCommand(options: PreviewOptions, io: Io): Promise<number> {
  await runBuild(options, io);
  const serve = sirv(options.out, { dev: true, extensions: ['html'] });
  const server = createServer((req, res) => serve(req, res, () => {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('Not found');
  }));
  await new Promise<void>((done, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? new UsageError(`--port ${options.port}: already in use; choose another, e.g. --port ${options.port + 1}`) : err));
    server.listen(options.port, options.host, done);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  io.out(`Preview: http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}/  (archive: /site/ · rebuilds on change · Ctrl+C to stop)`);

  // A change inside one month's folder rebuilds just that month (and what it shows on); anything else rebuilds everything.
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const pending = new Set<string | undefined>();
  const rebuild = (month: string | undefined) => {
    pending.add(month);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const months = [...pending];
      pending.clear();
      const only = months.length === 1 ? months[0] : undefined;
      building = building.then(async () => {
        const result = await runBuild({ ...options, ...(only ? { month: only } : {}) }, io);
        io.err(`Rebuilt ${only ?? 'every month'}: ${result.written.length} changed file(s)${result.problems.length ? `; ${result.problems.length} problem(s) above` : ''}.`);
      }).catch((err: unknown) => io.err(`Rebuild failed: ${(err as Error).message}`));
    }, 150);
  };
  const watchers = [
    watch(options.content, { recursive: true }, (_event, file) => rebuild(monthOf(file))),
    watch(TEMPLATES_DIR, { recursive: true }, () => rebuild(undefined)),
  ];
  await new Promise<void>((done) => {
    const stop = () => {
      for (const w of watchers) w.close();
      server.close(() => done());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** `updates/2010-08/x.md` or `issues/2010-08/issue.md` → `2010-08`; anything else (config …) → undefined. */
export function monthOf(file: string | Buffer | null): string | undefined {
  const m = /^(?:updates|issues)[/\\](\d{4}-(?:0[1-9]|1[0-2]))[/\\]/.exec(String(file ?? ''));
  return m?.[1];
}
