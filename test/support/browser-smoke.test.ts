import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, launchBrowser, type Browser } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

it('finds a real violation, so a clean result means something', async () => {
  const page = await browser.page(1280);
  await page.setContent('<html><body><img src="data:,"><a href="#"></a></body></html>');
  const ids = (await axeViolations(page)).map((v) => v.id);
  expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'link-name']));
});

it('finds the same violations in the single-page mode a stuck axe run falls back to', async () => {
  const page = await browser.page(1280);
  await page.setContent('<html><body><img src="data:,"><a href="#"></a></body></html>');
  const ids = (await axeViolations(page, [], { singlePage: true })).map((v) => v.id);
  expect(ids).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'link-name']));
  expect(ids.sort()).toEqual((await axeViolations(page)).map((v) => v.id).sort());
});
