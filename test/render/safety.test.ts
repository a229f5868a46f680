/**
 * Bad input never breaks anything else and never reaches a reader: building
 * test/fixtures/bad publishes the valid file, leaves every bad one out, and
 * no output file carries a script, an event handler or an unsafe URL. The
 * Markdown renderer is also attacked directly (defence in depth), and what it
 * returns is inspected as Chromium parses it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from '../../core/content/render-markdown.js';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/browser.js';
import { copyBadFixture, removeTemp, type BadCase } from '../content/fixture-copy.js';
import { buildInto, listFiles, squash, type Built } from './build-into.js';

let content: string;
let cases: BadCase[];
let built: Built;
let files: { path: string; text: string }[];
let browser: Browser;

beforeAll(async () => {
  ({ dir: content, cases } = await copyBadFixture());
  built = await buildInto(content);
  files = await Promise.all((await listFiles(built.out)).map(async (path) => ({ path, text: await readFile(join(built.out, path), 'utf8') })));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await removeTemp(content);
  await removeTemp(built?.out);
});

/** Text from a bad file that would show if it had been published: its summary and the first sentence of its body. */
function tellTales(bytes: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(bytes);
  const out: string[] = [];
  const summary = /^summary: "?([^"\n]{10,})/m.exec(text)?.[1];
  if (summary) out.push(summary);
  const body = /"body": "([^"\\]{20,})/.exec(text)?.[1] ?? text.split(/^---[ \t]*$/m)[2]?.split('\n').map((l) => l.trim()).find((l) => l.length > 20);
  if (body) out.push(body.split(/[[<]/)[0]!.trim());
  return out;
}

const UNSAFE: [string, RegExp][] = [
  ['a javascript: URL', /javascript:/i],
  ['a vbscript: URL', /vbscript:/i],
  ['a data:text URL', /data:text/i],
  ['a data: URL in an attribute', /\b(?:href|src|action|data)\s*=\s*["']?\s*data:/i],
  ['an event-handler attribute', /<[^>]*\son[a-z]+\s*=/i],
];

describe('building a month with bad files in it', () => {
  it('reports every bad file once, by its path', () => {
    const reported = new Set(built.problems.map((p) => p.path));
    expect(cases.map((c) => c.path).filter((p) => !reported.has(p))).toEqual([]);
    expect([...reported].filter((p) => !cases.some((c) => c.path === p))).toEqual([]);
  });

  it('still publishes the valid update that sits beside a broken one', () => {
    // Arrange
    const page = files.find((f) => f.path === 'site/2010/07/index.html');
    const email = files.find((f) => f.path === 'email/2010-07/email.html');
    const text = files.find((f) => f.path === 'email/2010-07/email.txt');
    const sentence = 'This file is valid and must still be published when another file in the same month is broken.';

    // Assert
    for (const f of [page, email, text]) {
      expect(f, 'the July 2010 outputs were not written').toBeDefined();
      expect(squash(f!.text)).toContain(sentence);
    }
  });

  it('leaves every bad file out of every output', async () => {
    // Arrange
    const leaks: string[] = [];
    const checked: string[] = [];

    // Act
    for (const c of cases) {
      for (const tale of tellTales(await readFile(join(content, c.path)))) {
        checked.push(tale);
        for (const f of files) if (squash(f.text).includes(tale)) leaks.push(`${c.path} → ${f.path}: "${tale}"`);
      }
    }

    // Assert
    expect(checked.length).toBeGreaterThanOrEqual(cases.length);
    expect(leaks).toEqual([]);
  });

  it.each(UNSAFE)('no output file contains %s', (_, pattern) => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('no email and no issue page has a script; other pages load only the site\'s own script files, never inline code', () => {
    // Act
    const bad: string[] = [];
    for (const f of files) {
      const tags = f.text.match(/<script\b[^>]*>[\s\S]*?<\/script\s*>|<script\b/gi) ?? [];
      for (const tag of tags) if (isContentPage(f.path) || !isOwnScriptFile(f.path, tag)) bad.push(`${f.path}: ${tag.slice(0, 80)}`);
    }

    // Assert
    expect(files.some((f) => isContentPage(f.path))).toBe(true);
    expect(bad).toEqual([]);
  });

  it('no HTML output has a script, an event handler or an unsafe link, as Chromium parses it', async () => {
    // Arrange
    const page = await browser.page(1280);
    const html = files.filter((f) => f.path.endsWith('.html'));

    // Act
    const found = await page.evaluate(inspectDom, html.map((f) => f.text));
    await page.close();
    const findings = found.flatMap((list, i) => {
      const path = html[i]!.path;
      const own = (x: string) => /^<script src="[^"]+">$/.test(x) && !isContentPage(path) && isOwnScriptFile(path, `${x}</script>`);
      return list.filter((x) => !own(x)).map((x) => `${path}: ${x}`);
    });

    // Assert
    expect(html.length).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  });

  it('loading the pages of the months that carried an attack runs nothing', async () => {
    // Arrange
    const attacked = cases.filter((c) => ['javascript-link', 'raw-html', 'unsafe-url', 'unknown-field'].includes(c.kind)).map((c) => c.path.split('/')[1]!);
    const pages = files.filter((f) => attacked.some((m) => f.path === `site/${m.replace('-', '/')}/index.html` || f.path === `email/${m}/email.html`));
    const page = await browser.page(1280);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });

    // Act
    for (const f of pages) await page.goto(pathToFileURL(join(built.out, f.path)).href);
    await page.close();

    // Assert
    expect(pages.length).toBeGreaterThanOrEqual(2 * new Set(attacked).size);
    expect(dialogs).toEqual([]);
  });
});

