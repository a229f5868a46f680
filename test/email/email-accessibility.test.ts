/**
 * The personalised email HTML, as a reader's client would show it, checked
 * with axe-core (WCAG 2.2 A/AA + best practice, target-size on) in headless
 * Chromium at a phone width and at the email's design width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeLink } from '../../core/send/envelope.js';
import { compileTemplate, personalise } from '../../core/send/personalise.js';
import { axeViolations, launchBrowser, type Browser } from '../support/browser.js';
import { julyEmail, signerFor } from '../send/support.js';

let browser: Browser;
let html: string;
beforeAll(async () => {
  const { email, envelope } = await julyEmail();
  const url = unsubscribeLink(envelope, signerFor(envelope).sign('unsubscribe', 'alice.active@example.org'));
  html = personalise(compileTemplate(email.html, 'html', email.slotKey), { unsubscribe_url: url });
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('the email HTML in Chromium', () => {
  it.each([320, 600])('has no axe violations at %i px', async (width) => {
    const page = await browser.page(width);
    await page.setContent(html, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a 320 px phone without sideways scrolling', async () => {
    const page = await browser.page(320);
    await page.setContent(html, { waitUntil: 'load' });
    // Scripts run in the page; passed as text because this project compiles without the DOM types.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('stays readable in dark mode: body text is light on dark', async () => {
    const page = await browser.page(600);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setContent(html, { waitUntil: 'load' });
    const axe = await axeViolations(page);
    expect(axe.filter((v) => v.id === 'color-contrast')).toEqual([]);
    const [fg, bg] = (await page.evaluate(`(() => {
      const p = [...document.querySelectorAll('.content p')].find((e) => (e.textContent || '').includes('3,125')) || document.querySelector('.content p');
      let el = p;
      let background = 'rgba(0, 0, 0, 0)';
      while (el && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
        background = getComputedStyle(el).backgroundColor;
        el = el.parentElement;
      }
      return [getComputedStyle(p).color, background];
    })()`)) as [string, string];
    const lum = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    expect(lum(fg!)).toBeGreaterThan(180);
    expect(lum(bg!)).toBeLessThan(60);
    // No light bands left around the top bar and the footer.
    const bands = (await page.evaluate(`[...document.querySelectorAll('.band, .band td, .card, .card td')].map((e) => getComputedStyle(e).backgroundColor)`)) as string[];
    expect(bands.length).toBeGreaterThan(4);
    expect(bands.filter((c) => !/rgba\(0, 0, 0, 0\)/.test(c) && lum(c) > 60)).toEqual([]);
  });
});
