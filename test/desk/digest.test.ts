/**
 * The comms lead's digest after a round: every state as the one status
 * function says it, the publish date and the verdict, sent at most once
 * per (month, round date), plain text only, and with a subject no author
 * can touch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import type { Publication } from '../../core/content/schema.js';
import { editorAddress } from '../../core/desk/digest.js';
import { planRound, sendRound } from '../../core/desk/remind-round.js';
import type { ReminderKind } from '../../core/desk/reminders.js';
import type { ReminderLedger } from '../../core/desk/send-once.js';
import type { Mailer, OutgoingMessage } from '../../core/ports.js';
import { EditedContent } from '../publish/edited-content.js';

const MONTH = '2010-10';
const templates = await readTemplateFiles();

/** Missing specials, invalid civil-liberties (an unknown field `titel<suffix>`), skipped anti-violence-panel. */
async function broken(suffix = '') {
  const store = new EditedContent();
  store.edits.set(`updates/${MONTH}/specials.json`, undefined);
  store.edits.set(`updates/${MONTH}/anti-violence-panel.json`, undefined);
  await store.replace(`updates/${MONTH}/civil-liberties.json`, '"title"', `${JSON.stringify(`titel${suffix}`)}: "x", "title"`);
  store.edits.set(`issues/${MONTH}/issue.md`, '---\nstatus: approved\nskip:\n  - anti-violence-panel\n---\n');
  return store;
}

async function plan(store: EditedContent, now: string, kinds: ReminderKind[] = ['reminder']) {
  const { config } = await loadConfig(store);
  const content = await loadMonth(store, MONTH, config!);
  const at = new Date(now);
  return { config: config!, plan: planRound({ config: config!, content, kinds, now: at, date: now.slice(0, 10), templates }) };
}

class MemoryLedger implements ReminderLedger {
  readonly keys = new Set<string>();
  async create(key: string) {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }
  async has(key: string) {
    return this.keys.has(key);
  }
}

class MemoryMailer implements Mailer {
  readonly idempotent = false;
  readonly sent: OutgoingMessage[] = [];
  async send(m: OutgoingMessage) {
    this.sent.push(m);
    return { status: 'accepted' as const };
  }
  async wasAccepted() {
    return undefined;
  }
}

