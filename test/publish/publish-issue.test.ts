/**
 * `publishIssue` at the core: the sample content (with per-test edits laid
 * over it in memory), an in-memory archive and a fake clock. The rules the
 * CLI tests see from outside, checked one by one: refuse rather than
 * overwrite, same content is a no-op, a correction is a new revision, and a
 * racing publisher cannot write the same revision twice.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { publishIssue, type PublishInput } from '../../core/publish/publish-issue.js';
import { issueHash, RecordExistsError, type PublishedRecord } from '../../core/publish/records.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { MemoryArchiveStore } from '../archive/memory-archive-store.js';
import { fakeTime } from '../send/support.js';
import { EditedContent } from './edited-content.js';
import { SPECIALS_SENTENCE } from './support.js';

const SPECIALS = 'updates/2010-07/specials.md';
let templates: Templates;
let assets: Record<string, string>;

beforeAll(async () => {
  templates = compileTemplates(await readTemplateFiles());
  assets = await readAssets();
});

function setUp() {
  const content = new EditedContent();
  const archive = new MemoryArchiveStore();
  const time = fakeTime(Date.parse('2010-08-05T08:00:00Z'));
  const publish = (extra: Partial<PublishInput> = {}) => publishIssue({ content, archive, templates, assets, clock: time, month: '2010-07', ...extra });
  const record = (revision: number) => JSON.parse(archive.text(`records/2010-07/rev-${revision}.json`)) as PublishedRecord;
  return { content, archive, time, publish, record };
}

describe('publishIssue', () => {
  it('refuses an unapproved month with the reason, and writes nothing at all', async () => {
    // Arrange
    const { archive, publish } = setUp();

    // Act
    const outcome = await publish({ month: '2010-10' });

    // Assert
    expect(outcome).toEqual({ kind: 'refused', reasons: ['issues/2010-10/issue.md: status: is "draft"; set "status: approved" to publish'] });
    expect(archive.attempts).toEqual([]);
  });

  it('publishes revision 1 as a record (clock time, content hash) before the archive pages', async () => {
    // Arrange
    const { archive, publish, record } = setUp();

    // Act
    const outcome = await publish();

    // Assert
    expect(outcome.kind).toBe('published');
    const rev1 = record(1);
    expect(rev1).toMatchObject({ month: '2010-07', revision: 1, publishedAt: '2010-08-05T08:00:00.000Z' });
    expect(rev1.note).toBeUndefined();
    expect(rev1.hash).toBe(issueHash(rev1.issue));
    expect(archive.text('site/2010/07/index.html')).toContain(SPECIALS_SENTENCE);
    expect(outcome.kind !== 'refused' && outcome.written).toContain('site/2010/07/index.html');
  });

  it('publishing the same content again is "unchanged": no new record, nothing rewritten', async () => {
    // Arrange
    const { archive, publish, time } = setUp();
    await publish();
    const before = new Map(archive.files);
    time.ms += 86_400_000;

    // Act
    const outcome = await publish();

    // Assert
    expect(outcome).toMatchObject({ kind: 'unchanged', record: { revision: 1 }, written: [] });
    expect(archive.files).toEqual(before);
  });

  it('refuses changed content, pointing to a correction, and leaves the record and page as published', async () => {
    // Arrange
    const { archive, content, publish } = setUp();
    await publish();
    const before = new Map(archive.files);
    await content.replace(SPECIALS, 'a crucial role', 'a vital role');

    // Act
    const outcome = await publish();

    // Assert
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.reasons).toEqual([expect.stringMatching(/^2010-07: the content has changed since revision 1, published 5 August 2010; .*bulletin correct --month 2010-07 --note/)]);
    expect(archive.files).toEqual(before);
  });

  it('a correction is revision 2 with its note; revision 1 keeps its record and gets its own page', async () => {
    // Arrange
    const { archive, content, publish, record, time } = setUp();
    await publish();
    const rev1 = archive.text('records/2010-07/rev-1.json');
    await content.replace(SPECIALS, 'a crucial role', 'a vital role');
    time.ms = Date.parse('2010-08-20T10:00:00Z');

    // Act
    const outcome = await publish({ correction: { note: 'Fixed a word.' } });

    // Assert
    expect(outcome).toMatchObject({ kind: 'corrected', record: { revision: 2, note: 'Fixed a word.' }, previous: { revision: 1 } });
    expect(record(2)).toMatchObject({ revision: 2, note: 'Fixed a word.', publishedAt: '2010-08-20T10:00:00.000Z' });
    expect(archive.text('records/2010-07/rev-1.json')).toBe(rev1);
    expect(archive.text('site/2010/07/rev-1/index.html')).toContain(SPECIALS_SENTENCE);
    expect(archive.text('site/2010/07/index.html')).toContain('Fixed a word.');
    expect(archive.text('site/2010/07/index.html')).not.toContain(SPECIALS_SENTENCE);
  });

  it('a correction with nothing changed is refused; with resume, it returns the latest correction unchanged', async () => {
    // Arrange
    const { archive, content, publish } = setUp();
    await publish();
    await content.replace(SPECIALS, 'a crucial role', 'a vital role');
    await publish({ correction: { note: 'Fixed a word.' } });
    const before = new Map(archive.files);

    // Act
    const plain = await publish({ correction: { note: 'Again?' } });
    const resumed = await publish({ correction: { note: 'Fixed a word.', resume: true } });

    // Assert
    expect(plain).toEqual({ kind: 'refused', reasons: [expect.stringMatching(/^2010-07: nothing to correct — the content is the same as revision 2/)] });
    expect(resumed).toMatchObject({ kind: 'unchanged', record: { revision: 2, note: 'Fixed a word.' }, written: [] });
    expect(archive.files).toEqual(before);
  });

  it('resume never turns an uncorrected issue into a correction: nothing to correct', async () => {
    // Arrange
    const { publish } = setUp();
    await publish();

    // Act
    const outcome = await publish({ correction: { note: 'No change.', resume: true } });

    // Assert
    expect(outcome).toEqual({ kind: 'refused', reasons: [expect.stringMatching(/nothing to correct — the content is the same as revision 1/)] });
  });

  it('refuses to correct a month that was never published', async () => {
    // Arrange
    const { archive, publish } = setUp();

    // Act
    const outcome = await publish({ correction: { note: 'Too early.' } });

    // Assert
    expect(outcome).toEqual({ kind: 'refused', reasons: ['2010-07 has not been published yet; publish it first with: bulletin publish --month 2010-07'] });
    expect(archive.attempts).toEqual([]);
  });

  it('a missing required workstream blocks the month until the manifest skips it', async () => {
    // Arrange
    const { content, publish } = setUp();
    content.edits.set(SPECIALS, undefined);

    // Act
    const refused = await publish();
    content.edits.set('issues/2010-07/issue.md', '---\nstatus: approved\nskip:\n  - specials\n---\n');
    const published = await publish();

    // Assert
    expect(refused).toEqual({ kind: 'refused', reasons: [expect.stringMatching(/^updates\/2010-07\/specials\.md: file: required workstream "Specials and Volunteers" has no valid update/)] });
    expect(published.kind).toBe('published');
    expect(published.kind === 'published' && published.record.issue.sections.map((s) => s.workstream)).not.toContain('specials');
  });

  it('two publishers racing: the one that loses the create throws RecordExistsError instead of overwriting', async () => {
    // Arrange: another publisher creates revision 1 after this one listed the records.
    const { archive, publish } = setUp();
    await archive.create('records/2010-07/rev-1.json', '{"written":"by the other publisher"}\n');
    const racing = Object.assign(Object.create(archive) as MemoryArchiveStore, { list: async () => [] });

    // Act
    const outcome = publish({ archive: racing });

    // Assert
    await expect(outcome).rejects.toBeInstanceOf(RecordExistsError);
    await expect(outcome).rejects.toMatchObject({ code: 'RECORD_EXISTS' });
    expect(archive.text('records/2010-07/rev-1.json')).toBe('{"written":"by the other publisher"}\n');
  });
});
