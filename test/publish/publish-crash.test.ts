/**
 * `bulletin publish` killed with SIGKILL — once right after it has created
 * the published record (archive and send not yet finished), once mid-send —
 * and run again: it ends with exactly one message per active subscriber,
 * never two, nobody missed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp } from '../content/fixture-copy.js';
import { addresses, SECRET } from '../send/support.js';
import { bulletin, bulletinKilledWhen, countMessages, messagesIn, recipientsIn, workspace, writeSubscribers } from './support.js';

const N = 600;
const ACTIVE = addresses(N);
// 600 at 300/s: the send takes about two seconds, a wide window to kill it in.
const ARGS = ['publish', '--month', '2010-07', '--subscribers', 'readers.json', '--rate', '300'];
const ENV = { BULLETIN_TOKEN_SECRET: SECRET };

let work: string;
let outbox: string;
let record: string;

/**
 * True once the record exists and is complete (a whole JSON document). Not
 * merely once it exists: FsArchiveStore.create opens the file ('wx') and
 * then writes it, so a kill between the two leaves an empty record that
 * every later run fails on — a known gap in that adapter, not this test's subject.
 */
function recordWritten(): boolean {
  if (!existsSync(record)) return false;
  try {
    return (JSON.parse(readFileSync(record, 'utf8')) as { revision?: number }).revision === 1;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  work = await workspace('publish-crash');
  outbox = join(work, 'dist', 'outbox', '2010-07');
  record = join(work, 'archive', 'records', '2010-07', 'rev-1.json');
  await writeSubscribers(join(work, 'readers.json'), [
    ...ACTIVE.map((email) => ({ email, status: 'active' as const })),
    ...ACTIVE.slice(0, 20).map((email) => ({ email: email.toUpperCase(), status: 'active' as const })),
    ...addresses(15, 'pending.example.org').map((email) => ({ email, status: 'pending' as const })),
    ...addresses(10, 'gone.example.org').map((email) => ({ email, status: 'unsubscribed' as const })),
    ...addresses(5, 'bounced.example.org').map((email) => ({ email, status: 'suppressed' as const })),
  ]);
});
afterAll(() => removeTemp(work));

// One scenario, in order: each kill leaves the state the next step recovers from.
describe('bulletin publish killed with SIGKILL and run again', () => {
  let recordBytes: Buffer;
  let sentBeforeKill: string[];

  it('killed right after the record is created: the record is whole and the send has not finished', async () => {
    // Act
    const run = await bulletinKilledWhen(work, ARGS, recordWritten, ENV);

    // Assert
    expect(run.killed, run.stderr).toBe(true);
    recordBytes = await readFile(record);
    expect(JSON.parse(recordBytes.toString('utf8'))).toMatchObject({ month: '2010-07', revision: 1 });
    expect(countMessages(outbox)).toBeLessThan(N);
  });

  it('killed mid-send, with between 10 % and 90 % of the messages written', async () => {
    // Act
    const run = await bulletinKilledWhen(work, ARGS, () => countMessages(outbox) >= 0.3 * N, ENV);

    // Assert
    expect(run.killed, run.stderr).toBe(true);
    expect(run.stderr).toMatch(/2010-07 is already published \(revision 1/);
    sentBeforeKill = await recipientsIn(outbox);
    expect(sentBeforeKill.length).toBeGreaterThanOrEqual(0.1 * N);
    expect(sentBeforeKill.length).toBeLessThanOrEqual(0.9 * N);
    expect(new Set(sentBeforeKill).size).toBe(sentBeforeKill.length);
  });

  it('run again: ends with exactly one message per active subscriber, sending only the ones not yet sent', async () => {
    // Act
    const run = await bulletin(work, ARGS, ENV);

    // Assert
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`2010-07: ${N} intended — ${N - sentBeforeKill.length} submitted, ${sentBeforeKill.length} already sent, 0 suppressed, 0 failed`);
    const recipients = await recipientsIn(outbox);
    expect(recipients).toHaveLength(N);
    expect([...recipients].sort()).toEqual(ACTIVE);
    // Every message whole: each ends with its closing MIME boundary.
    for (const file of await messagesIn(outbox)) expect((await readFile(file, 'utf8')).trimEnd(), file).toMatch(/--\r?$/);
  });

  it('never rewrote the record, and wrote the archive page', async () => {
    expect((await readFile(record)).equals(recordBytes)).toBe(true);
    expect(existsSync(join(work, 'archive', 'records', '2010-07', 'rev-2.json'))).toBe(false);
    expect(await readFile(join(work, 'archive', 'site', '2010', '07', 'index.html'), 'utf8')).toContain('3,125');
  });
});
