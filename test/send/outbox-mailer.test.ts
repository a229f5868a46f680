import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import type { OutgoingMessage } from '../../core/ports.js';
import { tempDir } from './support.js';

const message = (kind: OutgoingMessage['kind'] = 'issue', messageId = '<2010-07.abc@list.example.org>'): OutgoingMessage => ({
  issueId: '2010-07', kind, recipientKey: 'abc', messageId, to: 'alice@example.org',
  content: { from: { address: 'bulletin@example.org' }, subject: 'Hello', date: new Date(0), text: 'Hello', headers: [] }, raw: Buffer.from(`Message-ID: ${messageId}\r\n\r\nHello\r\n`),
});

let dir: Awaited<ReturnType<typeof tempDir>>;
let outbox: OutboxMailer;
beforeEach(async () => {
  dir = await tempDir('outbox');
  outbox = new OutboxMailer(dir.path);
});
afterEach(() => dir.remove());

describe('OutboxMailer', () => {
  it('writes the exact bytes once, at <issue>/<hash>.eml, and knows it did', async () => {
    expect(await outbox.wasAccepted(message())).toBe(false);
    expect(await outbox.send(message())).toEqual({ status: 'accepted' });
    expect(await outbox.wasAccepted(message())).toBe(true);
    const path = outbox.pathFor(message());
    expect(relative(dir.path, path)).toMatch(/^2010-07\/[0-9a-f]{32}\.eml$/);
    expect(await readFile(path)).toEqual(message().raw);
  });

  it('is idempotent by Message-ID, even for simultaneous sends', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => outbox.send(message())));
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(9);
    expect((await readdir(`${dir.path}/2010-07`)).filter((n) => n !== '.partial')).toHaveLength(1);
    expect(await readdir(`${dir.path}/2010-07/.partial`)).toEqual([]);
  });

  it('files test sends apart from the issue', async () => {
    await outbox.send(message('test', '<2010-07.test-1.abc@list.example.org>'));
    expect(relative(dir.path, outbox.pathFor(message('test')))).toMatch(/^2010-07\/test\/[0-9a-f]{32}\.eml$/);
    expect((await readdir(`${dir.path}/2010-07/test`)).filter((n) => n !== '.partial')).toHaveLength(1);
  });

  it('refuses an issue id that would leave the outbox', async () => {
    await expect(outbox.send({ ...message(), issueId: '../x' })).rejects.toThrow(/unsafe/);
  });
});
