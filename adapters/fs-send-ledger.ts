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

type ClaimFile = ({ kind: 'claim' } & LedgerClaim) | { kind: 'release'; owner: string } | { kind: 'damaged'; what: string };

const FIX = 'it says neither "sent" nor "held"; compare with the outbox or the mail service, then delete the file to send again';
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
      let version = 1;
      while (await exists(this.#path(issueId, key, `claim.${version + 1}`))) version++;
      const donePath = this.#path(issueId, key, 'done');
      const done = await readIfExists(donePath);
      if (done !== undefined) {
        const parsed = parseDone(done);
        return parsed ? { status: 'done', done: parsed } : { status: 'damaged', version, what: `${donePath}: is damaged; ${FIX}` };
      }
      const current = await this.#read(issueId, key, version);
      if (current.kind === 'damaged') return { status: 'damaged', version, what: current.what };
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
    const path = this.#path(issueId, key, `claim.${version}`);
    const record = parseJson(await readIfExists(path)) as Partial<ClaimFile & LedgerClaim> | undefined;
    const valid = record?.kind === 'release' ? typeof record.owner === 'string'
      : record?.kind === 'claim' && typeof record.owner === 'string' && typeof record.messageId === 'string' && !Number.isNaN(Date.parse(String(record.claimedAt)));
    // Unreadable (edited by hand, disk trouble): reported, never taken for an abandoned claim or a release.
    return valid ? (record as ClaimFile) : { kind: 'damaged', what: `${path}: is damaged; ${FIX}` };
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A done row that really says done: owner, message id and a time. */
function parseDone(text: string): LedgerDone | undefined {
  const d = parseJson(text) as Partial<LedgerDone> | undefined;
  return d && typeof d.owner === 'string' && typeof d.messageId === 'string' && !Number.isNaN(Date.parse(String(d.doneAt))) ? (d as LedgerDone) : undefined;
}

/** A ledger in `dir` (the CLI keeps it with the archive it belongs to: `archive/ledger`). */
export function createFsLedger(dir: string): FsSendLedger {
  return new FsSendLedger(dir);
}
