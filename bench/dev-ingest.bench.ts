/**
 * Ingest latency in `npm run dev`: the dev stack started in process on
 * random loopback ports, then 20 drops of a changed update put with an S3
 * client, each timed from just before the PutObject to the moment the
 * real ingest handler has written the month's reports and preview (the
 * stack's onIngest hook, after S3's notification came back). No target in
 * the issue: printed with every drop's time.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startDevStack } from '../dev/dev-stack.js';
import { median, ms, type Row } from './support.js';

const CONTENT = fileURLToPath(new URL('../content/', import.meta.url));
const DROPS = 20;
const KEY = 'updates/2010-07/specials.md';

export async function run(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-dev-'));
  let done: ((keys: string[]) => void) | undefined;
  const stack = await startDevStack({
    contentDir: CONTENT, endpointsFile: join(dir, 'endpoints.json'), secretFile: join(dir, 'token-secret'), ratePerSecond: 100,
    onIngest: (keys) => done?.(keys),
  });
  try {
    const original = await readFile(join(CONTENT, KEY), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < DROPS; i++) {
      const ingested = new Promise<void>((resolve) => {
        done = (keys) => keys.includes(KEY) && resolve();
      });
      const start = performance.now();
      // A different body each time, so every drop changes the report's neighbours and the preview.
      await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.endpoints.contentBucket, Key: KEY, Body: `${original}\nDrop ${i + 1}.\n` }));
      await ingested;
      times.push(performance.now() - start);
    }
    return [{ name: `dev ingest: object put → report and preview written`, value: ms(median(times)), note: `median of ${DROPS}; each: ${times.map((t) => Math.round(t)).join(' ')} ms` }];
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
