/**
 * A real `bulletin preview --port 0` process over a temporary copy of the
 * sample content, for the preview tests: started, polled over HTTP until a
 * change shows (bounded attempts, never a timing assertion), and stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTemp, removeTemp, REPO, SAMPLE_CONTENT } from '../content/fixture-copy.js';

const BIN = join(REPO, 'bin', 'bulletin.js');

export interface PreviewProcess {
  /** The temporary working folder; the content is `content/`, the output `out/`. */
  work: string;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  base: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
  /** Fetches `path` until `accept(status, body)` holds; returns the last status and body seen. */
  poll(path: string, accept: (body: string, status: number) => boolean, attempts?: number): Promise<{ status: number; body: string }>;
  /** Waits until stderr matches `pattern` (or the attempts run out). */
  stderrShows(pattern: RegExp, attempts?: number): Promise<boolean>;
  stop(): Promise<void>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the preview and resolves once it has printed its address (the watch is armed by then). */
export async function startPreview(label: string): Promise<PreviewProcess> {
  const work = await makeTemp(label);
  await cp(SAMPLE_CONTENT, join(work, 'content'), { recursive: true });
  const child = spawn(process.execPath, [BIN, 'preview', '--port', '0', '--content', 'content', '--out', 'out'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Preview: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) done(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`preview exited (${code}) before printing its address: ${stderr}`)));
  });
  const preview: PreviewProcess = {
    work,
    base: url,
    child,
    exited,
    stderr: () => stderr,
    async poll(path, accept, attempts = 150) {
      let last = { status: 0, body: '' };
      for (let i = 0; i < attempts; i++) {
        const res = await fetch(`${url}${path}`);
        last = { status: res.status, body: await res.text() };
        if (accept(last.body, last.status)) return last;
        await pause(200);
      }
      return last;
    },
    async stderrShows(pattern, attempts = 150) {
      for (let i = 0; i < attempts && !pattern.test(stderr); i++) await pause(200);
      return pattern.test(stderr);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await removeTemp(work);
    },
  };
  return preview;
}
