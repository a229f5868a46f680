/**
 * `node --cpu-prof --import tsx bench/send-profile.ts [N]`: sends the July issue to N (default 10,000)
 * recipients into a real outbox + ledger in a scratch folder, no cap, and prints µs per recipient;
 * then `node bench/cpuprofile-summary.js CPU.cpuprofile` says where the time went.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsLedger } from '../adapters/fs-send-ledger.js';
import { createOutboxMailer } from '../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../adapters/system-clock.js';
import { sendIssue } from '../core/send/send-issue.js';
import { TokenSigner } from '../core/send/tokens.js';
import { sampleEmail } from './sample-email.js';

const n = Number(process.argv[2] ?? 10_000);
const { email, envelope } = await sampleEmail();
const dir = await mkdtemp(join(tmpdir(), 'bulletin-send-profile-'));
try {
  const start = performance.now();
  const report = await sendIssue({
    issueId: '2010-07', email, envelope,
    recipients: Array.from({ length: n }, (_, i) => ({ email: `reader${i}@example.org` })),
    tokens: new TokenSigner({ secret: 'profile-secret-0123456789abcdefghijklmnopqrstuvwxyz', listId: envelope.listId, subjects: 'opaque' }),
    ledger: createFsLedger(join(dir, 'ledger')), mailer: createOutboxMailer(join(dir, 'outbox')), clock: systemClock, sleep: systemSleep,
    concurrency: 8, limiter: { run: (task) => task() },
  });
  console.log(`${report.submitted} sent, ${((1000 * (performance.now() - start)) / n).toFixed(0)} µs per recipient`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
