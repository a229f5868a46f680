import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendReport } from '../../core/send/send-report.js';
import { addresses, emlFiles, julyEmail, SECRET, tempDir } from './support.js';

const CHILD = new URL('./fixtures/send-child.ts', import.meta.url).pathname;
const N = 200;

interface ChildRun {
  killedAt?: number;
  lastProgress: number;
  report?: SendReport;
  output: string[];
}

/** Runs the child; with `killAfter`, SIGKILLs it once it reports that many recipients settled. */
function runChild(dir: string, killAfter?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '400'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { lastProgress: 0, output: [] };
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      run.output.push(line);
      const progress = /^progress (\d+)$/.exec(line);
      if (progress) {
        run.lastProgress = Number(progress[1]);
        if (killAfter !== undefined && run.killedAt === undefined && run.lastProgress >= killAfter) {
          run.killedAt = run.lastProgress;
          child.kill('SIGKILL');
        }
      }
      if (line.startsWith('report ')) run.report = JSON.parse(line.slice(7)) as SendReport;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killAfter !== undefined ? signal === 'SIGKILL' || code === 0 : code === 0) resolve(run);
      else reject(new Error(`child exited ${code ?? signal}: ${stderr}`));
    });
  });
}

/** The `To:` address of every message in the outbox. */
async function outboxRecipients(dir: string): Promise<string[]> {
  const files = await emlFiles(join(dir, 'outbox'));
  return Promise.all(files.map(async (f) => /^To: (.+)\r$/m.exec(await readFile(f, 'utf8'))?.[1] ?? `(no To in ${f})`));
}

describe('a send killed mid-way (kill -9) and re-run', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const active = addresses(N);
  beforeAll(async () => {
    dir = await tempDir('crash');
    const { email, envelope } = await julyEmail();
    await writeFile(join(dir.path, 'email.json'), JSON.stringify({ email, envelope, secret: SECRET }));
    const list = [
      ...active.map((email) => ({ email, status: 'active' })),
      ...active.slice(0, 5).map((email) => ({ email: email.toUpperCase(), status: 'active' })),
      ...addresses(10, 'pending.example.org').map((email) => ({ email, status: 'pending' })),
      ...addresses(5, 'gone.example.org').map((email) => ({ email, status: 'unsubscribed' })),
    ];
    await writeFile(join(dir.path, 'subscribers.json'), JSON.stringify(list));
  });
  afterAll(() => dir?.remove());

  it('ends with exactly one message per active subscriber, and a further run sends nothing', async () => {
    const first = await runChild(dir.path, N / 2);
    expect(first.killedAt).toBeGreaterThanOrEqual(N / 2);
    expect(first.report).toBeUndefined();
    const afterKill = await outboxRecipients(dir.path);
    expect(afterKill.length).toBeGreaterThanOrEqual(N / 2);
    expect(afterKill.length).toBeLessThan(N);
    expect(new Set(afterKill).size).toBe(afterKill.length);

    const second = await runChild(dir.path);
    const r = second.report!;
    expect(r).toMatchObject({ intended: N, failed: 0, deferred: 0, suppressed: 0 });
    expect(r.submitted + r.skippedAlreadySent).toBe(N);
    expect(r.skippedAlreadySent).toBe(afterKill.length);

    const recipients = await outboxRecipients(dir.path);
    expect(recipients).toHaveLength(N);
    expect([...recipients].sort()).toEqual([...active].sort());

    const third = await runChild(dir.path);
    expect(third.report).toMatchObject({ intended: N, submitted: 0, skippedAlreadySent: N });
    expect(third.output.at(-1)).toMatch(/all already sent, nothing to do$/);
    expect(await emlFiles(join(dir.path, 'outbox'))).toHaveLength(N);
  });
});
