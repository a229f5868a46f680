/**
 * Full-text search works from the built files alone: Pagefind's index,
 * served over HTTP, searched in headless Chromium through the search page.
 */
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, launchBrowser, type Browser } from '../support/browser.js';
import { buildSampleSite, PAGES, type SampleSite } from './site-fixture.js';
import { serveDir, type StaticServer } from './static-server.js';

let browser: Browser;
let sample: SampleSite;
let site: StaticServer;

beforeAll(async () => {
  sample = await buildSampleSite({ search: true });
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
