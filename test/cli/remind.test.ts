/**
 * `bulletin remind` through the real binary: only owners of missing or
 * invalid required workstreams are mailed (never a valid or skipped one),
 * each once — a second run sends nothing — and `--dry-run` sends nothing.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp } from '../content/fixture-copy.js';
import { bulletin, messagesIn, workspace } from '../publish/support.js';

const MONTH = '2010-10';
const NOW = ['--now', '2010-11-04T12:00Z'];
let work: string;
const outbox = () => join(work, 'dist', 'outbox');

beforeAll(async () => {
  // Specials missing, civil-liberties invalid, anti-violence-panel skipped, the rest valid.
  work = await workspace('remind');
  const updates = join(work, 'content', 'updates', MONTH);
  await rm(join(updates, 'specials.json'));
  await rm(join(updates, 'anti-violence-panel.json'));
  const civil = join(updates, 'civil-liberties.json');
  await writeFile(civil, (await readFile(civil, 'utf8')).replace('"title"', '"titel"'));
  await writeFile(join(work, 'content', 'issues', MONTH, 'issue.md'), '---\nstatus: draft\nskip:\n  - anti-violence-panel\n---\n');
});
afterAll(() => removeTemp(work));

/** Each .eml in the outbox: its To and text. */
async function mailed(): Promise<{ to: string; text: string }[]> {
  const files = await messagesIn(join(outbox(), `reminders-${MONTH}`)).catch(() => [] as string[]);
  return Promise.all(files.map(async (f) => {
    const raw = await readFile(f, 'utf8');
    return { to: /^To: (.+)$/m.exec(raw)![1]!, text: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') };
  }));
}

/** The comms lead's digests in the outbox, as raw text. */
async function digests(): Promise<string[]> {
  const files = await messagesIn(join(outbox(), `digest-${MONTH}`)).catch(() => [] as string[]);
  return Promise.all(files.map((f) => readFile(f, 'utf8')));
}

describe.sequential('bulletin remind', () => {
  it('with --dry-run lists exactly the owners to chase and sends nothing', async () => {
    // Act
    const run = await bulletin(work, ['remind', '--month', MONTH, '--dry-run', ...NOW]);

    // Assert
    expect(run.code).toBe(0);
    const [owners, digest] = run.stdout.split('\ndigest would go to metforward@mpa.gov.uk:\n') as [string, string];
    expect(owners.trim().split('\n').sort()).toEqual(['would mail: dna@mpa.gov.uk (civil-liberties: invalid)', 'would mail: specials@mpa.gov.uk (specials: missing)']);
    expect(digest).toContain('Subject: Digest: Met Forward October 2010: 1 missing, 1 invalid, not ready to publish on Wed, 10 Nov 2010');
    expect(digest).toMatch(/Missing \(1\):\n +- Specials and Volunteers \(specials\)/);
    expect(digest).toMatch(/Skipped by the manifest \(1\):\n +- .+\(anti-violence-panel\)/);
    expect(await mailed()).toEqual([]);
    expect(await digests()).toEqual([]);
  });

  it('mails each owner of a missing or invalid required update once, naming the month, deadline, file and what is wrong', async () => {
    // Act
    const run = await bulletin(work, ['remind', '--month', MONTH, ...NOW]);
    const messages = await mailed();

    // Assert
    expect(run.code).toBe(0);
    expect(messages.map((m) => m.to).sort()).toEqual(['dna@mpa.gov.uk', 'specials@mpa.gov.uk']);
    const specials = messages.find((m) => m.to === 'specials@mpa.gov.uk')!.text;
    expect(specials).toMatch(/October\s+2010/);
    expect(specials).toContain('5 Nov 2010');
    expect(specials).toContain(`updates/${MONTH}/specials.md`);
    expect(specials).toContain(`npx bulletin new --workstream specials --month ${MONTH}`);
    expect(messages.find((m) => m.to === 'dna@mpa.gov.uk')!.text).toMatch(/civil-liberties\.json:\d+:\d+: titel:/);
    const [digest, ...more] = await digests();
    expect(more).toEqual([]);
    expect(digest).toMatch(/^To: metforward@mpa\.gov\.uk$/m);
    expect(run.stdout).toContain('mailed: metforward@mpa.gov.uk (digest)');
  });

  it('sends nothing new on a second run of the same round, and says so', async () => {
    // Act
    const run = await bulletin(work, ['remind', '--month', MONTH, ...NOW]);

    // Assert
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('already sent: specials@mpa.gov.uk');
    expect(await mailed()).toHaveLength(2);
    expect(await digests()).toHaveLength(1);
    expect(run.stdout).toContain('already sent: metforward@mpa.gov.uk (digest)');
    expect((await bulletin(work, ['remind', '--month', MONTH, '--dry-run', ...NOW])).stdout).not.toContain('would mail');
  });

  it('sends the call for updates as its own kind, again only to those owners', async () => {
    // Act
    const run = await bulletin(work, ['remind', '--month', MONTH, '--kind', 'call', ...NOW]);
    const calls = (await mailed()).filter((m) => m.text.includes('Subject: Call for updates'));

    // Assert
    expect(run.code).toBe(0);
    expect(calls.map((m) => m.to).sort()).toEqual(['dna@mpa.gov.uk', 'specials@mpa.gov.uk']);
    expect(await digests(), 'one digest per (month, date), whatever the kind').toHaveLength(1);
  });
});
