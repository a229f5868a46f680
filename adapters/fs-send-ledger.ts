/**
 * The send ledger in a local folder: `<dir>/<issue>/<key>.claim.<n>.json`
 * and `<dir>/<issue>/<key>.done.json`, where `<key>` is the keyed hash of
 * the address (never the address).
 *
 * Every write is an atomic create-if-absent (fs-exclusive.ts) and no file is
 * ever changed or deleted, so the history reads like an append-only log:
 * claim n+1 supersedes claim n (a take-over, or a release after a failed
 * send); the highest n is the current state; DONE beats any claim. Two
 * workers racing for the same step: exactly one create succeeds.
 */
import { join } from 'node:path';
import type { ClaimOutcome, LedgerClaim, LedgerDone, SendLedger } from '../core/ports.js';
import { createExclusive, exists, readIfExists } from './fs-exclusive.js';

type ClaimFile = ({ kind: 'claim' } & LedgerClaim) | { kind: 'release'; owner: string };
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** SendLedger over a local folder; safe with several processes sharing it. */
export class FsSendLedger implements SendLedger {
  constructor(readonly dir: string) {}

  #path(issueId: string, key: string, suffix: string): string {
    if (!SAFE.test(issueId) || !SAFE.test(key)) throw new Error(`unsafe ledger key ${issueId}/${key}`);
    return join(this.dir, issueId, `${key}.${suffix}.json`);
  }

  #create(issueId: string, key: string, version: number, record: ClaimFile): Promise<boolean> {
    return createExclusive(this.#path(issueId, key, `claim.${version}`), JSON.stringify(record));
  }

  async claim(issueId: string, key: string, claim: LedgerClaim): Promise<ClaimOutcome> {
    // The common case first: nobody has touched this recipient.
    if (await this.#create(issueId, key, 1, { kind: 'claim', ...claim })) return { status: 'claimed', version: 1 };
    for (;;) {
      const done = await readIfExists(this.#path(issueId, key, 'done'));
      if (done !== undefined) return { status: 'done', done: JSON.parse(done) as LedgerDone };
      let version = 1;
      while (await exists(this.#path(issueId, key, `claim.${version + 1}`))) version++;
      const current = await this.#read(issueId, key, version);
      if (current.kind === 'claim') {
        const { owner, messageId, claimedAt } = current;
        return { status: 'held', claim: { owner, messageId, claimedAt }, version };
      }
      if (await this.#create(issueId, key, version + 1, { kind: 'claim', ...claim })) return { status: 'claimed', version: version + 1 };
      // Someone else moved between our read and our create: look again.
    }
  }

  async takeOver(issueId: string, key: string, version: number, claim: LedgerClaim): Promise<number | undefined> {
    return (await this.#create(issueId, key, version + 1, { kind: 'claim', ...claim })) ? version + 1 : undefined;
  }

  async markDone(issueId: string, key: string, done: LedgerDone): Promise<void> {
    await createExclusive(this.#path(issueId, key, 'done'), JSON.stringify(done));
  }

  async release(issueId: string, key: string, version: number, claim: LedgerClaim): Promise<void> {
    await this.#create(issueId, key, version + 1, { kind: 'release', owner: claim.owner });
  }

  async #read(issueId: string, key: string, version: number): Promise<ClaimFile> {
    const text = await readIfExists(this.#path(issueId, key, `claim.${version}`));
    try {
      return JSON.parse(text ?? '') as ClaimFile;
    } catch {
      // Unreadable (edited by hand?): treat as an abandoned claim, which a later step may take over.
      return { kind: 'claim', owner: 'unknown', messageId: '', claimedAt: new Date(0).toISOString() };
    }
  }
}

/** A ledger in `dir` (the CLI keeps it with the archive it belongs to: `archive/ledger`). */
export function createFsLedger(dir: string): FsSendLedger {
  return new FsSendLedger(dir);
}
