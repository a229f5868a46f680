/**
 * `node --cpu-prof --import tsx bench/send-profile.ts [N]`: sends the July issue to N (default 10,000)
 * recipients into a real outbox + ledger in a scratch folder, no cap, and prints µs per recipient;
 * then `node bench/cpuprofile-summary.js CPU.cpuprofile` says where the time went.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { createFsLedger } from '../adapters/fs-send-ledger.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { createOutboxMailer } from '../adapters/outbox-mailer.js';
import { systemClock, systemSleep } from '../adapters/system-clock.js';
import { loadConfig, loadMonth } from '../core/content/load-content.js';
import { buildIssue } from '../core/render/issue-model.js';
import { renderEmail } from '../core/render/render-email.js';
import { compileTemplates } from '../core/render/templates.js';
import { envelopeFromPublication } from '../core/send/envelope.js';
import { sendIssue } from '../core/send/send-issue.js';
import { TokenSigner } from '../core/send/tokens.js';

const n = Number(process.argv[2] ?? 10_000);
const store = new FsContentStore(new URL('../content/', import.meta.url).pathname);
const { config } = await loadConfig(store);
if (!config) throw new Error('sample config invalid');
const issue = buildIssue({ config, ...(await loadMonth(store, '2010-07', config)) });
const rendered = await renderEmail(issue, compileTemplates(await readTemplateFiles()));
const envelope = envelopeFromPublication(config.publication);
const dir = await mkdtemp(join(tmpdir(), 'bulletin-send-profile-'));
try {
  const start = performance.now();
  const report = await sendIssue({
    issueId: '2010-07', email: { subject: rendered.subject, html: rendered.html, text: rendered.text, slotKey: rendered.slotKey }, envelope,
    recipients: Array.from({ length: n }, (_, i) => ({ email: `reader${i}@example.org` })),
    tokens: new TokenSigner({ secret: 'profile-secret-0123456789abcdefghijklmnopqrstuvwxyz', listId: envelope.listId, subjects: 'opaque' }),
    ledger: createFsLedger(join(dir, 'ledger')), mailer: createOutboxMailer(join(dir, 'outbox')), clock: systemClock, sleep: systemSleep,
    concurrency: 8, limiter: { run: (task) => task() },
  });
  console.log(`${report.submitted} sent, ${((1000 * (performance.now() - start)) / n).toFixed(0)} µs per recipient`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
