/**
 * Create-if-absent with complete contents, the primitive behind the outbox
 * and the send ledger: the bytes go to a private temporary file, which is
 * then hard-linked to the final name. link(2) fails if the name exists, so
 * exactly one writer wins, and a reader (or a crash, even kill -9) never
 * sees a half-written file under the final name. Temporary files live in a
 * `.partial/` folder beside the final one, so a crash never leaves anything
 * that looks like a message; the next run in that folder removes the
 * leftovers of processes that are no longer running.
 *
 * Guarantees hold across process crashes; without fsync they do not extend
 * to power loss or a kernel crash (a local tool's trade-off).
 *
 * The calls are synchronous on purpose: these are small files on a local
 * disk, and each async call costs a thread-pool round trip that measured
 * ~5× slower than the work itself (345 µs against 63 µs per create on a
 * busy machine). Only the local CLI uses these adapters; the event loop is
 * held for well under a millisecond per call.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeFileSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Unique per process (pids are reused after a crash), so a stray temporary file never collides.
const stamp = `${process.pid}.${randomBytes(4).toString('hex')}`;
let counter = 0;

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** What a file is made of: text, bytes, or bytes in chunks (written with one writev, never joined in memory). */
export type FileData = string | Uint8Array | readonly Uint8Array[];

/** Writes every chunk to a file made exclusively ('wx'); writev may write less than asked, so it goes on from there. */
function writeChunks(path: string, chunks: readonly Uint8Array[], mode?: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    let rest = chunks.filter((c) => c.length > 0);
    while (rest.length) {
      let written = writevSync(fd, rest);
      if (written <= 0) throw new Error(`${path}: the disk took no bytes (writev returned ${written})`);
      while (rest.length && written >= rest[0]!.length) written -= rest.shift()!.length;
      if (written > 0) rest = [rest[0]!.subarray(written), ...rest.slice(1)];
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a new file, creating its folder on first use. */
function writeNew(path: string, data: FileData, mode?: number): void {
  const write = () => {
    if (typeof data === 'string' || data instanceof Uint8Array) writeFileSync(path, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    else writeChunks(path, data, mode);
  };
  try {
    write();
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    write();
  }
}

const swept = new Set<string>();

/** A temporary-file name in a `.partial/` folder that `sweepOnce` recognises: `<label>.<pid>.<stamp>.<n>.tmp`. */
export function temporaryName(label: string): string {
  return `${label}.${stamp}.${++counter}.tmp`;
}

/** Removes temporary files left in `partial` by processes that are no longer running (killed mid-write); once per folder per process. */
export function sweepOnce(partial: string): void {
  if (swept.has(partial)) return;
  swept.add(partial);
  let names: string[];
  try {
    names = readdirSync(partial);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/\.(\d+)\.[0-9a-f]{8}\.\d+\.tmp$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    try {
      unlinkSync(join(partial, name));
    } catch {
      // Another sweeper got there first.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/** Writes `data` at `path` only if nothing is there; true when this call created it. `mode` for private files (0o600). */
export async function createExclusive(path: string, data: FileData, mode?: number): Promise<boolean> {
  const partial = join(dirname(path), '.partial');
  sweepOnce(partial);
  const tmp = join(partial, temporaryName(basename(path)));
  writeNew(tmp, data, mode);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    // Filesystems without hard links: fall back to an exclusive create (still one winner, not atomic content).
    if (code(err) === 'EPERM' || code(err) === 'ENOTSUP' || code(err) === 'ENOSYS') return createByOpen(path, data, mode);
    throw err;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone: nothing to tidy.
    }
  }
}

function createByOpen(path: string, data: FileData, mode?: number): boolean {
  try {
    writeNew(path, data, mode);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Whether `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    accessSync(path);
    return true;
  } catch (err) {
    if (code(err) === 'ENOENT') return false;
    throw err;
  }
}
