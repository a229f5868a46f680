/**
 * `publishMonth` + `sendPlanned`, the one publish sequence every edge runs,
 * at the core with the real local adapters (subscriber file, send plans,
 * ledger, outbox) in a temporary folder and a fake clock. Each block is one
 * class of "fail closed" defect: who is mailed, and what is checked before
 * the record — the irreversible step — is created.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileSubscriberStore } from '../../adapters/file-subscribers.js';
import { FsSendLedger } from '../../adapters/fs-send-ledger.js';
import { FsSendPlanStore } from '../../adapters/fs-send-plans.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { OutboxMailer } from '../../adapters/outbox-mailer.js';
import { publishMonth, type PublishMonthInput, type SendSetup } from '../../core/publish/publish-month.js';
import { compileTemplates, type TemplateFiles } from '../../core/render/templates.js';
import { envelopeFromPublication } from '../../core/send/envelope.js';
import { RateLimiter } from '../../core/send/rate-limiter.js';
import { sendPlanned } from '../../core/send/send-planned.js';
import { TokenSigner } from '../../core/send/tokens.js';
import type { Mailer } from '../../core/ports.js';
import { MailerError } from '../../core/send/errors.js';
import { MemoryArchiveStore } from '../archive/memory-archive-store.js';
import { flakyMailer } from '../send/send-fixture.js';
import { emlFiles, fakeTime, SECRET, tempDir } from '../send/support.js';
import { EditedContent } from './edited-content.js';

const LIST_ID = 'met-forward.metforward.example.org';
let files: TemplateFiles;
let assets: Record<string, string>;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  files = await readTemplateFiles();
  assets = await readAssets();
});
beforeEach(async () => {
  dir = await tempDir('publish-month');
});
afterEach(() => dir.remove());

type Entry = Record<string, unknown> | string;

/** One publish of July 2010 into `archive`, with the subscriber list `entries`, then the send it prepared. */
async function publishAndSend(archive: MemoryArchiveStore, entries: Entry[], options: { secret?: string; setup?: Partial<SendSetup>; input?: Partial<PublishMonthInput>; mailer?: (outbox: OutboxMailer) => Mailer } = {}) {
  const time = fakeTime();
  await writeFile(join(dir.path, 'subscribers.json'), JSON.stringify(entries, null, 2));
  const tokens = new TokenSigner({ secret: options.secret ?? SECRET, listId: LIST_ID });
  const outcome = await publishMonth({
    content: new EditedContent(), archive, templates: compileTemplates(files), assets, clock: time, month: '2010-07',
    send: {
      subscribers: new FileSubscriberStore(join(dir.path, 'subscribers.json')),
      tokens: async () => tokens,
      plans: new FsSendPlanStore(join(dir.path, 'plans')),
      ...options.setup,
    },
    ...options.input,
  });
  if (outcome.kind === 'refused' || !outcome.send) return { outcome, report: undefined };
  const report = await sendPlanned({
    send: outcome.send, envelope: envelopeFromPublication((await loadPublication())), tokens,
    ledger: new FsSendLedger(join(dir.path, 'ledger')), mailer: (options.mailer ?? ((m) => m))(new OutboxMailer(join(dir.path, 'outbox'))),
    limiter: new RateLimiter({ ratePerSecond: 1000, clock: time, sleep: time.sleep }), clock: time, sleep: time.sleep,
  });
  return { outcome, report };
}

async function loadPublication() {
  const { loadConfig } = await import('../../core/content/load-content.js');
  return (await loadConfig(new EditedContent())).config!.publication;
}

/** The `To:` of every message in the outbox, sorted. */
async function mailed(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const out = await Promise.all((await emlFiles(join(dir.path, 'outbox'))).map(async (f) => /^To: (.+)\r$/m.exec(await readFile(f, 'utf8'))![1]!));
  return out.sort();
}

const active = (email: string) => ({ email, status: 'active' });

describe('who has been sent an issue does not depend on the token secret', () => {
  it('a re-run with another secret sends nobody a second copy', async () => {
    // Arrange: the issue was sent with one secret.
    const archive = new MemoryArchiveStore();
    await publishAndSend(archive, [active('a@example.org'), active('b@example.org')]);
    // Act: run again with a different secret (another folder, or BULLETIN_TOKEN_SECRET set).
    const again = await publishAndSend(archive, [active('a@example.org'), active('b@example.org')], { secret: 'another-secret-0123456789-abcdefghijklmnop' });
    // Assert
    expect(again.report).toMatchObject({ submitted: 0, skippedAlreadySent: 2 });
    expect(again.outcome.kind !== 'refused' && again.outcome.send?.secretChanged).toBe(true);
    expect(await mailed()).toEqual(['a@example.org', 'b@example.org']);
  });
});

