/** writeArchive: every page of the site from the sample archive, joined up; archived banner; subscribe variants; search bundle. */
import { searchRecord, searchRecordKey } from '../../core/archive/search-record.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchIndexer } from '../../core/archive/search-index.js';
import { writeArchive, type WriteArchiveInput } from '../../core/archive/write-archive.js';
import type { Publication } from '../../core/content/schema.js';
import { archiveInput, attrs } from './archive-input.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

let sample: SampleArchive;
beforeAll(async () => {
  sample = await sampleArchive();
});

const input = (out: MemoryArchiveStore, over: Partial<WriteArchiveInput> = {}, publication: Partial<Publication> = {}) => archiveInput(sample, out, over, publication);

describe('a full write', () => {
  let out: MemoryArchiveStore;
  beforeAll(async () => {
    out = new MemoryArchiveStore();
    await writeArchive(input(out));
  });

  it('writes every page and file of the site', async () => {
    const keys = await out.list('site/');
    for (const path of ['index.html', '2010/07/index.html', '2010/07/bulletin.json', '2010/07/dates.ics', 'dates.ics', 'feed.xml', 'feed.json',
      'workstreams/index.html', 'workstreams/specials/index.html', 'workstreams/specials/feed.xml', 'sitemap.xml', 'robots.txt', '404.html',
      'search/index.html', 'accessibility/index.html', 'subscribe/index.html', 'corrections/index.html', 'assets/site.css', 'assets/print.css', 'assets/search.js']) {
      expect(keys).toContain(`site/${path}`);
    }
  });

  it('puts the latest issue first with its contents, then every issue by year, newest first', () => {
    const home = out.text('site/index.html');
    expect(home.indexOf('Latest issue: October 2010')).toBeGreaterThan(0);
    expect(home).toContain('href="2010/10/index.html#civil-liberties"');
    expect(home).toContain('id="year-2010"');
    const order = ['October', 'September', 'August', 'July'].map((m) => home.lastIndexOf(`(${m} 2010)</a>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('joins each issue page to the site: breadcrumbs, previous/next, histories, share, feedback, print', () => {
    const page = out.text('site/2010/08/index.html');
    expect(page).toContain('href="../../index.html#year-2010"');
    expect(page).toContain('href="../../2010/07/index.html" rel="prev">Previous issue: July 2010');
    expect(page).toContain('href="../../2010/09/index.html" rel="next">Next issue: September 2010');
    expect(page).toContain('href="../../workstreams/civil-liberties/index.html"');
    expect(attrs(page)).toMatch(/href="mailto:\?subject=[^"]+&body=https%3A%2F%2Fmetforward\.example\.org%2F2010%2F08%2F">Send an e-mail linking to this page/);
    expect(attrs(page)).toContain('href="mailto:metforward@mpa.gov.uk?subject=Feedback');
    expect(page).toContain('media="print"');
    expect(page).toContain('Print or save as PDF');
    expect(page).toContain('data-pagefind-body');
    expect(page).toContain('type="application/atom+xml"');
    // The sample's publisher was replaced on 16 January 2012 (content/config/publication.yaml): every 2010 issue is archived material.
    expect(page).toContain('notice-archived');
  });

  it('marks drafts as drafts and keeps them out of the sitemap', () => {
    expect(out.text('site/2010/10/index.html')).toContain('Draft preview');
    expect(out.text('site/2010/10/index.html')).toContain('<meta name="robots" content="noindex">');
    expect(out.text('site/sitemap.xml')).not.toContain('/2010/10/');
    expect(out.text('site/sitemap.xml')).toContain('<loc>https://metforward.example.org/2010/09/</loc>');
  });

  it('points robots.txt at the sitemap, and the 404 page at the site root whatever the depth', () => {
    expect(out.text('site/robots.txt')).toContain('Sitemap: https://metforward.example.org/sitemap.xml');
    expect(out.text('site/404.html')).toContain('href="/assets/site.css"');
  });

  it('says how to subscribe by email when no subscribe URL is configured, and shows no form', () => {
    const page = out.text('site/subscribe/index.html');
    expect(page).not.toContain('<form');
    expect(attrs(page)).toContain('href="mailto:metforward@mpa.gov.uk?subject=Subscribe');
  });

  it('dates the accessibility statement from the config, not the clock', () => {
    expect(out.text('site/accessibility/index.html')).toContain('prepared on <time datetime="2010-10-05">5 October 2010</time>');
    expect(out.text('site/corrections/index.html')).toContain('No published issue has been corrected.');
  });
});

describe('the archived-material warning, decided by when the publisher was replaced', () => {
  const replacedBy = { on: '2010-09-01', name: 'Mayor\'s Office for Policing and Crime', shortName: 'MOPC', url: 'https://mopc.example.org/' };
  const SEED = 'Warning: This is archived material and may be out of date. The Metropolitan Police Authority has been replaced by the Mayor\'s Office for Policing and Crime (MOPC). See the MOPC website for further information.';
  const visible = (html: string) => /<div class="notice notice-archived"[\s\S]*?<\/div>/.exec(html)?.[0].replace(/<[^>]*>/g, '').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

  it('shows the seed\'s wording, the successor\'s website linked, on every issue dated before that day, and on no later one', async () => {
    const out = new MemoryArchiveStore();
    await writeArchive(input(out, {}, { replacedBy }));
    for (const m of ['07', '08']) {
      const page = out.text(`site/2010/${m}/index.html`);
      expect(visible(page)).toBe(SEED);
      expect(page).toContain('<a href="https://mopc.example.org/">MOPC website</a>');
    }
    for (const m of ['09', '10']) expect(out.text(`site/2010/${m}/index.html`)).not.toContain('notice-archived');
  });

  it('does not depend on which issue is newest', async () => {
    const [withAll, withoutNewest] = [new MemoryArchiveStore(), new MemoryArchiveStore()];
    await writeArchive(input(withAll, {}, { replacedBy }));
    await writeArchive(input(withoutNewest, { entries: sample.entries.slice(0, 1) }, { replacedBy }));
    expect(visible(withoutNewest.text('site/2010/07/index.html'))).toBe(visible(withAll.text('site/2010/07/index.html')));
  });

  it('is shown on no issue without the configuration', async () => {
    const out = new MemoryArchiveStore();
    const { replacedBy: _none, ...publication } = sample.config.publication;
    await writeArchive({ ...input(out), publication });
    for (const key of await out.list('site/')) if (key.endsWith('.html')) expect(out.text(key), key).not.toContain('archived material');
  });
});

it('posts the sign-up form to subscribeUrl, with a labelled email field and workstream choices', async () => {
  const out = new MemoryArchiveStore();
  await writeArchive(input(out, {}, { subscribeUrl: 'https://api.example.org/subscribe' }));
  const page = out.text('site/subscribe/index.html');
  expect(page).toContain('<form class="subscribe-form" action="https://api.example.org/subscribe" method="post">');
  expect(page).toContain('<label for="subscribe-email">Email address</label>');
  expect(page).toMatch(/<input id="subscribe-email" name="email" type="email" autocomplete="email"/);
  expect(page.match(/type="checkbox"/g)).toHaveLength(sample.config.workstreams.length);
});

it('gives the search indexer every issue page, even when one month changed, and writes the bundle', async () => {
  const seen: SearchDocument[][] = [];
  const indexer: SearchIndexer = {
    async index(lists) {
      return lists.map((documents) => {
        seen.push([...documents]);
        return [{ path: 'pagefind-entry.json', bytes: new TextEncoder().encode('{}') }, { path: 'index/en_1.pf_index', bytes: new Uint8Array([1]) }, { path: 'pagefind-ui.js', bytes: new Uint8Array([2]) }];
      });
    },
  };
  const out = new MemoryArchiveStore();
  await writeArchive(input(out, { searchIndexer: indexer }));
  await writeArchive(input(out, { searchIndexer: indexer, changed: ['2010-09'] }));
  expect(seen.map((docs) => docs.map((d) => d.path))).toEqual([1, 2].map(() => ['2010/07/index.html', '2010/08/index.html', '2010/09/index.html', '2010/10/index.html']));
  // An unchanged month goes in as its stored search record: the page's indexed region, not the page rendered again.
  expect(seen[1]![0]!.html).toBe(searchRecord(out.text('site/2010/07/index.html')));
  expect(seen[1]![0]!.html).toBe(out.text(searchRecordKey('2010-07')));
  const bundle = out.attempts.filter((k) => k.startsWith('site/pagefind/'));
  expect(bundle.slice(0, 2)).toEqual(['site/pagefind/2010/index/en_1.pf_index', 'site/pagefind/2010/pagefind-entry.json']);
  expect(bundle).not.toContain('site/pagefind/2010/pagefind-ui.js');
  expect(out.text('site/search/index.html')).toContain('data-bundles="pagefind/2010/"');
});

it('refuses two entries for one month', async () => {
  await expect(writeArchive(input(new MemoryArchiveStore(), { entries: [...sample.entries, sample.entries[0]!] }))).rejects.toThrow('two entries for 2010-07');
});
