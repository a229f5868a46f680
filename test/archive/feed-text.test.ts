/** Feed text is text: a hostile title or summary never becomes markup in a feed reader; feeds declare their language. */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { writeArchive } from '../../core/archive/write-archive.js';
import { renderAtom, type FeedEntry, type FeedMeta } from '../../core/render/feeds.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive } from './sample-archive.js';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false, parseTagValue: false, isArray: (n) => ['entry', 'link'].includes(n) });
const HOSTILE = ['<script>alert(1)</script>', 'A <b>bold</b> move', 'Fish &amp; chips & peas', 'end of CDATA ]]> here', '"quoted" \'single\' <img src=x onerror=alert(1)>'];

const meta: FeedMeta = {
  id: 'https://example.org/', title: 'Feed <b>title</b>', description: 'About <i>it</i>', homeUrl: 'https://example.org/',
  atomUrl: 'https://example.org/feed.xml', language: 'en-GB', author: { name: 'A & B', url: 'https://example.org/' },
  rights: '© A & B', emptyUpdated: '2010-01-01T00:00:00Z',
};
const entry = (title: string, summary: string): FeedEntry => ({
  id: 'https://example.org/2010/07/', url: 'https://example.org/2010/07/?a=1&b=2', title, summary,
  contentHtml: '<p>Hello <a href="https://example.org/?a=1&amp;b=2">world</a></p>', published: '2010-07-01T09:00:00Z', updated: '2010-07-01T09:00:00Z',
});
const feedOf = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { feed: Node }).feed;
};
const textOf = (n: unknown) => (n as Node)['#text'] ?? '';

it('writes titles and summaries as Atom text constructs that read back exactly, whatever they contain', () => {
  // XML 1.0 cannot carry most C0 controls or lone surrogates; a CR is normalised by XML parsers.
  const xmlText = fc.string({ unit: 'binary' }).map((s) => s.replace(/[\u0000-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ''));
  fc.assert(fc.property(fc.oneof(fc.constantFrom(...HOSTILE), xmlText), xmlText, (title, summary) => {
    const feed = feedOf(renderAtom(meta, [entry(title, summary)]));
    const [e] = feed.entry as Node[];
    expect(e!.title).toEqual(title === '' ? { '@type': 'text' } : { '#text': title, '@type': 'text' });
    if (summary) expect(e!.summary).toEqual({ '#text': summary, '@type': 'text' });
  }));
});

it('keeps content as escaped HTML, declares xml:lang and escapes feed-level text', () => {
  const xml = renderAtom(meta, [entry(HOSTILE[0]!, HOSTILE[1]!)]);
  expect(xml).not.toContain('<script>');
  expect(xml).not.toContain('CDATA');
  const feed = feedOf(xml);
  expect(feed['@xml:lang']).toBe('en-GB');
  expect(feed.title).toEqual({ '#text': 'Feed <b>title</b>', '@type': 'text' });
  expect(textOf(feed.subtitle)).toBe('About <i>it</i>');
  const [e] = feed.entry as Node[];
  expect((e!.content as Node)['@type']).toBe('html');
  expect(textOf(e!.content)).toBe('<p>Hello <a href="https://example.org/?a=1&amp;b=2">world</a></p>');
  expect((e!.link as Node[])[0]!['@href']).toBe('https://example.org/2010/07/?a=1&b=2');
});

it('drops characters XML cannot carry instead of writing an unreadable feed', () => {
  const feed = feedOf(renderAtom(meta, [entry('Bell\u0007 and escape\u001b[31m', 'lone \uD800 surrogate')]));
  const [e] = feed.entry as Node[];
  expect(textOf(e!.title)).toBe('Bell and escape[31m');
  expect(textOf(e!.summary)).toBe('lone  surrogate');
});

it('carries a hostile issue title, section title and summary through the archive feeds as text', async () => {
  const sample = await sampleArchive();
  const [july] = sample.entries;
  const issue = { ...july!.issue, title: HOSTILE[0]!, sections: july!.issue.sections.map((s, i) => ({ ...s, title: HOSTILE[1]!, summary: HOSTILE[i % HOSTILE.length]! })) };
  const out = new MemoryArchiveStore();
  await writeArchive({ out, templates: sample.templates, assets: {}, publication: sample.config.publication, workstreams: sample.config.workstreams, entries: [{ issue }] });
  for (const key of ['site/feed.xml', 'site/workstreams/specials/feed.xml']) {
    const xml = out.text(key);
    expect(xml).not.toMatch(/<(script|b|img)\b/);
    const feed = feedOf(xml);
    expect(feed['@xml:lang']).toBe('en-GB');
    for (const e of feed.entry as Node[]) {
      expect((e.title as Node)['@type']).toBe('text');
      expect((e.summary as Node)['@type']).toBe('text');
      expect(String(textOf(e.title))).toContain(key === 'site/feed.xml' ? HOSTILE[0] : HOSTILE[1]);
    }
  }
  expect((JSON.parse(out.text('site/feed.json')) as { items: Node[] }).items[0]!.title).toBe(HOSTILE[0]);
});