describe('the audience is fixed when the send starts', () => {
  it('a later run never mails someone who subscribed since, and still honours an opt-out made since', async () => {
    // Arrange: a send that started (its plan is fixed) and reached a but not b or e.
    const archive = new MemoryArchiveStore();
    const rejected = new MailerError('MessageRejected', 'rejected', false);
    const first = await publishAndSend(archive, [active('a@example.org'), active('b@example.org'), active('e@example.org')], {
      mailer: (outbox) => flakyMailer(outbox, {}, { 'b@example.org': rejected, 'e@example.org': rejected }),
    });
    expect(first.report).toMatchObject({ submitted: 1, failed: 2 });
    // Act: b unsubscribes and c, d subscribe; the editor runs publish again.
    const again = await publishAndSend(archive, [active('a@example.org'), { email: 'b@example.org', status: 'unsubscribed' }, active('c@example.org'), active('d@example.org'), active('e@example.org')]);
    // Assert: only the plan is finished (e), without b, and without the newcomers.
    expect(await mailed()).toEqual(['a@example.org', 'e@example.org']);
    expect(again.report).toMatchObject({ intended: 3, submitted: 1, skippedAlreadySent: 1, suppressed: 1 });
    expect(again.outcome.kind !== 'refused' && again.outcome.send).toMatchObject({ planCreated: false, joinedSince: 2 });
    expect(again.outcome.kind !== 'refused' && again.outcome.send?.plan.recipients.map((r) => r.email)).toEqual(['a@example.org', 'b@example.org', 'e@example.org']);
  });

  it('records in the plan why each recipient is in it', async () => {
    const archive = new MemoryArchiveStore();
    const { outcome } = await publishAndSend(archive, [active('all@example.org'), { email: 'dna@example.org', status: 'active', topics: ['civil-liberties'] }, { email: 'x@example.org', status: 'active', topics: ['not-in-july'] }]);
    expect(outcome.kind !== 'refused' && outcome.send?.plan).toMatchObject({
      recipients: [{ email: 'all@example.org', reason: 'all' }, { email: 'dna@example.org', reason: 'topics: civil-liberties' }],
      excluded: { suppressed: 0, notInTopics: 1 },
    });
  });
});

describe('every check runs before the record is created', () => {
  async function refusedWithNothingWritten(entries: Entry[], options: Parameters<typeof publishAndSend>[2] = {}) {
    const archive = new MemoryArchiveStore();
    const { outcome } = await publishAndSend(archive, entries, options);
    expect(outcome.kind).toBe('refused');
    expect([...archive.files.keys()]).toEqual([]);
    expect(await readdir(join(dir.path, 'plans')).catch(() => [])).toEqual([]);
    return outcome.kind === 'refused' ? outcome.reasons : [];
  }

  it('an invalid subscriber entry: refused, each bad entry listed at its line; with the flag, sent without that address', async () => {
    const entries = [active('a@example.org'), active('ann@example.org'), { email: ' ann@example.org', status: 'unsubscribed' }];
    const reasons = await refusedWithNothingWritten(entries);
    expect(reasons[0]).toMatch(/subscribers\.json:\d+:\d+: \[2\]\.email: must be an email address$/);
    expect(reasons.at(-1)).toMatch(/--skip-invalid-subscribers/);
    // Act
    const { report } = await publishAndSend(new MemoryArchiveStore(), entries, { setup: { allowInvalidEntries: true } });
    // Assert
    expect(await mailed()).toEqual(['a@example.org']);
    expect(report).toMatchObject({ submitted: 1, suppressed: 1, skippedEntries: 1 });
  });

  it('nobody to send to: refused; with --allow-no-recipients it publishes', async () => {
    const reasons = await refusedWithNothingWritten([{ email: 'a@example.org', status: 'unsubscribed' }, { email: 'p@example.org', status: 'pending' }]);
    expect(reasons).toEqual([expect.stringMatching(/subscribers\.json: nobody would be sent this issue; .*--allow-no-recipients$/)]);
    const { outcome } = await publishAndSend(new MemoryArchiveStore(), [], { setup: { allowNoRecipients: true } });
    expect(outcome.kind).toBe('published');
  });

  it('an unreadable list, a weak secret, a template without its unsubscribe slot: refused before anything is written', async () => {
    await writeFile(join(dir.path, 'broken.json'), '[{"email": "a@example.org",');
    expect(await refusedWithNothingWritten([], { setup: { subscribers: new FileSubscriberStore(join(dir.path, 'broken.json')) } }))
      .toEqual([expect.stringMatching(/broken\.json:1:\d+: json: invalid JSON.*cannot be read/)]);
    await expect(publishAndSend(new MemoryArchiveStore(), [active('a@example.org')], { secret: 'too-short' })).rejects.toMatchObject({ code: 'SECRET_WEAK' });
    const noSlot = compileTemplates({ ...files, 'email/issue.mjml.hbs': files['email/issue.mjml.hbs']!.replace('{{slots.unsubscribe_url}}', 'https://example.org/') });
    expect(await refusedWithNothingWritten([active('a@example.org')], { input: { templates: noSlot } }))
      .toEqual([expect.stringMatching(/^templates\/email\/issue\.mjml\.hbs: unsubscribe link: the html part has no unsubscribe link slot/)]);
  });

  it('an email Gmail would clip: refused, naming the month\'s updates and the longest', async () => {
    const content = new EditedContent();
    await content.replace('updates/2010-07/specials.md', 'Special Constables play', `${'A long paragraph of the update. '.repeat(4000)}\n\nSpecial Constables play`);
    const reasons = await refusedWithNothingWritten([active('a@example.org')], { input: { content } });
    expect(reasons).toEqual([expect.stringMatching(/^updates\/2010-07\/: email: the email would be \d+ KB; Gmail clips .* \(the longest is updates\/2010-07\/specials\.md\)$/)]);
  });
});
