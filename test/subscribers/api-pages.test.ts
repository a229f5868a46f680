/**
 * The API's pages in headless Chromium at 320 px and 1280 px: zero axe
 * violations, the archive's stylesheet loads under the API's CSP, and the
 * confirm and unsubscribe buttons work without JavaScript.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubscribersApi, type SubscribersServer } from '../../adapters/node-http-subscribers.js';
import { createSubscribersApi } from '../../core/subscribers/api-handler.js';
import { selectAudience } from '../../core/send/select-recipients.js';
import { REPO } from '../content/fixture-copy.js';
import { serveDir, type StaticServer } from '../pages/static-server.js';
import { axeViolations, launchBrowser, type Browser } from '../support/browser.js';
import { harness, signUp, type Harness } from './support.js';

let browser: Browser;
let h: Harness;
let assets: StaticServer;
let api: SubscribersServer;
let tokens: { confirm: string; unsubscribe: string; preferences: string };

beforeAll(async () => {
  [browser, h, assets] = await Promise.all([launchBrowser(), harness(), serveDir(join(REPO, 'templates', 'web'))]);
  api = await serveSubscribersApi(createSubscribersApi({ ...h.apiDeps, site: { ...h.apiDeps.site, siteRoot: assets.url }, subscribeFloorMs: 0 }));
  const id = h.tokens.subscriberId('ann@example.org');
  tokens = { confirm: await signUp(h, 'ann@example.org', ['specials']), unsubscribe: h.tokens.signId('unsubscribe', id), preferences: h.tokens.signId('preferences', id) };
});
afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), assets?.close()]);
  await h?.close();
});

const audience = async () => selectAudience(await h.store.list(), ['specials']).recipients.map((r) => r.email);

describe.each([320, 1280])('at %i px wide', (width) => {
  it.each([
    ['confirm', (): string => `/confirm?token=${tokens.confirm}`, 'Confirm your subscription to Met Forward', 200],
    ['unsubscribe', (): string => `/unsubscribe?token=${tokens.unsubscribe}`, 'Unsubscribe from Met Forward', 200],
    ['invalid link', (): string => '/unsubscribe?token=forged', 'This link is not valid', 400],
    ['not found', (): string => '/nowhere', 'Page not found', 404],
  ] as const)('the %s page has no axe violations', async (_name, path, h1, status) => {
    const page = await browser.page(width);
    try {
      const response = await page.goto(`${api.url}${path()}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      expect(await page.locator('h1').allTextContents()).toEqual([h1]);
      expect(String(await page.evaluate('getComputedStyle(document.body).fontFamily'))).toContain('Arial');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

it('confirms, changes topics and unsubscribes through the pages\' own buttons, without JavaScript', async () => {
  const page = await browser.page(1280);
  try {
    await page.goto(`${api.url}/confirm?token=${tokens.confirm}`);
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');
    expect(await audience()).toEqual(['ann@example.org']);
    await page.goto(`${api.url}/preferences?token=${tokens.preferences}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Every issue').check();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('Your choices are saved');
    await page.goto(`${api.url}/unsubscribe?token=${tokens.unsubscribe}`);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed');
    expect(await audience()).toEqual([]);
  } finally {
    await page.close();
  }
});

it('writes valid HTML on every page (html-validate, the archive\'s rules)', async () => {
  const { HtmlValidate } = await import('html-validate');
  const { readFile } = await import('node:fs/promises');
  const validator = new HtmlValidate(JSON.parse(await readFile(join(REPO, '.htmlvalidate.json'), 'utf8')));
  const id = h.tokens.subscriberId('bob@example.org');
  await signUp(h, 'bob@example.org');
  await h.call('POST', '/confirm', { type: 'application/x-www-form-urlencoded', body: `token=${encodeURIComponent((await h.mailer.parse(h.mailer.sent.length - 1)).text!.match(/token=([^\s]+)/)![1]!)}` });
  const pages = [
    await h.call('GET', '/confirm', { query: { token: tokens.confirm } }),
    await h.call('GET', '/unsubscribe', { query: { token: h.tokens.signId('unsubscribe', id) } }),
    await h.call('GET', '/preferences', { query: { token: h.tokens.signId('preferences', id) } }),
    await h.call('GET', '/confirm', { query: { token: 'forged' } }),
    await h.call('POST', '/subscribe', { type: 'application/x-www-form-urlencoded', body: 'email=carol%40example.org' }),
  ];
  expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 400, 200]);
  for (const p of pages) {
    const report = await validator.validateString(p.body);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  }
});
