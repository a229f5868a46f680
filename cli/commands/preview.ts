import { TEMPLATES_DIR } from '../../adapters/fs-templates.js';
import { UsageError, type Io } from '../io.js';
import { API_MOUNT, previewApi } from '../preview-api.js';
import { previewNotFound, previewServer, type Mount } from '../preview-server.js';
import { watchSources } from '../preview-watch.js';
import { runBuild, type BuildOptions } from './build.js';

export { monthOf } from '../preview-watch.js';

export interface PreviewOptions extends BuildOptions {
  port: number;
  host: string;
}

/**
 * `bulletin preview`: builds, serves `--out` on localhost, and rebuilds after
 * every save under `--content` or the templates (atomic saves, `sed -i`, new
 * months, deletions and renames included). Runs until stopped.
 */
export async function previewCommand(options: PreviewOptions, io: Io): Promise<number> {
  let notFound: string | undefined;
  let mount: Mount | undefined;
  const server = previewServer(options.out, () => notFound, () => mount);
  // Listening first: the subscribe page's form must name the API's address, port included.
  await new Promise<void>((done, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? new UsageError(`--port ${options.port}: already in use; choose another, e.g. --port ${options.port + 1}`) : err));
    server.listen(options.port, options.host, done);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  const built = { ...options, subscribeUrl: `${origin}${API_MOUNT}/subscribe` };
  try {
    // Without a valid config there is no API (the build says why); the archive preview still runs.
    mount = await previewApi(options, origin, io).catch((err: unknown) => {
      io.err(`Subscribers API not mounted: ${(err as Error).message}`);
      return undefined;
    });
    await runBuild(built, io);
    notFound = await previewNotFound(options.content);
  } catch (err) {
    server.close();
    throw err;
  }

  // A change inside one month's folder rebuilds just that month (and what it shows on); anything else rebuilds everything.
  // Saves come in bursts (temp file, rename, a second file): they are gathered for 150 ms, and builds never overlap.
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
        const result = await runBuild({ ...built, ...(only ? { month: only } : {}) }, io);
        notFound = await previewNotFound(options.content);
        io.err(`Rebuilt ${only ?? 'every month'}: ${result.written.length} changed file(s)${result.problems.length ? `; ${result.problems.length} problem(s) above` : ''}.`);
      }).catch((err: unknown) => io.err(`Rebuild failed: ${(err as Error).message}`));
    }, 150);
  };
  const watch = await watchSources({ content: options.content, templates: TEMPLATES_DIR, out: options.out }, rebuild, (err) => io.err(`Watching failed: ${err.message}`));

  // Printed once the watch is armed: a save made after this line is never missed.
  io.out(`Preview: ${origin}/  (archive: /site/ · subscribers API: ${API_MOUNT}/, emails in ${options.out}/preview/outbox · rebuilds on change · Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    const stop = () => {
      clearTimeout(timer);
      void watch.close().then(() => server.close(() => done()));
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await building;
  return 0;
}
