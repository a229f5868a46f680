/**
 * What a comms officer gets from a real running preview: every text file
 * with its charset, the styled 404 page for any unknown URL (with links that
 * work at any depth — and the same page working where CloudFront serves the
 * archive, at the root), a preview email whose unsubscribe link leads to a
 * real page, and no broken local link from the preview index or the archive.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir, type StaticServer } from '../pages/static-server.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { REPO } from '../content/fixture-copy.js';
import { startPreview, type PreviewProcess } from './preview-process.js';

let preview: PreviewProcess;
let cloudfront: StaticServer;
let browser: Browser;
let files: string[];

const TEXT = ['html', 'css', 'js', 'json', 'xml', 'ics', 'txt', 'svg'];
const UNKNOWN = ['/site/1999/01/index.html', '/site/no/such/deep/page/', '/site/nope', '/site/assets/missing.css', '/nope', '/email/2099-01/email.html', '/a/b/c/d.txt'];

/** Local (same-origin) links and sources on `html` served at `pageUrl`, without fragments. */
function localLinks(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((raw) => raw !== '' && !raw.startsWith('#') && !/^(mailto|tel):/i.test(raw))
    .map((raw) => new URL(raw, pageUrl))
    .filter((u) => u.origin === origin)
    .map((u) => `${u.origin}${u.pathname}${u.search}`);
  return [...new Set(urls)];
}

/** Every URL in `urls` that does not answer 200, with its status. */
async function broken(urls: readonly string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) bad.push(`${res.status} ${url}`);
  }
  return bad;
}

