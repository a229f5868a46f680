/**
 * Shared set-up for the publish tests: the real `bulletin` binary run the way
 * an editor runs it — from a working folder holding a copy of content/, so
 * `.bulletin-secret`, `archive/` and `dist/outbox/` land in that folder —
 * plus generated subscriber lists and readers for what it leaves behind.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { makeTemp, removeTemp, REPO, SAMPLE_CONTENT } from '../content/fixture-copy.js';

export const BIN = join(REPO, 'bin', 'bulletin.js');
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;

export interface Run {
  code: number;
  stderr: string;
  stdout: string;
  /** Non-empty stderr lines. */
  lines: string[];
}

/** Environment of every run: no debug stacks, no colour; `extra` adds to it. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, BULLETIN_DEBUG: '', NO_COLOR: '1', ...extra };
  if (!('BULLETIN_TOKEN_SECRET' in extra)) delete base.BULLETIN_TOKEN_SECRET;
  return base;
}

/** Runs `node bin/bulletin.js …args` in `cwd`; resolves with its exit code and output (never rejects on a non-zero exit). */
export function bulletin(cwd: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: env(extraEnv), maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr, lines: stderr.split('\n').filter((l) => l.trim()) });
    });
  });
}

/**
 * Starts `bulletin …args` in `cwd` and SIGKILLs it the first time `ready()`
 * holds (checked every few milliseconds). Resolves with whether it was killed
 * (false: it finished first) and its exit code.
 */
export function bulletinKilledWhen(cwd: string, args: string[], ready: () => boolean, extraEnv?: NodeJS.ProcessEnv): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd, env: env(extraEnv), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const timer = setInterval(() => {
      if (killed || !ready()) return;
      killed = child.kill('SIGKILL');
      clearInterval(timer);
    }, 2);
    child.on('error', (err) => {
      clearInterval(timer);
      fail(err);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      done({ killed: killed && signal === 'SIGKILL', code, stderr });
    });
  });
}

/** A new working folder holding a copy of the sample content at `content/`. */
export async function workspace(label: string): Promise<string> {
  const dir = await makeTemp(label);
  await cp(SAMPLE_CONTENT, join(dir, 'content'), { recursive: true });
  return dir;
}

export type Status = 'active' | 'pending' | 'unsubscribed' | 'suppressed';

/** Writes a subscriber list (`[{ email, status }]`) to `file`. */
export function writeSubscribers(file: string, entries: readonly { email: string; status: Status }[]): Promise<void> {
  return writeFile(file, `${JSON.stringify(entries, null, 2)}\n`);
}

/** The `.eml` files directly in one outbox folder (not its `.partial/` or `test/` sub-folders), sorted. */
export async function messagesIn(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => join(folder, e.name)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** How many `.eml` files one outbox folder holds right now (synchronous, for polling while a child runs). */
export function countMessages(folder: string): number {
  try {
    return readdirSync(folder).filter((n) => n.endsWith('.eml')).length;
  } catch {
    return 0;
  }
}

/** Every file under `dir` (relative path → bytes); empty when `dir` does not exist. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  if (!existsSync(dir)) return new Map();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return new Map(await Promise.all(files.sort().map(async (f) => [f.slice(dir.length + 1), await readFile(f)] as const)));
}

/** One message read back: raw text, parsed, and its header lines unfolded (lower-case name → `Name: value`). */
export interface Message {
  file: string;
  raw: string;
  mail: ParsedMail;
  lines: Map<string, string>;
  to: string;
}

export async function readMessage(file: string): Promise<Message> {
  const raw = await readFile(file, 'utf8');
  const mail = await simpleParser(raw);
  const lines = new Map(mail.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, ' ')]));
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return { file, raw, mail, lines, to: to?.value[0]?.address ?? `(no To: in ${file})` };
}

/** The `To:` address of each message in an outbox folder, read from the raw header (fast; for large outboxes). */
export async function recipientsIn(folder: string): Promise<string[]> {
  const files = await messagesIn(folder);
  return Promise.all(files.map(async (f) => /^To: (.+)\r$/m.exec(await readFile(f, 'utf8'))?.[1] ?? `(no To: in ${f})`));
}

/** A sentence of the sample July 2010 Specials update (content/updates/2010-07/specials.md), plain ASCII so it renders verbatim. */
export const SPECIALS_SENTENCE = 'Special Constables play a crucial role in the policing of our streets and strengthening the relationship between the police and the public.';

/** Replaces `from` with `to` in a content file; throws when `from` is not there, so a test never edits nothing. */
export async function editContent(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain "${from}"`);
  await writeFile(file, text.replace(from, to));
}

/** Workspaces for one test file: `work(label)` makes one; `removeAll` (for afterAll) deletes them all. */
export function workspaceSet(): { work(label: string): Promise<string>; removeAll(): Promise<void> } {
  const made: string[] = [];
  return {
    async work(label) {
      const dir = await workspace(label);
      made.push(dir);
      return dir;
    },
    async removeAll() {
      await Promise.all(made.map(removeTemp));
    },
  };
}
