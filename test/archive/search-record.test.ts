/**
 * Search records: the indexed region of a page, exactly — whatever nests
 * inside it — and a `--month` build feeds Pagefind the stored records of
 * unchanged months (a marker planted in one reaches the indexer), rendering
 * only a month that has none and keeping its record for next time.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { searchRecord, searchRecordKey } from '../../core/archive/search-record.js';
import type { SearchDocument, SearchIndexer } from '../../core/archive/search-index.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { archiveInput } from './archive-input.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

let sample: SampleArchive;
beforeAll(async () => {
  sample = await sampleArchive();
});

const textChunk = fc.stringMatching(/^[a-z .,]{0,12}$/);
// Markup that may sit inside the region: text, nested same-name elements, other elements.
const inner: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    textChunk,
    fc.tuple(fc.constantFrom('article', 'section', 'p', 'div'), fc.array(tie('node'), { maxLength: 3 })).map(([t, kids]) => `<${t} class="x">${kids.join('')}</${t}>`),
  ),
})).node;

it('keeps exactly the data-pagefind-body region, nested elements of its own name included', () => {
  fc.assert(
    fc.property(fc.constantFrom('article', 'main', 'div'), fc.array(inner, { maxLength: 4 }), textChunk, textChunk, (tag, kids, before, after) => {
      const region = `<${tag} class="bulletin" data-pagefind-body>${kids.join('')}</${tag}>`;
      const page = `<!DOCTYPE html>\n<html lang="cy"><head><title>t</title></head><body><header><${tag}>${before}</${tag}></header>${region}<footer><${tag}>${after}</${tag}></footer></body></html>`;
      expect(searchRecord(page)).toBe(`<!DOCTYPE html><html lang="cy"><head><meta charset="utf-8"></head><body>${region}</body></html>`);
    }),
  );
});

it('keeps a page without an indexed region (or an unclosed one) whole', () => {
  expect(searchRecord('<html><body><p>all of it</p></body></html>')).toBe('<html><body><p>all of it</p></body></html>');
  expect(searchRecord('<html><body><div data-pagefind-body><p>cut')).toBe('<html><body><div data-pagefind-body><p>cut');
});

function recordingIndexer(seen: SearchDocument[][]): SearchIndexer {
  return { index: async (lists) => lists.map((documents) => (seen.push([...documents]), [{ path: 'pagefind-entry.json', bytes: new TextEncoder().encode('{}') }])) };
}

it('feeds unchanged months from their stored records, and renders only a month that has none', async () => {
  // Arrange: a written archive; July's record carries a marker, August's record is gone (an older output).
  const out = new MemoryArchiveStore();
  await writeArchive(archiveInput(sample, out));
  const marked = out.text(searchRecordKey('2010-07')).replace('</body>', '<p>planted marker</p></body>');
  out.files.set(searchRecordKey('2010-07'), new TextEncoder().encode(marked));
  out.files.delete(searchRecordKey('2010-08'));
  const seen: SearchDocument[][] = [];
  // Act
  await writeArchive(archiveInput(sample, out, { searchIndexer: recordingIndexer(seen), changed: ['2010-10'] }));
  // Assert
  const byPath = new Map(seen[0]!.map((d) => [d.path, d.html]));
  expect(byPath.get('2010/07/index.html')).toBe(marked);
  expect(byPath.get('2010/08/index.html')).toBe(searchRecord(out.text('site/2010/08/index.html')));
  expect(out.text(searchRecordKey('2010-08'))).toBe(byPath.get('2010/08/index.html'));
});
