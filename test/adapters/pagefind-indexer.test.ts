/**
 * The Pagefind adapter hands Pagefind every page at once (its service parses
 * them in parallel), so its output must still be what the same pages given
 * one at a time make, byte for byte, on every run: the byte-identical build
 * and writeSearchIndex's skip of an index it has made before rely on it.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { PagefindIndexer } from '../../adapters/pagefind-indexer.js';
import type { SearchBundleFile, SearchDocument } from '../../core/archive/search-index.js';

const WORDS = ['policing', 'London', 'Safer', 'Neighbourhoods', 'budget', 'Südwark', 'victims', 'recruitment', 'stop', 'search', 'inquiry', 'race', 'faith', 'Ελληνικά'];

const docsOf = (n: number): SearchDocument[] =>
  Array.from({ length: n }, (_, i) => ({
    path: `${2000 + Math.floor(i / 12)}/${String((i % 12) + 1).padStart(2, '0')}/`,
    html: `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"></head><body><main data-pagefind-body><h1>Issue ${i}</h1>${Array.from({ length: 8 }, (_, p) => `<h2 id="s${p}">Section ${p}</h2><p>${Array.from({ length: 30 }, (_, w) => `${WORDS[(i * 7 + p * 3 + w) % WORDS.length]}${w % 9 === 0 ? i : ''}`).join(' ')}</p>`).join('')}</main></body></html>`,
  }));

const digest = (files: SearchBundleFile[]) => {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) hash.update(`${f.path}\0`).update(f.bytes);
  return hash.digest('hex');
};

it('makes the same bundle from the same pages, however Pagefind schedules them', async () => {
  // All pages are handed over at once; the bundle must still be the one pages given one by one make.
  const docs = docsOf(60);
  const oneByOne = new PagefindIndexer();
  const sequential = digest((await oneByOne.index([docs], 'en-GB', { oneAtATime: true }))[0]!);
  for (let run = 0; run < 4; run++) expect(digest((await new PagefindIndexer().index([docs], 'en-GB'))[0]!)).toBe(sequential);
  // Order is part of the input (so the archive always passes pages in month order): the comparison can fail.
  expect(digest((await oneByOne.index([[...docs].reverse()], 'en-GB'))[0]!)).not.toBe(sequential);
}, 120_000);

it('names itself and its version, for the stored bundle to be trusted only by the same Pagefind', () => {
  expect(new PagefindIndexer().edition).toMatch(/^pagefind@\d+\.\d+\.\d+/);
});

it('makes several bundles in one Pagefind process, each the bundle its pages make alone', async () => {
  const [a, b] = [docsOf(12), docsOf(24).slice(12)];
  const together = await new PagefindIndexer().index([a, b], 'en-GB');
  expect(together.map(digest)).toEqual([digest((await new PagefindIndexer().index([a], 'en-GB'))[0]!), digest((await new PagefindIndexer().index([b], 'en-GB'))[0]!)]);
  expect(digest(together[0]!)).not.toBe(digest(together[1]!));
}, 120_000);
