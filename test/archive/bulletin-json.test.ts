/**
 * `bulletin.json` holds every fact its page shows: section titles, figures,
 * dates and links are compared both ways between the two, for every issue.
 */
import { beforeAll, expect, it } from 'vitest';
import type { BulletinDocument } from '../../core/archive/archive-entry.js';
import type { MemoryArchiveStore } from './memory-archive-store.js';
import type { SampleArchive } from './sample-archive.js';
import { writtenSample } from './site-written.js';

let out: MemoryArchiveStore;
let sample: SampleArchive;
beforeAll(async () => {
  ({ out, sample } = await writtenSample());
});

const decode = (s: string) =>
  s.replace(/<[^>]+>/g, '').replace(/&#x3D;/g, '=').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => decode(m[1]!));
/** Absolute link targets (the site's own relative links are navigation, not facts). */
const hrefs = (html: string) => new Set(all(html, /href="((?:https?|mailto|tel):[^"]*)"/g));

/** The bulletin region of the page: what Pagefind indexes and what is the issue's own content (the archive's notices are not). */
function bulletin(month: string): string {
  const page = out.text(`site/${month.replace('-', '/')}/index.html`);
  return page.slice(page.indexOf('<article class="bulletin"'), page.indexOf('</article>')).replace(/<div class="notice notice-archived" role="note">[\s\S]*?<\/div>/g, '');
}

function facts(doc: BulletinDocument) {
  const html = [doc.introHtml ?? '', doc.purposeHtml, ...doc.gettingInvolvedHtml, ...doc.sections.map((s) => s.html)].join('\n');
  const links = hrefs(html);
  for (const s of doc.sections) {
    for (const l of s.links) links.add(l.url);
    if (s.contact?.email) links.add(`mailto:${s.contact.email}`);
    if (s.contact?.phone) links.add(`tel:${s.contact.phone}`);
  }
  return {
    titles: new Set(doc.sections.map((s) => s.title)),
    figures: new Set(doc.sections.flatMap((s) => s.figures.map((f) => `${f.valueLabel}${f.unit ? ` ${f.unit}` : ''}`))),
    dates: new Set([doc.month, ...doc.keyDates.map((d) => (d.time ? `${d.date}T${d.time}` : d.date)), ...(doc.corrections ?? []).map((c) => c.date)]),
    links,
  };
}

it.each(['2010-07', '2010-08', '2010-09', '2010-10'])('%s: the page and bulletin.json show the same facts', (month) => {
  const doc = JSON.parse(out.text(`site/${month.replace('-', '/')}/bulletin.json`)) as BulletinDocument;
  const html = bulletin(month);
  const data = facts(doc);
  expect(new Set(all(html, /<h3 id="[^"]+">(.*?)<\/h3>/g))).toEqual(data.titles);
  expect(new Set(all(html, /<td class="num">(.*?)<\/td>/g))).toEqual(data.figures);
  expect(new Set(all(html, /<time datetime="([^"]+)"/g))).toEqual(data.dates);
  expect(hrefs(html)).toEqual(data.links);
  expect(data.titles.size + data.links.size).toBeGreaterThan(5);
});

it('carries the correction and revision, and nothing personal: no workstream owner address', () => {
  const text = out.text('site/2010/08/bulletin.json');
  const doc = JSON.parse(text) as BulletinDocument;
  expect(doc.revision).toBe(2);
  expect(doc.corrections?.[0]?.note).toContain('14 October');
  for (const w of sample.config.workstreams) {
    if (!sample.entries.some((e) => e.issue.sections.some((s) => s.contact?.email === w.owner))) expect(text).not.toContain(w.owner);
  }
});
