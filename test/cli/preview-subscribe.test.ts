/**
 * `npm start`'s preview with the subscribers API mounted at /api/: the
 * archive's subscribe page posts to it and works with no JavaScript at all
 * (every script request is refused), the answer page is accessible, the
 * confirmation email lands in the preview's outbox, and the checked-in
 * list (`content/subscribers.json`) is never written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { axeViolations, launchBrowser, type Browser } from '../support/browser.js';
import { startPreview, type PreviewProcess } from './preview-process.js';

let preview: PreviewProcess;
let browser: Browser;
beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview('preview-subscribe'), launchBrowser()]);
});
// A failure (CI once saw a 60 s hang here) prints what the preview itself said, for the next reader.
const tellOnFailure = () => onTestFailed(() => console.error(`preview stderr:\n${preview?.stderr() ?? '(no preview)'}`));
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** Every `.eml` under `dir`, recursively. */
async function emls(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => join(e.parentPath, e.name));
}

it('signs up from the subscribe page without JavaScript: an accessible answer page, one confirmation in the outbox, the checked-in list untouched', async () => {
  tellOnFailure();
  const listBefore = await readFile(join(preview.work, 'content', 'subscribers.json'), 'utf8');
  const page = await browser.page(320);
  await page.route('**/*.js', (route) => route.abort());
  // Arrange: the form posts to the preview's own API
  await page.goto(`${preview.base}/site/subscribe/`);
  expect(await page.getAttribute('form.subscribe-form', 'action')).toBe(`${preview.base}/api/subscribe`);
  expect(await axeViolations(page)).toEqual([]);
  // Act
  await page.getByLabel('Email address').fill('newcomer@example.org');
  await Promise.all([page.waitForURL(`${preview.base}/api/subscribe`), page.getByRole('button', { name: 'Subscribe' }).click()]);
  // Assert: the answer page
  expect(await page.locator('h1').textContent()).toBe('Check your email');
  expect(await axeViolations(page)).toEqual([]);
  // …the confirmation, in the preview's outbox, linking back to the preview's API
  const files = await emls(join(preview.work, 'out', 'preview', 'outbox'));
  expect(files).toHaveLength(1);
  const mail = await simpleParser(await readFile(files[0]!));
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('newcomer@example.org');
  expect(mail.text).toContain(`${preview.base}/api/confirm?token=`);
  // …and the list it wrote is the preview's own
  expect(await readFile(join(preview.work, 'content', 'subscribers.json'), 'utf8')).toBe(listBefore);
  expect(await readFile(join(preview.work, 'out', 'preview', 'subscribers.json'), 'utf8')).toContain('"status":"pending"');
  await page.close();
});

it('shows the confirm page from the emailed link (GET changes nothing) and confirms on its button', async () => {
  tellOnFailure();
  const [file] = await emls(join(preview.work, 'out', 'preview', 'outbox'));
  const link = /(http:\/\/127\.0\.0\.1:\d+\/api\/confirm\?token=[A-Za-z0-9._%-]+)/.exec((await simpleParser(await readFile(file!))).text ?? '')![1]!;
  const list = join(preview.work, 'out', 'preview', 'subscribers.json');
  const before = await readFile(list, 'utf8');
  const page = await browser.page(1280);
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(link);
  expect(await readFile(list, 'utf8')).toBe(before);
  expect(await axeViolations(page)).toEqual([]);
  const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: /confirm/i }).click()]);
  expect(answer.status()).toBe(200);
  expect(await readFile(list, 'utf8')).toContain('"status":"active"');
  await page.close();
});
