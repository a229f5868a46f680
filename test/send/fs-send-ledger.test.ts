import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsSendLedger } from '../../adapters/fs-send-ledger.js';
import type { LedgerClaim } from '../../core/ports.js';
import { tempDir } from './support.js';

const KEY = '0123456789abcdef0123456789abcdef';
const claimBy = (owner: string, claimedAt = '2010-08-05T08:00:00.000Z'): LedgerClaim => ({ owner, messageId: `<2010-07.${KEY}@list>`, claimedAt });

let dir: Awaited<ReturnType<typeof tempDir>>;
let ledger: FsSendLedger;
beforeEach(async () => {
  dir = await tempDir('ledger');
  ledger = new FsSendLedger(dir.path);
});
afterEach(() => dir.remove());

describe('FsSendLedger', () => {
  it('claims a fresh recipient, then reports it held, then done', async () => {
    expect(await ledger.claim('2010-07', KEY, claimBy('run-a'))).toEqual({ status: 'claimed', version: 1 });
    expect(await ledger.claim('2010-07', KEY, claimBy('run-b'))).toEqual({ status: 'held', claim: claimBy('run-a'), version: 1 });
    await ledger.markDone('2010-07', KEY, { owner: 'run-a', messageId: 'm', doneAt: '2010-08-05T08:00:01.000Z' });
    await ledger.markDone('2010-07', KEY, { owner: 'run-x', messageId: 'm', doneAt: '2010-08-05T09:00:00.000Z' });
    expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toEqual({ status: 'done', done: { owner: 'run-a', messageId: 'm', doneAt: '2010-08-05T08:00:01.000Z' } });
  });

  it('keeps issues apart', async () => {
    await ledger.claim('2010-07', KEY, claimBy('run-a'));
    expect(await ledger.claim('2010-08', KEY, claimBy('run-a'))).toEqual({ status: 'claimed', version: 1 });
  });

  it('gives a recipient to exactly one of many simultaneous claimants', async () => {
    const outcomes = await Promise.all(Array.from({ length: 25 }, (_, i) => ledger.claim('2010-07', KEY, claimBy(`run-${i}`))));
    expect(outcomes.filter((o) => o.status === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'held')).toHaveLength(24);
  });

  it('lets exactly one of two workers take over the same claim', async () => {
    await ledger.claim('2010-07', KEY, claimBy('crashed'));
    const [a, b] = await Promise.all([ledger.takeOver('2010-07', KEY, 1, claimBy('run-a')), ledger.takeOver('2010-07', KEY, 1, claimBy('run-b'))]);
    expect([a, b].filter((v) => v === 2)).toHaveLength(1);
    expect([a, b].filter((v) => v === undefined)).toHaveLength(1);
    const winner = a === 2 ? 'run-a' : 'run-b';
    expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toMatchObject({ status: 'held', version: 2, claim: { owner: winner } });
    // A take-over based on what is now old news fails.
    expect(await ledger.takeOver('2010-07', KEY, 1, claimBy('late'))).toBeUndefined();
  });

  it('after a release, the next run claims the recipient again', async () => {
    await ledger.claim('2010-07', KEY, claimBy('run-a'));
    await ledger.release('2010-07', KEY, 1, claimBy('run-a'));
    expect(await ledger.claim('2010-07', KEY, claimBy('run-b'))).toEqual({ status: 'claimed', version: 3 });
    // A release of a claim someone has since replaced changes nothing.
    await ledger.release('2010-07', KEY, 1, claimBy('run-a'));
    expect(await ledger.claim('2010-07', KEY, claimBy('run-c'))).toMatchObject({ status: 'held', version: 3, claim: { owner: 'run-b' } });
  });

  it('names files by key only and leaves no temporary files behind', async () => {
    await ledger.claim('2010-07', KEY, claimBy('run-a'));
    await ledger.claim('2010-07', KEY, claimBy('run-b'));
    await ledger.markDone('2010-07', KEY, { owner: 'run-a', messageId: 'm', doneAt: 'x' });
    expect((await readdir(`${dir.path}/2010-07`)).sort()).toEqual(['.partial', `${KEY}.claim.1.json`, `${KEY}.done.json`]);
    expect(await readdir(`${dir.path}/2010-07/.partial`)).toEqual([]); // temporary files are gone
  });

  it('refuses an issue id or key that could escape its folder', async () => {
    await expect(ledger.claim('../etc', KEY, claimBy('a'))).rejects.toThrow(/unsafe/);
    await expect(ledger.claim('2010-07', '../../x', claimBy('a'))).rejects.toThrow(/unsafe/);
  });
});
