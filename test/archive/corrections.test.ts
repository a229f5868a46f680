/** Corrections: a notice on the issue, links to earlier revisions (written when asked, never deleted), a public log. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../core/archive/archive-entry.js';
import { revisionPage } from '../../core/archive/issue-files.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { archiveInput } from './archive-input.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

let sample: SampleArchive;
beforeAll(async () => {
  sample = await sampleArchive();
});

describe('corrections', () => {
  const correction = { revision: 2, date: '2010-08-12', note: 'The panel meets on 14 October, not 7 October.' };
  let out: MemoryArchiveStore;
  let earlier: ArchiveEntry;
  beforeAll(async () => {
    out = new MemoryArchiveStore();
    await writeArchive(archiveInput(sample, out));
    earlier = sample.entries.find((e) => e.issue.month === '2010-08')!;
    const entries = sample.entries.map((e) => (e === earlier ? { ...e, corrections: [correction] } : e));
    const ctx = { templates: sample.templates, publication: sample.config.publication, entries };
    await writeArchive(archiveInput(sample, out, { entries, changed: ['2010-08'], extraPages: [revisionPage(ctx, earlier)] }));
  });

  it('shows the correction near the top of the issue page and links the earlier revision', () => {
    const page = out.text('site/2010/08/index.html');
    expect(page).toContain('<div class="notice notice-correction" role="note"><p><strong>Corrected on <time datetime="2010-08-12">12 August 2010</time>:</strong> The panel meets on 14 October, not 7 October.</p></div>');
    expect(page.indexOf('notice-correction')).toBeLessThan(page.indexOf('id="contents-heading"'));
    expect(page).toContain('<a href="rev-1/index.html">Revision 1 (first published 1 August 2010)</a>');
  });

  it('writes the earlier revision page, which points to the current version', () => {
    const page = out.text('site/2010/08/rev-1/index.html');
    expect(page).toContain('This is revision 1 of this issue');
    expect(page).toContain('href="../index.html"');
    expect(page).toContain('href="../../../assets/site.css"');
    expect(page).not.toContain('notice-correction');
  });

  it('lists the correction in the corrections log and in bulletin.json, with the revision', () => {
    expect(out.text('site/corrections/index.html')).toContain('<time datetime="2010-08-12">12 August 2010</time>: <a href="../2010/08/index.html">');
    const doc = JSON.parse(out.text('site/2010/08/bulletin.json')) as { revision: number; corrections: unknown[] };
    expect(doc.revision).toBe(2);
    expect(doc.corrections).toEqual([correction]);
  });

  it('never deletes: a later write without the revision page leaves it in place', async () => {
    await writeArchive(archiveInput(sample, out, { changed: ['2010-08'] }));
    expect(await out.read('site/2010/08/rev-1/index.html')).toBeDefined();
  });
});


it('lists every correction newest first, on the log and on the issue, with a link per earlier revision', async () => {
  const out = new MemoryArchiveStore();
  const corrections: Record<string, ArchiveEntry['corrections']> = {
    '2010-07': [{ revision: 2, date: '2010-07-20', note: 'First fix.' }],
    '2010-08': [{ revision: 2, date: '2010-08-12', note: 'Second fix.' }, { revision: 3, date: '2010-09-01', note: 'Third fix.' }],
  };
  const entries = sample.entries.map((e) => ({ ...e, ...(corrections[e.issue.month] ? { corrections: corrections[e.issue.month] } : {}) }));
  await writeArchive(archiveInput(sample, out, { entries }));
  const log = out.text('site/corrections/index.html');
  const order = ['Third fix.', 'Second fix.', 'First fix.'].map((n) => log.indexOf(n));
  expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  const august = out.text('site/2010/08/index.html');
  expect(august.indexOf('Third fix.')).toBeLessThan(august.indexOf('Second fix.'));
  expect(august).toContain('href="rev-1/index.html"');
  expect(august).toContain('<a href="rev-2/index.html">Revision 2 (corrected on 12 August 2010)</a>');
  expect(august).not.toContain('rev-3/');
});
