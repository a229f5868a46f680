/**
 * Full-text search works from the built files alone: Pagefind's index,
 * served over HTTP, searched in headless Chromium through the search page.
 * The site spans two years (the sample plus January 2011), so the search
 * runs over two bundles: 2011's, loaded first, and 2010's merged into it.
 */
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, launchBrowser, type Browser } from '../support/browser.js';
import { buildSampleSite, NEXT_YEAR_WORD, PAGES, type SampleSite } from './site-fixture.js';
import { serveDir, type StaticServer } from './static-server.js';

let browser: Browser;
let sample: SampleSite;
let site: StaticServer;

beforeAll(async () => {
  sample = await buildSampleSite({ search: true, nextYear: true });
  [browser, site] = await Promise.all([launchBrowser(), serveDir(sample.site)]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close()]);
  await sample?.cleanup();
});

async function search(query: string, width = 1280) {
  const page = await browser.page(width);
  await page.goto(`${site.url}${PAGES.search}`);
  await page.getByLabel('Words to find in every issue').fill(query);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#search-status').filter({ hasText: /found|not available/ }).waitFor();
  return page;
}

it('finds the July 2010 issue from a phrase in its Civil Liberties section, and the result opens it', async () => {
  const page = await search('National DNA Database');
  const results = page.locator('#search-results > li h2 a');
  await expect.poll(() => results.allTextContents()).toContain('Met Forward: Monthly progress bulletin (July 2010)');
  await results.filter({ hasText: 'July 2010' }).click();
  await page.waitForURL(/\/2010\/07\/index\.html$/);
  expect(await page.locator('h1').textContent()).toContain('July 2010');
  await page.close();
});

it('searches every year\'s bundle: a word only in January 2011, and one in both years, found in each', async () => {
  const only = await search(NEXT_YEAR_WORD);
  expect(await only.locator('#search-results > li h2 a').allTextContents()).toEqual(['Met Forward: Monthly progress bulletin (January 2011)']);
  await only.close();
  const both = await search('Special Constables');
  const titles = await both.locator('#search-results > li h2 a').allTextContents();
  expect(titles).toEqual(expect.arrayContaining(['Met Forward: Monthly progress bulletin (January 2011)', 'Met Forward: Monthly progress bulletin (October 2010)']));
  await both.close();
});

it('works served from a folder, as the preview serves it at /site/: results link inside that folder', async () => {
  const nested = await serveDir(sample.out);
  try {
    const page = await browser.page(1280);
    await page.goto(`${nested.url}site/${PAGES.search}?q=${NEXT_YEAR_WORD}`);
    await page.locator('#search-status').filter({ hasText: 'found' }).waitFor();
    await page.locator('#search-results > li h2 a').first().click();
    await page.waitForURL(`${nested.url}site/2011/01/index.html`);
    expect(await page.locator('h1').textContent()).toContain('January 2011');
    await page.close();
  } finally {
    await nested.close();
  }
});

it('runs the search in the address (?q=) on arrival, so results can be shared', async () => {
  const page = await browser.page(1280);
  await page.goto(`${site.url}${PAGES.search}?q=${encodeURIComponent('Special Constables')}`);
  await page.locator('#search-status').filter({ hasText: 'found' }).waitFor();
  expect(await page.getByLabel('Words to find in every issue').inputValue()).toBe('Special Constables');
  expect(await page.locator('#search-results > li').count()).toBeGreaterThan(0);
  await page.close();
});

it('indexes only the bulletin, not the site furniture around it', async () => {
  const page = await search('JSON'); // only in the footer's "JSON Feed" link
  expect(await page.locator('#search-status').textContent()).toContain('No issues found');
  await page.close();
});

it.each([320, 1280])('has no axe violations with results shown at %i px', async (width) => {
  const page = await search('DNA', width);
  expect(await page.locator('#search-results > li').count()).toBeGreaterThan(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});

it('explains itself without JavaScript, offering the lists of issues instead', async () => {
  const noJs = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await (await noJs.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${site.url}${PAGES.search}`);
    // innerText is what is rendered: the <noscript> note shows, the form (hidden until the script runs) does not.
    const shown = await page.locator('main').innerText();
    expect(shown).toContain('Search needs JavaScript');
    expect(shown).toContain('all issues by year');
    expect(shown).not.toContain('Words to find in every issue');
    expect(await page.locator('#search-form').isVisible()).toBe(false);
  } finally {
    await noJs.close();
  }
});