beforeAll(async () => {
  preview = await startPreview('preview-serving');
  const out = join(preview.work, 'out');
  files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(out, join(e.parentPath, e.name)).split(sep).join('/'));
  cloudfront = await serveDir(join(out, 'site'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await cloudfront?.close();
  await preview?.stop();
});

describe('content types', () => {
  it('serves every text file with charset=utf-8, and .txt as text/plain; charset=utf-8', async () => {
    // Arrange: one file of each text type the build writes, every .txt
    const byType = new Map<string, string>();
    for (const f of files) {
      const ext = f.slice(f.lastIndexOf('.') + 1).toLowerCase();
      if (TEXT.includes(ext) && (!byType.has(ext) || ext === 'txt')) byType.set(ext === 'txt' ? f : ext, f);
    }

    // Act
    const types: Record<string, string> = {};
    for (const f of byType.values()) types[f] = (await fetch(`${preview.base}/${f}`)).headers.get('content-type') ?? '';

    // Assert
    const exts = new Set(Object.keys(types).map((f) => f.slice(f.lastIndexOf('.') + 1)));
    expect([...exts].sort()).toEqual(expect.arrayContaining(['css', 'html', 'ics', 'js', 'json', 'txt', 'xml']));
    expect(Object.entries(types).filter(([f, t]) => !f.endsWith('.svg') && !/;\s*charset=utf-8$/i.test(t))).toEqual([]);
    expect(Object.entries(types).filter(([f, t]) => f.endsWith('.txt') && t !== 'text/plain; charset=utf-8')).toEqual([]);
    expect(types['email/2010-07/email.txt']).toBe('text/plain; charset=utf-8');
  });
});

describe('an unknown URL', () => {
  it.each(UNKNOWN)('%s gets the styled 404 page, status 404, every link on it working', async (path) => {
    // Act
    const res = await fetch(`${preview.base}${path}`);
    const html = await res.text();
    const links = localLinks(html, `${preview.base}${path}`);

    // Assert
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toMatch(/<h1>Page not found<\/h1>/);
    expect(links).toEqual(expect.arrayContaining([`${preview.base}/site/assets/site.css`, `${preview.base}/site/index.html`, `${preview.base}/site/search/index.html`]));
    expect(await broken(links)).toEqual([]);
  });

  it('is shown styled in the browser, at depth, under /site/', async () => {
    // Arrange
    const page = await browser.page(1280);

    // Act
    const response = await page.goto(`${preview.base}/site/no/such/deep/page/`);
    // The project's type-checking has no DOM library: the expression runs in the page as written.
    const rules = await page.evaluate<number>('[...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)');

    // Assert
    expect(response?.status()).toBe(404);
    expect(rules).toBeGreaterThan(10);
    await page.close();
  });

  it('gets the built site/404.html where the archive is served at the root (as on CloudFront), its links working there too', async () => {
    // Act
    const url = `${cloudfront.url}no/such/deep/page/`;
    const res = await fetch(url);
    const html = await res.text();
    const links = localLinks(html, url);

    // Assert
    expect(res.status).toBe(404);
    expect(html).toContain('Page not found');
    expect(links).toContain(`${cloudfront.url}assets/site.css`);
    expect(await broken(links)).toEqual([]);
  });
});

describe('the preview email', () => {
  it('fills every month\'s unsubscribe link with a sample that leads to a real page, in HTML and plain text', async () => {
    // Arrange
    const months = [...new Set(files.filter((f) => /^email\/\d{4}-\d{2}\/email\.html$/.test(f)).map((f) => f.split('/')[1]!))];
    const problems: string[] = [];

    // Act
    for (const month of months) {
      const htmlUrl = `${preview.base}/email/${month}/email.html`;
      const textUrl = `${preview.base}/email/${month}/email.txt`;
      const html = await (await fetch(htmlUrl)).text();
      const text = await (await fetch(textUrl)).text();
      const fromHtml = [...html.matchAll(/<a href="([^"]*)"[^>]*>Unsubscribe[^<]*<\/a>/g)].map((m) => new URL(m[1]!, htmlUrl).href);
      const fromText = [...text.matchAll(/Unsubscribe[^\n<]*<([^>]+)>/g)].map((m) => new URL(m[1]!, textUrl).href);
      if (/%%\{/.test(html) || /%%\{/.test(text)) problems.push(`${month}: a raw placeholder is shown`);
      if (fromHtml.length !== 1 || fromText.length !== 1) problems.push(`${month}: ${fromHtml.length} HTML and ${fromText.length} text unsubscribe links`);
      for (const url of [...fromHtml, ...fromText]) {
        const res = await fetch(url);
        const body = await res.text();
        if (res.status !== 200 || !/Nothing was changed/.test(body) || !/one click/.test(body)) problems.push(`${month}: ${url} answers ${res.status} without the sample explanation`);
      }
    }

    // Assert
    expect(months.length).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
  });
});

describe('links', () => {
  it('every local link on the preview index, the pages it links to and the archive home answers 200', async () => {
    // Arrange
    const index = `${preview.base}/`;
    const home = `${preview.base}/site/index.html`;
    const first = localLinks(await (await fetch(index)).text(), index);
    const second: string[] = [];
    for (const url of first.filter((u) => u.endsWith('.html'))) second.push(...localLinks(await (await fetch(url)).text(), url));
    const fromHome = localLinks(await (await fetch(home)).text(), home);

    // Act
    const all = [...new Set([...first, ...second, ...fromHome])];

    // Assert
    expect(first).toEqual(expect.arrayContaining([`${preview.base}/email/2010-07/email.html`, `${preview.base}/email/2010-07/email.txt`, `${preview.base}/site/2010/07/index.html`]));
    expect(second).toContain(`${preview.base}/email/2010-07/unsubscribe.html`);
    expect(await broken(all)).toEqual([]);
  });
});

describe('the preview\'s own pages', () => {
  it('are valid HTML: the sample unsubscribe page and the 404 page as the preview serves it', async () => {
    // Arrange
    const validator = new HtmlValidate(JSON.parse(await readFile(join(REPO, '.htmlvalidate.json'), 'utf8')) as ConfigData);
    const pages = {
      unsubscribe: await (await fetch(`${preview.base}/email/2010-07/unsubscribe.html`)).text(),
      notFound: await (await fetch(`${preview.base}/site/no/such/page/`)).text(),
    };

    // Act
    const errors: string[] = [];
    for (const [name, html] of Object.entries(pages)) {
      const report = await validator.validateString(html, name);
      for (const r of report.results) for (const m of r.messages) errors.push(`${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }

    // Assert
    expect(errors).toEqual([]);
  });
});
