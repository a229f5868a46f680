/**
 * `bulletin preview --port 0`, run as a real process: it builds, serves the
 * output on loopback, and rebuilds when an author saves a content file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTemp, removeTemp, REPO, SAMPLE_CONTENT } from '../content/fixture-copy.js';

const BIN = join(REPO, 'bin', 'bulletin.js');

let work: string;
let child: ChildProcess;
let base: string;
let stderr = '';
let exited: Promise<number | null>;

/** Resolves with the first stdout line matching `pattern`, or rejects if the process ends first. */
function waitForLine(proc: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = pattern.exec(buffered);
      if (match) {
        proc.stdout!.off('data', onData);
        done(match);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => fail(new Error(`preview exited (${code}) before printing ${pattern}: ${stderr}`)));
  });
}

/** Waits until the process has written something matching `pattern` on stderr. */
async function stderrShows(pattern: RegExp, attempts = 150): Promise<boolean> {
  for (let i = 0; i < attempts && !pattern.test(stderr); i++) await new Promise((r) => setTimeout(r, 200));
  return pattern.test(stderr);
}

/** Fetches `path` until `accept` holds (the rebuild is asynchronous); returns the last body seen. */
async function poll(path: string, accept: (body: string) => boolean, attempts = 150): Promise<string> {
  let body = '';
  for (let i = 0; i < attempts; i++) {
    const res = await fetch(`${base}${path}`);
    body = await res.text();
    if (res.status === 200 && accept(body)) return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  return body;
}

beforeAll(async () => {
  work = await makeTemp('preview');
  await cp(SAMPLE_CONTENT, join(work, 'content'), { recursive: true });
  child = spawn(process.execPath, [BIN, 'preview', '--port', '0', '--content', 'content', '--out', 'out'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  exited = new Promise((done) => child.once('exit', (code) => done(code)));
  const [, url] = await waitForLine(child, /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/);
  base = url!.replace(/\/$/, '');
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  await removeTemp(work);
});

it('serves the preview index and the July 2010 issue on the port it chose', async () => {
  // Act
  const index = await fetch(`${base}/`);
  const issue = await fetch(`${base}/site/2010/07/index.html`);

  // Assert
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
  expect(index.status).toBe(200);
  expect(await index.text()).toContain('Preview of every month');
  expect(issue.status).toBe(200);
  expect(issue.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await issue.text()).toContain('Met Forward: Monthly progress bulletin (July 2010)');
});

it('answers 404 with the site\'s styled "page not found" page for a page that does not exist', async () => {
  // Act
  const res = await fetch(`${base}/site/1999/01/index.html`);

  // Assert
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await res.text()).toContain('<link rel="stylesheet" href="/site/assets/site.css">');
});

it('rebuilds when an author saves a content file, and serves the change', async () => {
  // Arrange
  const file = join(work, 'content/updates/2010-07/specials.md');
  const original = 'Met Forward supports the Mayor\'s commitment to increasing the number of Specials.';
  const edited = 'Met Forward supports the Mayor\'s commitment to doubling the number of Specials by 2012.';
  const text = await readFile(file, 'utf8');
  expect(text).toContain(original);

  // Act
  await writeFile(file, text.replace(original, edited));
  const page = await poll('/site/2010/07/index.html', (body) => body.includes('doubling the number of Specials'));
  const email = await poll('/email/2010-07/email.txt', (body) => body.replace(/\s+/g, ' ').includes(edited));

  // Assert
  expect(page).toContain(edited);
  expect(page).not.toContain(original);
  expect(email.replace(/\s+/g, ' ')).toContain(edited);
  expect(await stderrShows(/^Rebuilt\b.* \d+ changed file\(s\)/m)).toBe(true);
});

it('reports a file broken while it runs, keeps serving the rest, and stops cleanly', async () => {
  // Arrange
  const file = join(work, 'content/updates/2010-07/race-and-faith-inquiry.json');
  const text = await readFile(file, 'utf8');

  // Act
  await writeFile(file, text.replace('"month": "2010-07",', '"month": "2010-07",,'));
  const page = await poll('/', (body) => body.includes('problem(s) were found'));
  const reported = await stderrShows(/; 1 problem\(s\) above\./);
  child.kill('SIGTERM');
  const code = await exited;

  // Assert
  expect(page).toContain('1 problem(s) were found');
  expect(reported).toBe(true);
  expect(stderr).toMatch(/^content\/updates\/2010-07\/race-and-faith-inquiry\.json:3:\d+: json: invalid JSON: /m);
  expect(stderr).not.toMatch(/^\s+at .+:\d+/m);
  expect(code).toBe(0);
});
