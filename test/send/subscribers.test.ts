import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSubscribers } from '../../adapters/file-subscribers.js';
import { formatProblem } from '../../core/content/problem.js';
import { selectRecipients } from '../../core/send/select-recipients.js';
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
    const { subscribers, problems } = await loadSubscribers(join(CONTENT_DIR, 'subscribers.json'));
    expect(problems).toEqual([]);
    expect(selectRecipients(subscribers).map((r) => r.email)).toEqual(['alice.active@example.org', 'bob.active@example.org', 'chandra.active@example.org']);
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

describe('selectRecipients', () => {
  it('sends to active addresses once each, ignoring case, and lets an opt-out win over a duplicate', () => {
    const recipients = selectRecipients([
      { email: 'Alice@Example.org', status: 'active' },
      { email: 'alice@example.org', status: 'active' },
      { email: 'bob@example.org', status: 'pending' },
      { email: 'carol@example.org', status: 'active' },
      { email: 'CAROL@example.org', status: 'unsubscribed' },
      { email: 'dan@example.org', status: 'active' },
      { email: 'dan@example.org', status: 'suppressed' },
      { email: 'erin@example.org', status: 'suppressed' },
    ]);
    expect(recipients).toEqual([
      { email: 'alice@example.org' },
      { email: 'carol@example.org', suppressed: true },
      { email: 'dan@example.org', suppressed: true },
    ]);
  });
});
