/** The feeds parse as XML/JSON and carry what Atom (RFC 4287) and JSON Feed 1.1 require. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEED_ENTRIES } from '../../core/archive/site-feeds.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { addMonths } from '../../core/render/format.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive } from './sample-archive.js';
import { writtenSample } from './site-written.js';

let out: MemoryArchiveStore;
beforeAll(async () => {
  ({ out } = await writtenSample());
});

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const text = (v: unknown) => (typeof v === 'object' && v !== null ? String((v as Node)['#text']) : String(v));

function atom(key: string): Node {
  const xml = out.text(key);
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = (parser.parse(xml) as { feed: Node }).feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  return feed;
}

describe.each(['site/feed.xml', 'site/workstreams/civil-liberties/feed.xml', 'site/workstreams/specials/feed.xml'])('%s', (key) => {
  it('is Atom with the required feed elements, self link absolute', () => {
    const feed = atom(key);
    expect(String(feed.id)).toMatch(/^https:\/\/metforward\.example\.org\//);
    expect(text(feed.title)).not.toBe('');
    expect(String(feed.updated)).toMatch(RFC3339);
    expect((feed.author as Node).name).toBe('Metropolitan Police Authority');
    const self = (feed.link as Node[]).find((l) => l['@rel'] === 'self')!;
    expect(self['@href']).toBe(`https://metforward.example.org/${key.slice('site/'.length)}`);
  });

  it('gives every entry an id, title, updated, absolute link and content, dated from the content', () => {
    const feed = atom(key);
    const entries = feed.entry as Node[];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(String(e.id)).toMatch(/^https:\/\/metforward\.example\.org\/2010\/\d\d\//);
      expect(text(e.title)).not.toBe('');
      expect(String(e.updated)).toMatch(/^2010-\d\d-\d\dT09:00:00\.000Z$/);
      expect((e.link as Node[])[0]!['@href']).toBe(e.id);
      expect(text(e.content).length).toBeGreaterThan(50);
    }
    expect(feed.updated).toBe(entries.map((e) => String(e.updated)).sort().at(-1));
  });
});

it('lists every issue newest first, a correction moving its entry\'s updated date', () => {
  const entries = atom('site/feed.xml').entry as Node[];
  expect(entries.map((e) => e.id)).toEqual(['10', '09', '08', '07'].map((m) => `https://metforward.example.org/2010/${m}/`));
  const august = entries[2]!;
  expect([august.published, august.updated]).toEqual(['2010-08-01T09:00:00.000Z', '2010-08-12T09:00:00.000Z']);
  expect(text(august.content)).toContain('Corrected on 12 August 2010:</strong> The panel meets on 14 October');
  expect(text(entries[0]!.title)).toMatch(/^Draft: /);
});

it('is mirrored by a JSON Feed 1.1 with the required item fields', () => {
  const feed = JSON.parse(out.text('site/feed.json')) as Node & { items: Node[] };
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(feed.title).toBe('Met Forward: Monthly progress bulletin');
  expect(feed.feed_url).toBe('https://metforward.example.org/feed.json');
  expect(feed.home_page_url).toBe('https://metforward.example.org/');
  expect(feed.items).toHaveLength(4);
  for (const item of feed.items) {
    expect(item.id).toBe(item.url);
    expect(String(item.content_html)).toContain('<h2>');
    expect(String(item.date_published)).toMatch(RFC3339);
  }
  expect(feed.items[2]!.date_modified).toBe('2010-08-12T09:00:00Z');
});

it('is advertised in every page head', async () => {
  for (const key of (await out.list('site/')).filter((k) => k.endsWith('.html'))) {
    expect(out.text(key), key).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="Met Forward \(Atom\)" href="[./]*feed\.xml">/);
    expect(out.text(key), key).toContain('type="application/feed+json"');
  }
  expect(out.text('site/workstreams/specials/index.html')).toContain('<link rel="alternate" type="application/atom+xml" title="Specials and Volunteers (Atom)" href="feed.xml">');
});

it(`carries the newest ${FEED_ENTRIES} issues, so a feed does not grow with the archive`, async () => {
  const sample = await sampleArchive();
  const july = sample.entries[0]!.issue;
  const entries = Array.from({ length: FEED_ENTRIES + 6 }, (_, i) => {
    const month = addMonths('2008-01', i);
    return { issue: { ...july, month, path: month.replace('-', '/'), url: `https://metforward.example.org/${month.replace('-', '/')}/` } };
  });
  const store = new MemoryArchiveStore();
  await writeArchive({ out: store, templates: sample.templates, assets: {}, publication: sample.config.publication, workstreams: sample.config.workstreams, entries });
  const ids = (parser.parse(store.text('site/feed.xml')) as { feed: { entry: Node[] } }).feed.entry.map((e) => e.id);
  expect(ids).toHaveLength(FEED_ENTRIES);
  expect(ids[0]).toBe('https://metforward.example.org/2010/06/');
  expect((JSON.parse(store.text('site/feed.json')) as { items: unknown[] }).items).toHaveLength(FEED_ENTRIES);
  const specials = (parser.parse(store.text('site/workstreams/specials/feed.xml')) as { feed: { entry: Node[] } }).feed.entry;
  expect(specials).toHaveLength(FEED_ENTRIES);
});
