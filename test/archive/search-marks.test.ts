/**
 * The search index's trust in its own stamps. A `--month` build does not
 * read the pages of a year whose bundle stamp is unmarked and lists the same
 * pages: every change of a page's search record marks its year stale first,
 * so such a stamp still describes the records. Shown here: an unmarked year
 * is not read; a marked one is read and re-indexed only if its records
 * changed; a page added to a year is noticed; a whole build checks every
 * year, bundle bytes included; and a record changed by a build without an
 * indexer (or one that stopped before indexing) reaches the next build's
 * index even when that build changes another month.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { markSearchStale, searchStampKey, writeSearchIndex, type IndexedPage, type SearchDocument, type SearchIndexer } from '../../core/archive/search-index.js';
import { searchRecordKey } from '../../core/archive/search-record.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { archiveInput } from './archive-input.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

/** An indexer whose bundle is a pure function of its documents (as Pagefind's is), recording what it was given. */
function fakeIndexer(): SearchIndexer & { seen: SearchDocument[][] } {
  const seen: SearchDocument[][] = [];
  return {
    edition: 'fake-indexer@1',
    seen,
    async index(lists) {
      return lists.map((docs) => {
        seen.push([...docs]);
        const digest = createHash('sha256').update(JSON.stringify(docs)).digest('hex');
        return [
          { path: `index/en_${digest.slice(0, 8)}.pf_index`, bytes: new TextEncoder().encode(digest) },
          { path: 'pagefind-entry.json', bytes: new TextEncoder().encode(JSON.stringify({ index: digest.slice(0, 8) })) },
        ];
      });
    },
  };
}

/** Pages whose HTML is read lazily, counting each read by path. */
function pages(texts: Record<string, string>, reads: string[]): IndexedPage[] {
  return Object.entries(texts).map(([path, html]) => ({ path, html: async () => (reads.push(path), html) }));
}

const YEARS = { '2009/12/index.html': '<p>december</p>', '2010/01/index.html': '<p>january</p>', '2010/02/index.html': '<p>february</p>' };

describe('writeSearchIndex with trustMarks', () => {
  it('reads no page of an unmarked year, and checks a marked one', async () => {
    const out = new MemoryArchiveStore();
    const indexer = fakeIndexer();
    const reads: string[] = [];
    await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en');
    expect(indexer.seen.map((d) => d.map((x) => x.path))).toEqual([['2009/12/index.html'], ['2010/01/index.html', '2010/02/index.html']]);

    reads.length = 0;
    expect(await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en', { trustMarks: true })).toEqual([]);
    expect(reads).toEqual([]);
    expect(indexer.seen).toHaveLength(2);

    // Marked, with the same records: read, not indexed again, and the mark cleared.
    expect(await markSearchStale(out, ['2010/02/index.html'])).toEqual([searchStampKey('2010')]);
    expect(await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en', { trustMarks: true })).toEqual([searchStampKey('2010')]);
    expect(reads).toEqual(['2010/01/index.html', '2010/02/index.html']);
    expect(indexer.seen).toHaveLength(2);
    reads.length = 0;
    await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en', { trustMarks: true });
    expect(reads).toEqual([]);

    // Marked, with a changed record: that year alone is indexed again, from the new text.
    await markSearchStale(out, ['2010/02/index.html']);
    await writeSearchIndex(out, indexer, pages({ ...YEARS, '2010/02/index.html': '<p>february, edited</p>' }, reads), 'en', { trustMarks: true });
    expect(indexer.seen).toHaveLength(3);
    expect(indexer.seen[2]!.map((d) => d.html)).toEqual(['<p>january</p>', '<p>february, edited</p>']);
  });

  it('notices a page added to a year, and a whole build checks every year down to the bundle bytes', async () => {
    const out = new MemoryArchiveStore();
    const indexer = fakeIndexer();
    const reads: string[] = [];
    await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en');
    await writeSearchIndex(out, indexer, pages({ ...YEARS, '2009/11/index.html': '<p>november</p>' }, reads), 'en', { trustMarks: true });
    expect(indexer.seen.at(-1)!.map((d) => d.path)).toEqual(['2009/12/index.html', '2009/11/index.html']);

    // A bundle file damaged behind the build's back: a whole build (no trustMarks) reads it, and makes the bundle again.
    const entry = 'site/pagefind/2010/pagefind-entry.json';
    out.files.set(entry, new TextEncoder().encode('{"damaged":true}'));
    reads.length = 0;
    const seenBefore = indexer.seen.length;
    await writeSearchIndex(out, indexer, pages(YEARS, reads), 'en');
    expect(reads.sort()).toEqual(['2009/12/index.html', '2010/01/index.html', '2010/02/index.html']);
    expect(indexer.seen.slice(seenBefore).map((d) => d[0]!.path)).toEqual(['2009/12/index.html', '2010/01/index.html']);
    expect(out.text(entry)).not.toContain('damaged');
  });
});

describe('writeArchive', () => {
  let sample: SampleArchive;
  beforeAll(async () => {
    sample = await sampleArchive();
  });

  it('indexes a record changed by a build without an indexer, when the next build changes another month', async () => {
    const out = new MemoryArchiveStore();
    const indexer = fakeIndexer();
    await writeArchive(archiveInput(sample, out, { searchIndexer: indexer }));
    expect(indexer.seen).toHaveLength(1);
    // September's title changes in a build that writes no search index (as publish on AWS does).
    const edited = sample.entries.map((e) => (e.issue.month === '2010-09' ? { ...e, issue: { ...e.issue, title: 'Quillwort edition' } } : e));
    await writeArchive(archiveInput(sample, out, { entries: edited, changed: ['2010-09'] }));
    expect(out.text(searchRecordKey('2010-09'))).toContain('Quillwort edition');
    expect(out.text(searchStampKey('2010'))).toContain('"stale":true');
    // A build of July alone, with an indexer: 2010's bundle is made again, from September's new record.
    await writeArchive(archiveInput(sample, out, { entries: edited, changed: ['2010-07'], searchIndexer: indexer }));
    expect(indexer.seen).toHaveLength(2);
    expect(indexer.seen[1]!.find((d) => d.path === '2010/09/index.html')!.html).toContain('Quillwort edition');
    expect(out.text(searchStampKey('2010'))).not.toContain('stale');
    // And the build after that, with nothing changed, reads no record and indexes nothing.
    const before = indexer.seen.length;
    expect((await writeArchive(archiveInput(sample, out, { entries: edited, changed: ['2010-07'], searchIndexer: indexer }))).written).toEqual([]);
    expect(indexer.seen).toHaveLength(before);
  });
});
