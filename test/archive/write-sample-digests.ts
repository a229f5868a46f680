/**
 * Regenerates `golden/sample-build.sha256` (run: `npx tsx test/archive/write-sample-digests.ts`).
 * Only when the output is meant to change: the list is what proves a faster build writes the same bytes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSample, digestList, DIGESTS } from './sample-build.js';

const dir = await mkdtemp(join(tmpdir(), 'bulletin-digests-'));
try {
  const result = await buildSample(dir);
  if (result.problems.length) throw new Error(`sample content has problems: ${JSON.stringify(result.problems)}`);
  await writeFile(DIGESTS, await digestList(dir));
} finally {
  await rm(dir, { recursive: true, force: true });
}
