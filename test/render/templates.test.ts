/**
 * Every template × every sample month (and the other-month fixture) renders:
 * the issue page, the email (MJML in strict mode) and the plain text. The
 * email keeps its per-recipient placeholder exactly where the sender fills
 * it, stays under Gmail's clipping size, declares its language and carries a
 * preheader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mjml2html from 'mjml';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { listMonths, loadConfig, loadMonth, type SiteConfig } from '../../core/content/load-content.js';
import { buildIssue, type Issue } from '../../core/render/issue-model.js';
import { preheader, renderEmail } from '../../core/render/render-email.js';
import { PLACEHOLDERS } from '../../core/send/personalise.js';
import { renderIssuePage } from '../../core/render/render-page.js';
import { compileTemplates, type TemplateFiles, type Templates } from '../../core/render/templates.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { OTHER_MONTH, SAMPLE_CONTENT } from '../content/fixture-copy.js';

interface Rendered {
  label: string;
  issue: Issue;
  page: string;
  email: string;
  text: string;
  slotKey: string;
}

let files: TemplateFiles;
let templates: Templates;
const rendered: Rendered[] = [];
let browser: Browser;

async function renderAll(root: string): Promise<void> {
  const store = new FsContentStore(root);
  const { config } = await loadConfig(store);
  for (const month of await listMonths(store)) {
    const content = await loadMonth(store, month, config as SiteConfig);
    expect(content.problems).toEqual([]);
    const issue = buildIssue({ config: config!, ...content });
    rendered.push({
      label: `${root === SAMPLE_CONTENT ? 'content' : 'other-month'} ${month}`,
      issue,
      page: renderIssuePage(issue, config!.publication, templates, { draft: issue.status !== 'approved' }),
      ...(await renderEmail(issue, templates).then((e) => ({ email: e.html, text: e.text, slotKey: e.slotKey }))),
    });
  }
}

beforeAll(async () => {
  files = await readTemplateFiles();
  templates = compileTemplates(files);
  await renderAll(SAMPLE_CONTENT);
  await renderAll(OTHER_MONTH);
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('rendered every sample month and the other-month fixture', () => {
  expect(rendered.map((r) => r.label)).toEqual(['content 2010-07', 'content 2010-08', 'content 2010-09', 'content 2010-10', 'other-month 2011-03']);
});

it('MJML runs in strict mode: a template with an invalid attribute is refused, not rendered', async () => {
  // Arrange
  const broken = compileTemplates({ ...files, 'email/issue.mjml.hbs': files['email/issue.mjml.hbs']!.replace('<mj-column>', '<mj-column colour="red">') });

  // Act
  const attempt = renderEmail(rendered[0]!.issue, broken);

  // Assert
  await expect(attempt).rejects.toThrow(/colour/);
});

describe.each([0, 1, 2, 3, 4])('sample %i', (i) => {
  const r = () => rendered[i]!;

  it('the email template is valid MJML (strict) and each output is complete', async () => {
    // Act: render the MJML source again on its own, as renderEmail does (strict), and keep the validation report.
    const source = templates.mjml('issue', { issue: r().issue, preheader: preheader(r().issue), test: false });
    const result = await mjml2html(source, { validationLevel: 'strict', keepComments: false });

    // Assert
    expect(result.errors).toEqual([]);
    for (const html of [r().page, r().email]) expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(r().text).toMatch(/Unsubscribe/);
  });

  it('has no stray {{ or }} in any output (an unrendered Handlebars expression)', () => {
    for (const out of [r().page, r().email, r().text]) {
      expect(out).not.toContain('{{');
      expect(out).not.toContain('}}');
    }
  });

  it('the email HTML is under 90 KB (Gmail clips at 102 KB)', () => {
    expect(Buffer.byteLength(r().email)).toBeLessThan(90 * 1024);
    expect(Buffer.byteLength(r().email)).toBeGreaterThan(10 * 1024);
  });

  it('carries the unsubscribe placeholder only as the unsubscribe link\'s href, and in the text\'s unsubscribe line', async () => {
    // Arrange
    const page = await browser.page(600);
    await page.setContent(r().email);

    // Act
    const found = await page.evaluate(() => {
      type El = { tagName: string; innerText: string; attributes: Iterable<{ name: string; value: string }> };
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<El>; body: El } }).document;
      const uses: string[] = [];
      for (const el of doc.querySelectorAll('*')) {
        for (const a of el.attributes) if (a.value.includes('%%{')) uses.push(`${el.tagName.toLowerCase()}[${a.name}="${a.value}"] ${el.innerText.trim()}`);
      }
      return { uses, inText: doc.body.innerText.includes('%%{') };
    });
    await page.close();

    // Assert
    const slot = `%%{unsubscribe_url:${r().slotKey}}%%`;
    expect(found.uses).toEqual([`a[href="${slot}"] Unsubscribe from the Met Forward bulletin`]);
    expect(found.inText).toBe(false);
    expect(r().email.match(/%%\{[a-z_]+(:[0-9a-f]{16})?\}%%/g)).toEqual([slot]);
    expect(r().text.split('\n').filter((l) => l.includes('%%{'))).toEqual([`Unsubscribe (one click, no login): <${slot}>`]);
    expect(PLACEHOLDERS).toEqual(['unsubscribe_url']);
  });

  it('declares its language on <html> (email and web page)', () => {
    for (const html of [r().email, r().page]) expect(html).toMatch(/<html[^>]*\slang="en-GB"/);
  });

  it('has a hidden preheader, first in the email body, made from the sections\' summaries', async () => {
    // Arrange
    const expected = preheader(r().issue);
    const page = await browser.page(600);
    await page.setContent(r().email);

    // Act
    const found = await page.evaluate((text) => {
      type El = { textContent: string | null; innerText: string; children: ArrayLike<El> };
      const g = globalThis as unknown as { document: { body: El }; getComputedStyle(e: El): { display: string } };
      const first = g.document.body.children[0]!;
      const hidden = (e: El) => g.getComputedStyle(e).display === 'none';
      return { firstText: first.textContent?.trim() ?? '', firstHidden: hidden(first), visible: g.document.body.innerText.includes(text) };
    }, expected);
    await page.close();

    // Assert
    expect(expected).toMatch(new RegExp(`^${r().issue.monthLabel}: .{20,}`));
    expect(expected.length).toBeLessThanOrEqual(140);
    expect(found.firstText.startsWith(expected.replace(/…$/, ''))).toBe(true);
    expect(found.firstHidden).toBe(true);
    expect(found.visible).toBe(false);
  });

  it('the plain text keeps to 76 columns, except a single word too long to wrap (a URL)', () => {
    const long = r().text.split('\n').filter((l) => [...l].length > 76 && /\s/.test(l.trim()));
    expect(long).toEqual([]);
  });

  it('the web page shows the draft notice only while the issue is a draft', () => {
    expect(r().page.includes('Draft preview: this issue has not been published.')).toBe(r().issue.status !== 'approved');
  });
});
