/**
 * planInvalidNotices on the sample config: whatever a file's name or its
 * problems say, the subject and the recipient come from the config alone,
 * the body names the file and every problem on one printable line each,
 * and the ledger key changes with the version and only with it.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { loadConfig, type SiteConfig } from '../../core/content/load-content.js';
import { planInvalidNotices } from '../../core/ingest/invalid-notice.js';
import { EditedContent } from '../publish/edited-content.js';

let config: SiteConfig;
beforeAll(async () => {
  config = (await loadConfig(new EditedContent())).config!;
});

const authorText = fc.string({ unit: 'binary', maxLength: 40 });
const problem = fc.record({ line: fc.integer({ min: 1, max: 99 }), col: fc.integer({ min: 1, max: 99 }), field: authorText, message: authorText });

it('builds subjects and recipients from trusted config values only, for any file name and problem text', () => {
  const lead = config.publication.contact.email!;
  const subjects = new Set([
    ...config.workstreams.map((w) => `Your ${w.title} update for ${config.publication.name} July 2010 has problems`),
    `The ${config.publication.name} July 2010 issue manifest has problems`,
    `An update file for ${config.publication.name} July 2010 has problems`,
  ]);
  const name = fc.oneof(fc.constantFrom(...config.workstreams.map((w) => w.id)), authorText.filter((s) => !s.includes('/')));
  fc.assert(fc.property(name, fc.constantFrom('md', 'json'), fc.boolean(), fc.array(problem, { minLength: 1, maxLength: 4 }), (base, ext, manifest, problems) => {
    const path = manifest ? 'issues/2010-07/issue.md' : `updates/2010-07/${base}.${ext}`;
    const [notice] = planInvalidNotices(config, '2010-07', [{ path, version: 'v:1', problems: problems.map((p) => ({ ...p, path })) }]);
    expect(subjects.has(notice!.subject)).toBe(true);
    expect([lead, ...config.workstreams.map((w) => w.owner)]).toContain(notice!.to);
    const lines = notice!.text.split('\n');
    // Every problem is its own line; nothing in the body can start a new line or hide characters.
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(problems.length);
    for (const l of lines) expect(l).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  }));
});

it('keys each notice by file and version: a new version is a new key, a repeat is the same key', () => {
  const p = { path: 'updates/2010-07/specials.md', line: 2, col: 1, field: 'x', message: 'bad' };
  const key = (version: string) => planInvalidNotices(config, '2010-07', [{ path: p.path, version, problems: [p] }])[0]!.key;
  expect(key('v:1')).toBe(key('v:1'));
  expect(key('v:2')).not.toBe(key('v:1'));
  expect(planInvalidNotices(config, '2010-07', [{ path: p.path, version: 'v:1', problems: [] }])).toEqual([]);
});