describe('the digest', () => {
  it('names who is missing, who is invalid with the problems, who is skipped, and that the month will not be ready by its publish date', async () => {
    // Act
    const { plan: round } = await plan(await broken(), '2010-11-04T12:00:00Z');
    const { digest, status } = round;

    // Assert
    expect(digest.to).toBe('metforward@mpa.gov.uk');
    expect(digest.subject).toBe('Digest: Met Forward October 2010: 1 missing, 1 invalid, not ready to publish on Wed, 10 Nov 2010');
    const section = (name: string) => digest.text.split(`\n${name}`)[1]!.split('\n\n')[0]!;
    expect(section('Missing (1):')).toContain('Specials and Volunteers (specials), owner specials@mpa.gov.uk');
    expect(section('Missing (1):')).not.toContain('london-crime-reduction-board');
    const problem = status.workstreams.find((w) => w.id === 'civil-liberties')!.problems[0]!;
    expect(section('Invalid (1):')).toContain('(civil-liberties), owner dna@mpa.gov.uk');
    expect(section('Invalid (1):')).toContain(problem);
    expect(section('Skipped by the manifest (1):')).toContain('(anti-violence-panel)');
    expect(digest.text).toContain('will not publish on Wed, 10 Nov 2010 unless this is fixed');
    for (const reason of status.reasons) expect(digest.text).toContain(reason);
    expect(digest.text).toContain('Owners chased today: dna@mpa.gov.uk, specials@mpa.gov.uk.');
    expect(digest.text).not.toMatch(/\{\{|\}\}/);
  });

  it('after the deadline still lists an invalid update with its problems, and a missing one as late', async () => {
    // Act
    const { plan: round } = await plan(await broken(), '2010-11-06T10:00:00Z');

    // Assert
    expect(round.digest.text).toMatch(/Missing \(1\):\n {2}- Specials and Volunteers \(specials\), owner specials@mpa\.gov\.uk: late, the deadline was Fri, 5 Nov 2010/);
    expect(round.digest.text).toMatch(/Invalid \(1\):\n {2}- .+ \(civil-liberties\), owner dna@mpa\.gov\.uk \(late\):\n {6}updates\/2010-10\/civil-liberties\.json:\d+:\d+: titel:/);
  });

  it('says a ready month can publish on its date', async () => {
    // Arrange
    const store = new EditedContent();
    store.edits.set(`issues/${MONTH}/issue.md`, '---\nstatus: approved\n---\n');

    // Act
    const { plan: round } = await plan(store, '2010-11-04T12:00:00Z', ['call']);

    // Assert
    expect(round.status.ready).toBe(true);
    expect(round.digest.subject).toBe('Digest: Met Forward October 2010: 0 missing, 0 invalid, ready to publish on Wed, 10 Nov 2010');
    expect(round.digest.text).toContain('after today\'s call for updates');
    expect(round.digest.text).toContain('It is ready: it can publish on Wed, 10 Nov 2010 as planned.');
  });

  it('is sent once per (month, round date) whatever the kind, plain text only, after the owners', async () => {
    // Arrange
    const ledger = new MemoryLedger();
    const mailer = new MemoryMailer();
    const clock = { now: () => new Date('2010-11-04T12:00:00Z') };
    const store = await broken();
    const first = await plan(store, '2010-11-04T12:00:00Z');

    // Act
    const a = await sendRound(first.plan, first.config, { mailer, ledger, clock });
    const b = await sendRound(first.plan, first.config, { mailer, ledger, clock });
    const call = await plan(store, '2010-11-04T12:00:00Z', ['call']);
    const c = await sendRound(call.plan, call.config, { mailer, ledger, clock });
    const nextDay = await plan(store, '2010-11-05T12:00:00Z');
    const d = await sendRound(nextDay.plan, nextDay.config, { mailer, ledger, clock });

    // Assert
    expect([a.digest, b.digest, c.digest, d.digest]).toEqual(['sent', 'already-sent', 'already-sent', 'sent']);
    const digests = mailer.sent.filter((m) => m.to === 'metforward@mpa.gov.uk');
    expect(digests.map((m) => m.recipientKey)).toEqual(['digest-2010-11-04', 'digest-2010-11-05']);
    expect(mailer.sent.indexOf(digests[0]!)).toBe(2);
    const raw = new TextDecoder().decode(digests[0]!.raw);
    expect(raw).toMatch(/^Content-Type: text\/plain/m);
    expect(raw).not.toMatch(/text\/html/);
  });

  it('keeps author text out of the subject and every line printable, whatever the field names in an invalid file', async () => {
    // Arrange
    const { plan: benign } = await plan(await broken(), '2010-11-04T12:00:00Z');

    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), async (suffix) => {
      // Act
      const { plan: round } = await plan(await broken(suffix), '2010-11-04T12:00:00Z');

      // Assert
      expect(round.digest.subject).toBe(benign.digest.subject);
      expect(round.digest.to).toBe(benign.digest.to);
      expect(round.digest.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    }), { numRuns: 25 });
  });
});

describe('editorAddress', () => {
  const base = { fromAddress: 'from@example.org', contact: { email: 'contact@example.org' }, replyTo: 'reply@example.org' } as Publication;

  it('prefers editorEmail, then replyTo, then the contact email, then the from address', () => {
    // Act / Assert
    expect(editorAddress({ ...base, editorEmail: 'lead@example.org' })).toBe('lead@example.org');
    expect(editorAddress(base)).toBe('reply@example.org');
    expect(editorAddress({ ...base, replyTo: undefined })).toBe('contact@example.org');
    expect(editorAddress({ ...base, replyTo: undefined, contact: { lines: ['x'] } })).toBe('from@example.org');
  });
});