/** Pages made from authors' content: the issue pages and the emails. */
const isContentPage = (path: string) => path.startsWith('email/') || /^site\/\d{4}\/\d{2}\//.test(path);

/**
 * A script tag a template wrote on purpose: `src` is a relative path to a
 * JavaScript file inside the built site, and there is no inline code.
 */
function isOwnScriptFile(page: string, tag: string): boolean {
  const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
  const inline = tag.replace(/^<script\b[^>]*>/i, '').replace(/<\/script\s*>$/i, '').trim();
  if (!src || inline || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src) || !src.endsWith('.js')) return false;
  const target = join(built.out, page, '..', src);
  return target.startsWith(join(built.out, 'site') + '/') && files.some((f) => join(built.out, f.path) === target);
}

/**
 * Runs in the page: parses each HTML text with the browser's own parser and
 * lists every script (as `<script src="…">`, plus any inline code), embedded
 * frame or object, event-handler attribute, and URL attribute whose scheme is
 * not http(s), mailto or tel (relative links are fine).
 */
function inspectDom(texts: string[]): string[][] {
  type El = { tagName: string; textContent: string | null; getAttribute(n: string): string | null; attributes: Iterable<{ name: string; value: string }> };
  type Doc = { querySelectorAll(s: string): Iterable<El> };
  const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(s: string, type: string): Doc } }).DOMParser;
  return texts.map((html) => {
    const out: string[] = [];
    for (const el of new Parser().parseFromString(html, 'text/html').querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (tag === 'script') out.push(el.textContent?.trim() ? '<script> with inline code' : `<script src="${el.getAttribute('src') ?? ''}">`);
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) out.push(`<${tag}>`);
      for (const { name, value } of el.attributes) {
        if (/^on/i.test(name)) out.push(`<${tag} ${name}>`);
        if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href'].includes(name.toLowerCase())) {
          const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
          if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme)) out.push(`<${tag} ${name}="${value.slice(0, 40)}">`);
        }
      }
    }
    return out;
  });
}

describe('the Markdown renderer, attacked directly', () => {
  const ATTACKS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><circle r="1"/></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    '<div onclick="alert(1)">x</div>',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example/"><input name="q"></form>',
    '<object data="javascript:alert(1)"></object>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<!-- x --><script>alert(1)</script>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](%6Aavascript:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](//evil.example/)',
    '<javascript:alert(1)>',
    '![x](javascript:alert(1))',
    '![x](https://example.org/tracker.png)',
    '[x][evil]\n\n[evil]: javascript:alert(1)',
    '[x](https://example.org/"onmouseover="alert(1))',
    'www.example.org/"onmouseover="alert(1)',
    '```html\n<script>alert(1)</script>\n```',
    '`<img src=x onerror=alert(1)>`',
  ];
  const ALLOWED_TAGS = new Set(['p', 'br', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'blockquote', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's']);

  // One page for every attack; a dialog from any of them is recorded against it.
  let page: Page;
  let dialogs: string[] = [];
  beforeAll(async () => {
    page = await browser.page(800);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(() => page?.close());

  it.each(ATTACKS)('%j renders to harmless HTML (block and inline)', async (attack) => {
    // Arrange
    dialogs = [];

    // Act
    const rendered = [renderMarkdown(attack), renderInlineMarkdown(attack)];
    const found: { tags: string[]; attrs: string[]; unsafe: string[] }[] = [];
    for (const html of rendered) {
      await page.setContent(`<!DOCTYPE html><html><body><main id="root">${html}</main></body></html>`);
      found.push(await page.evaluate(() => {
        type El = { tagName: string; attributes: Iterable<{ name: string; value: string }> };
        const root = (globalThis as unknown as { document: { getElementById(id: string): { querySelectorAll(s: string): Iterable<El> } } }).document.getElementById('root');
        const tags: string[] = [];
        const attrs: string[] = [];
        const unsafe: string[] = [];
        for (const el of root.querySelectorAll('*')) {
          tags.push(el.tagName.toLowerCase());
          for (const { name, value } of el.attributes) {
            attrs.push(`${el.tagName.toLowerCase()}[${name}]`);
            if (name === 'href' && !/^(https?|mailto|tel):/i.test(value)) unsafe.push(value);
          }
        }
        return { tags, attrs, unsafe };
      }));
    }

    // Assert
    expect(rendered.join('\n')).not.toMatch(/<script|<img|<iframe|<svg|<style|<form|<object|<meta/i);
    for (const f of found) {
      expect(f.tags.filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
      expect(f.attrs.filter((a) => !['a[href]', 'ol[start]', 'th[scope]'].includes(a))).toEqual([]);
      expect(f.unsafe).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });

  it('keeps the text of a safe link and its address (the checks above are not passing on empty output)', () => {
    expect(renderMarkdown('[Report](https://example.org/r) and <script>x</script>')).toBe(
      '<p><a href="https://example.org/r">Report</a> and &lt;script&gt;x&lt;/script&gt;</p>',
    );
  });
});
