/**
 * Every page type, served over HTTP, in headless Chromium at 320 px and
 * 1280 px: zero axe-core violations (WCAG 2.2 A/AA, best practice, target size).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, type Browser } from '../support/browser.js';
import { buildSampleSite, LONG_URL, LONG_WORD, PAGES, type SampleSite } from './site-fixture.js';
import { serveDir, type StaticServer } from './static-server.js';

let browser: Browser;
let sample: SampleSite;
let site: StaticServer;
let preview: StaticServer;

beforeAll(async () => {
  sample = await buildSampleSite({ search: true });
  [browser, site, preview] = await Promise.all([launchBrowser(), serveDir(sample.site), serveDir(sample.out)]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close(), preview?.close()]);
  await sample?.cleanup();
});

/** Each page type, where it is served, and the start of its h1 (so a wrong URL cannot pass as the 404 page). */
const pages: [string, () => string, string][] = [
  ['home', () => `${site.url}${PAGES.home}`, 'Met Forward: Monthly progress bulletin'],
  ['issue', () => `${site.url}${PAGES.issue}`, 'Met Forward: Monthly progress bulletin (September 2010)'],
  ['draft issue', () => `${site.url}${PAGES.draftIssue}`, 'Met Forward: Monthly progress bulletin (October 2010)'],
  ['issue with archived banner', () => `${site.url}${PAGES.archivedIssue}`, 'Met Forward: Monthly progress bulletin (July 2010)'],
  ['issue with correction', () => `${site.url}${PAGES.correctedIssue}`, 'Met Forward: Monthly progress bulletin (August 2010)'],
  ['earlier revision', () => `${site.url}${PAGES.earlierRevision}`, 'Met Forward: Monthly progress bulletin (August 2010)'],
  ['workstreams index', () => `${site.url}${PAGES.workstreams}`, 'Workstreams'],
  ['workstream page with chart', () => `${site.url}${PAGES.workstreamWithChart}`, 'Specials and Volunteers: all updates'],
  ['search', () => `${site.url}${PAGES.search}`, 'Search the bulletins'],
  ['subscribe', () => `${site.url}${PAGES.subscribe}`, 'Subscribe to Met Forward'],
  ['accessibility statement', () => `${site.url}${PAGES.accessibility}`, 'Accessibility statement'],
  ['corrections', () => `${site.url}${PAGES.corrections}`, 'Corrections'],
  ['404 (served for a missing path)', () => `${site.url}no-such-page/`, 'Page not found'],
  ['preview index (dist/index.html)', () => `${preview.url}index.html`, 'Preview of every month'],
];

describe.each([320, 1280])('at %i px wide', (width) => {
  it.each(pages)('%s has no axe violations', async (_name, url, h1) => {
    const page = await browser.page(width);
    try {
      const response = await page.goto(url(), { waitUntil: 'load' });
      expect(response?.status()).toBe(h1 === 'Page not found' ? 404 : 200);
      expect(await page.locator('h1').textContent()).toContain(h1);
      expect(String(await page.evaluate('getComputedStyle(document.body).fontFamily'))).toContain('Arial'); // the stylesheet loaded
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

const withLongText: [string, () => string][] = [...pages.map(([n, u]): [string, () => string] => [n, u]), ['workstream page with the long words', () => `${site.url}workstreams/civil-liberties/index.html`]];

it.each(withLongText)('%s does not scroll sideways at 320 px, long words and URLs included', async (_name, url) => {
  const page = await browser.page(320);
  try {
    await page.goto(url(), { waitUntil: 'load' });
    const widths = await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })') as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  } finally {
    await page.close();
  }
});

it('puts the 200-character word and URL on the pages it checks for sideways scrolling', async () => {
  const read = (path: string) => readFile(join(sample.site, path), 'utf8');
  expect([LONG_WORD.length, LONG_URL.length]).toEqual([200, 200]);
  for (const path of [PAGES.issue, 'workstreams/civil-liberties/index.html']) {
    const html = await read(path);
    expect(html).toContain(LONG_WORD);
    expect(html).toContain(LONG_URL);
  }
});

it('tests the page variants it says it does (archived banner, correction notice, sign-up form, chart)', async () => {
  const read = (path: string) => readFile(join(sample.site, path), 'utf8');
  expect(await read(PAGES.archivedIssue)).toContain('notice-archived');
  expect(await read(PAGES.correctedIssue)).toContain('notice-correction');
  expect(await read(PAGES.draftIssue)).toContain('notice-draft');
  expect(await read(PAGES.subscribe)).toContain('<form class="subscribe-form"');
  expect(await read(PAGES.workstreamWithChart)).toContain('<svg class="chart" role="img"');
});
