/** A correction moves every output's "modified" time to when it was published — also on the day of first publication. */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { lastUpdated, type ArchiveEntry, type Correction } from '../../core/archive/archive-entry.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { archiveEntryOf, type PublishedRecord } from '../../core/publish/records.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive } from './sample-archive.js';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (n) => ['entry', 'url'].includes(n) });
const FIRST = '2010-08-05T10:30:00Z';

async function written(corrections: Correction[]) {
  const sample = await sampleArchive();
  const entries = sample.entries.filter((e) => !e.draft).map((e): ArchiveEntry => (e.issue.month === '2010-08' ? { ...e, publishedAt: FIRST, corrections } : e));
  const out = new MemoryArchiveStore();
  await writeArchive({ out, templates: sample.templates, assets: {}, publication: sample.config.publication, workstreams: sample.config.workstreams, entries });
  const august = (key: string) => ((parser.parse(out.text(key)) as { feed: { entry: Node[] } }).feed.entry).find((e) => String(e.id).includes('/2010/08/'))!;
  return {
    atomUpdated: String(august('site/feed.xml').updated),
    workstreamUpdated: String(august('site/workstreams/civil-liberties/feed.xml').updated),
    jsonModified: (JSON.parse(out.text('site/feed.json')) as { items: Node[] }).items.find((i) => String(i.id).includes('/2010/08/'))!.date_modified,
    lastmod: (parser.parse(out.text('site/sitemap.xml')) as { urlset: { url: Node[] } }).urlset.url.find((u) => String(u.loc).endsWith('/2010/08/'))!.lastmod,
    dtstamps: [...out.text('site/2010/08/dates.ics').matchAll(/^DTSTAMP:(\S+)\r$/gm)].map((m) => m[1]),
  };
}

describe.each([
  ['a same-day correction with its time', { revision: 2, date: '2010-08-05', at: '2010-08-05T15:45:12Z', note: 'Fixed.' }, '2010-08-05T15:45:12', '20100805T154512Z'],
  ['a later correction with its time', { revision: 2, date: '2010-08-12', at: '2010-08-12T08:01:02Z', note: 'Fixed.' }, '2010-08-12T08:01:02', '20100812T080102Z'],
  ['a same-day correction recorded with its date only (older archives)', { revision: 2, date: '2010-08-05', note: 'Fixed.' }, '2010-08-05T10:30:01', '20100805T103001Z'],
])('%s', (_name, correction, when, stamp) => {
  it('moves Atom updated, JSON Feed date_modified, sitemap lastmod and DTSTAMP to it', async () => {
    const got = await written([correction]);
    expect(got.atomUpdated).toBe(`${when}.000Z`);
    expect(got.workstreamUpdated).toBe(`${when}.000Z`);
    expect(got.jsonModified).toBe(`${when}Z`);
    expect(got.lastmod).toBe(`${when}Z`);
    expect(got.dtstamps.length).toBeGreaterThan(0);
    for (const s of got.dtstamps) expect(s).toBe(stamp);
  });
});

it('leaves them at first publication when there is no correction', async () => {
  const got = await written([]);
  expect([got.atomUpdated, got.jsonModified, got.lastmod]).toEqual(['2010-08-05T10:30:00.000Z', undefined, FIRST]);
  for (const s of got.dtstamps) expect(s).toBe('20100805T103000Z');
});

it('records each correction\'s publication time from its revision, newest correction deciding', () => {
  const record = (revision: number, publishedAt: string, note?: string) => ({ month: '2010-08', revision, hash: '', publishedAt, ...(note ? { note } : {}), issue: {} }) as unknown as PublishedRecord;
  const entry = archiveEntryOf([record(1, FIRST), record(2, '2010-08-05T11:00:00Z', 'One.'), record(3, '2010-08-05T17:20:00Z', 'Two.')]);
  expect(entry.corrections!.map((c) => c.at)).toEqual(['2010-08-05T17:20:00Z', '2010-08-05T11:00:00Z']);
  expect(lastUpdated(entry)).toBe('2010-08-05T17:20:00Z');
});
