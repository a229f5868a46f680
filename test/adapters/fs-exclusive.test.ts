/**
 * createExclusive with data in chunks (what the outbox writes: a message's
 * shared pieces, never joined in memory): the file holds exactly the chunks
 * in order — empty chunks, more chunks than one writev(2) takes (IOV_MAX is
 * 1024) — and a second create leaves it as it was.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createExclusive } from '../../adapters/fs-exclusive.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-exclusive-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
it('writes any list of chunks as exactly their bytes, in order, once', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 40 }), async (chunks) => {
    const path = join(dir, 'sub', `f${++n}.bin`);
    expect(await createExclusive(path, chunks)).toBe(true);
    expect((await readFile(path)).equals(Buffer.concat(chunks))).toBe(true);
    expect(await createExclusive(path, [Buffer.from('other')])).toBe(false);
    expect((await readFile(path)).equals(Buffer.concat(chunks))).toBe(true);
  }), { numRuns: 50 });
  expect(await readdir(join(dir, 'sub', '.partial'))).toEqual([]);
});

it('writes more chunks than one writev call takes', async () => {
  const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.from(`${i},`));
  const path = join(dir, 'many.txt');
  expect(await createExclusive(path, chunks)).toBe(true);
  expect(await readFile(path, 'utf8')).toBe(chunks.map(String).join(''));
});
