/**
 * A ready-to-send issue for the sendIssue tests: the real July 2010 email,
 * the real outbox and ledger in a throwaway folder, a fake clock (14/s cap),
 * and fault-injecting wrappers around the real adapters.
 */
import { FsSendLedger } from '../../adapters/fs-send-ledger.js';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import type { Mailer, OutgoingMessage, SendLedger } from '../../core/ports.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import type { SendIssueInput } from '../../core/send/send-issue.js';
import { addresses, fakeTime, julyEmail, signerFor } from './support.js';

/** Five recipients (`user0000…0004@example.org`) unless `overrides` says otherwise. */
export async function sendFixture(dir: string, overrides: Partial<SendIssueInput> = {}) {
  const { email, envelope } = await julyEmail();
  const time = fakeTime();
  const outbox = new OutboxMailer(`${dir}/outbox`);
  const ledger = new FsSendLedger(`${dir}/ledger`);
  const input: SendIssueInput = {
    issueId: '2010-07', email, envelope, recipients: addresses(5).map((email) => ({ email })),
    tokens: signerFor(envelope), ledger, mailer: outbox, clock: time, sleep: time.sleep,
    limiter: new RateLimiter({ ratePerSecond: 14, clock: time, sleep: time.sleep }),
    ...overrides,
  };
  return { input, time, outbox, ledger };
}

/** The real mailer, failing for chosen addresses: `failures[address]` errors are thrown in turn, `always[address]` every time. */
export function flakyMailer(inner: Mailer, failures: Record<string, Error[]>, always: Record<string, Error> = {}): Mailer & { calls: string[] } {
  const calls: string[] = [];
  return {
    idempotent: inner.idempotent,
    calls,
    wasAccepted: (ref) => inner.wasAccepted(ref),
    async send(message: OutgoingMessage) {
      calls.push(message.to);
      if (always[message.to]) throw always[message.to];
      const next = failures[message.to]?.shift();
      if (next) throw next;
      return inner.send(message);
    },
  };
}

/** The real ledger whose `markDone` throws on its `n`th call: a crash right after the mailer accepted. */
export function ledgerDyingAtMark(ledger: SendLedger, n: number): SendLedger {
  let marks = 0;
  return {
    claim: (...a) => ledger.claim(...a),
    takeOver: (...a) => ledger.takeOver(...a),
    release: (...a) => ledger.release(...a),
    markDone: async (...a) => {
      if (++marks === n) throw new Error('disk full');
      return ledger.markDone(...a);
    },
  };
}
