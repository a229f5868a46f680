import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSubscribers } from '../../adapters/file-subscribers.js';
import { formatProblem } from '../../core/content/problem.js';
import fc from 'fast-check';
import { selectAudience } from '../../core/send/select-recipients.js';
import { CONTENT_DIR, tempDir } from './support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('subscribers');
});
afterEach(() => dir.remove());

async function load(text: string) {
  const path = join(dir.path, 'subscribers.json');
  await writeFile(path, text);
  const loaded = await loadSubscribers(path);
  return { ...loaded, lines: loaded.problems.map((p) => formatProblem({ ...p, path: 'subscribers.json' })) };
}

describe('loadSubscribers', () => {
  it('reads the sample list: three active, one pending, one unsubscribed', async () => {
    const list = await loadSubscribers(join(CONTENT_DIR, 'subscribers.json'));
    expect(list.problems).toEqual([]);
    expect(selectAudience(list, []).recipients.map((r) => r.email)).toEqual(['alice.active@example.org', 'bob.active@example.org', 'chandra.active@example.org']);
  });

  it('reports each bad entry as one line at its line and column, and keeps the good ones', async () => {
    const { subscribers, lines } = await load(JSON.stringify([
      { email: 'ok@example.org', status: 'active' },
      { email: 'not-an-address', status: 'active' },
      { email: 'x@example.org', status: 'subscribed' },
      { status: 'active' },
      { email: 'y@example.org', status: 'active', name: 'Y' },
      { email: 'z@example.org', status: 'active', topics: ['Civil Liberties'] },
      'w@example.org',
      { email: 'also-ok@example.org', status: 'pending', topics: ['civil-liberties'] },
    ], null, 2));
    expect(subscribers.map((s) => s.email)).toEqual(['ok@example.org', 'also-ok@example.org']);
    expect(lines).toEqual([
      'subscribers.json:7:5: [1].email: must be an email address',
      'subscribers.json:12:5: [2].status: must be active, pending, unsubscribed or suppressed',
      'subscribers.json:14:3: [3].email: is required',
      'subscribers.json:20:5: [4].name: unknown field; allowed fields: email, status, topics',
      'subscribers.json:26:7: [5].topics[0]: must be lower-case letters, digits and single hyphens, e.g. civil-liberties',
      expect.stringMatching(/^subscribers\.json:\d+:\d+: \[6\]: must be a mapping of fields, not string$/),
    ]);
  });

  it.each([
    ['is not JSON', '[{"email": ', /^subscribers\.json:1:12: json: invalid JSON: expected a value/],
    ['is not a list', '{"email": "a@b.org"}', /^subscribers\.json:1:1: file: must be a JSON array/],
  ])('reports a file that %s as one problem, without throwing', async (_, text, line) => {
    const { subscribers, lines } = await load(text);
    expect(subscribers).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(line)]);
  });

  it('reports a missing file as a problem', async () => {
    const { subscribers, problems } = await loadSubscribers(join(dir.path, 'nope.json'));
    expect(subscribers).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ field: 'file', message: expect.stringMatching(/does not exist/) })]);
  });
});

describe('selectAudience', () => {
  it('sends to active addresses once each, ignoring case, and lets any other entry for the address win', () => {
    const audience = selectAudience({
      subscribers: [
        { email: 'Alice@Example.org', status: 'active' },
        { email: 'alice@example.org', status: 'active' },
        { email: 'bob@example.org', status: 'pending' },
        { email: 'carol@example.org', status: 'active' },
        { email: 'CAROL@example.org', status: 'unsubscribed' },
        { email: 'dan@example.org', status: 'active' },
        { email: 'dan@example.org', status: 'suppressed' },
        { email: 'erin@example.org', status: 'suppressed' },
      ],
      blocked: ['bob@example.org', 'carol@example.org', 'dan@example.org', 'erin@example.org'],
    }, []);
    expect(audience).toEqual({ recipients: [{ email: 'alice@example.org', reason: 'all' }], suppressed: 2, notInTopics: 0 });
  });

  it('sends a topic subscriber only an issue with one of their topics, and says why', () => {
    const list = {
      subscribers: [
        { email: 'all@example.org', status: 'active' as const },
        { email: 'specials@example.org', status: 'active' as const, topics: ['specials'] },
        { email: 'dna@example.org', status: 'active' as const, topics: ['civil-liberties', 'specials'] },
        { email: 'other@example.org', status: 'active' as const, topics: ['race-and-faith-inquiry'] },
      ],
      blocked: [],
    };
    const audience = selectAudience(list, ['civil-liberties', 'specials']);
    expect(audience.recipients).toEqual([
      { email: 'all@example.org', reason: 'all' },
      { email: 'specials@example.org', reason: 'topics: specials' },
      { email: 'dna@example.org', reason: 'topics: civil-liberties, specials' },
    ]);
    expect(audience.notInTopics).toBe(1);
  });
});

describe('an invalid entry never lets its address through', () => {
  // Every way an opt-out can be written wrongly: stray white space, wrong case, an extra field, a typo'd status.
  const damage = fc.constantFrom<(email: string) => unknown>(
    (e) => ({ email: ` ${e}`, status: 'unsubscribed' }),
    (e) => ({ email: `${e} `, status: 'suppressed', reason: 'bounced' }),
    (e) => ({ email: e.replace('@', ' @'), status: 'unsubscribed' }),
    (e) => ({ email: e.toUpperCase(), status: 'Unsubscribed' }),
    (e) => ({ email: e, status: 'UNSUBSCRIBED' }),
    (e) => ({ email: e, status: 'unsubscribe' }),
    (e) => ({ email: e, status: 'active', note: 'asked to be removed' }),
    (e) => ({ email: e, status: 'active', topics: ['Not An Id'] }),
    (e) => ({ email: `\u00a0${e}`, status: 'active', unsubscribed: true }),
    (e) => ({ email: e.replace('@', '\u200b@'), status: 'suppressed' }),
    (e) => ({ email: e }),
    (e) => e,
  );

  it('blocks the address, whatever the valid active entry for it says', async () => {
    await fc.assert(fc.asyncProperty(
      fc.emailAddress().filter((e) => !/["\\]/.test(e)), damage, fc.boolean(),
      async (email, damaged, activeFirst) => {
        const entries = [{ email, status: 'active' }, damaged(email)];
        const { subscribers, blocked, problems } = await load(JSON.stringify(activeFirst ? entries : entries.reverse()));
        const audience = selectAudience({ subscribers, blocked }, []);
        expect(problems.length).toBeGreaterThan(0);
        expect(audience.recipients.map((r) => r.email)).not.toContain(email.toLowerCase());
      },
    ), { numRuns: 60 });
  });
});
