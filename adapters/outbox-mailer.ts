/**
 * The local Mailer: each message becomes one `.eml` file — its exact MIME
 * (`mimeChunks`: the sender's `raw`, or filled from the issue's once-composed
 * buffer, written with one writev) — at `<dir>/<issue>/<key>.eml` (test sends at
 * `<dir>/<issue>/test/<key>.eml`), where `<key>` is a hash of the
 * Message-ID, itself derived from (issue, recipient).
 *
 * Idempotent by Message-ID: the file is created atomically and only if
 * absent, so a message is in the outbox whole or not at all, and never
 * twice — even when two runs race or one was killed mid-write. That lets
 * the sender settle a crashed run's claims exactly (`wasAccepted`).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Mailer, MessageRef, OutgoingMessage } from '../core/ports.js';
import { mimeChunks } from '../core/send/mime-message.js';
import { createExclusive, exists } from './fs-exclusive.js';

/** Mailer writing `.eml` files; idempotent and able to say what it already accepted. */
export class OutboxMailer implements Mailer {
  readonly idempotent = true;

  constructor(readonly dir: string) {}

  /** Where the message's `.eml` lives (whether or not it exists yet). */
  pathFor(ref: Pick<MessageRef, 'issueId' | 'kind' | 'messageId'>): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ref.issueId)) throw new Error(`unsafe outbox folder "${ref.issueId}"`);
    const name = `${createHash('sha256').update(ref.messageId).digest('hex').slice(0, 32)}.eml`;
    return ref.kind === 'test' ? join(this.dir, ref.issueId, 'test', name) : join(this.dir, ref.issueId, name);
  }

  async send(message: OutgoingMessage): Promise<{ status: 'accepted' | 'duplicate' }> {
    return (await createExclusive(this.pathFor(message), mimeChunks(message))) ? { status: 'accepted' } : { status: 'duplicate' };
  }

  wasAccepted(ref: MessageRef): Promise<boolean> {
    return exists(this.pathFor(ref));
  }
}

/** An outbox in `dir` (the CLI's default is `dist/outbox`). */
export function createOutboxMailer(dir: string): OutboxMailer {
  return new OutboxMailer(dir);
}
