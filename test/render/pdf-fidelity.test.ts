/**
 * The PDF edition of July 2010, built by `bulletin build` from content/,
 * read back with poppler as a reader's tools see it: every sentence, figure,
 * date, link, email and postal address line of the seed (pdftotext), tagged
 * with the seed's headings in order, titled and in en-GB, every link of the
 * page a link annotation with its text, and it renders.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp, SAMPLE_CONTENT } from '../content/fixture-copy.js';
import { buildInto, squash, type Built } from './build-into.js';
import { pdfText, poppler, structure } from './pdf-support.js';
import { HEADINGS, SEED, seedFacts } from './seed-facts.js';

const seedText = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';
const facts = seedFacts(seedText);
const FOOTER = /^(Met Forward – July 2010|Page \d+ of \d+)$/;

let built: Built;
let pdf: string;
let text: string;
let lines: string[];
const missing = (items: readonly string[]) => items.filter((s) => !text.includes(squash(s)));

beforeAll(async () => {
  expect(seedText, `the seed bulletin is missing: ${SEED}`).not.toBe('');
  built = await buildInto(SAMPLE_CONTENT, '2010-07');
  pdf = join(built.out, 'site/2010/07/met-forward-2010-07.pdf');
  const raw = await pdfText(pdf, FOOTER);
  text = squash(raw);
  lines = raw.split('\n').map((l) => l.trim());
});
afterAll(async () => {
  await removeTemp(built?.out);
});

describe('pdftotext of the July 2010 PDF', () => {
  it('contains every paragraph and sentence of the seed, word for word', () => {
    expect(missing(facts.paragraphs)).toEqual([]);
    expect(missing(facts.sentences)).toEqual([]);
  });

  it('contains every figure, date and quantity', () => {
    const hasNumber = (n: string) => new RegExp(`(?<![\\d,])${n}(?!\\d|,\\d)`).test(text);
    expect(facts.numbers.filter((n) => !hasNumber(n))).toEqual([]);
    expect(missing(facts.dates)).toEqual([]);
    expect(missing(facts.quantities)).toEqual([]);
  });

  it('contains every link address and email address as written', () => {
    expect(missing(facts.urls)).toEqual([]);
    expect(missing(facts.emails)).toEqual([]);
  });

  it('has every postal address line as a line of its own', () => {
    const bare = lines.map((l) => l.replace(/,$/, ''));
    expect(facts.addressLines.filter((l) => !bare.includes(l))).toEqual([]);
  });

  it('has every "Getting Involved" item after the "Getting Involved" heading', () => {
    const after = text.slice(text.lastIndexOf('Getting Involved'));
    expect(facts.gettingInvolved.filter((item) => !after.includes(item))).toEqual([]);
  });

  it('would notice a sentence that went missing (the check can fail)', () => {
    const sentence = facts.sentences[5]!;
    const whole = text;
    text = whole.replace(sentence, '');
    try {
      expect(missing(facts.sentences)).toEqual([sentence]);
    } finally {
      text = whole;
    }
  });
});

describe('the PDF as assistive technology sees it', () => {
  it('is tagged, titled (shown as the window title) and in en-GB', async () => {
    const { stdout } = await poppler('pdfinfo', [pdf]);
    const raw = (await readFile(pdf)).toString('latin1');
    expect(stdout).toMatch(/^Tagged:\s+yes$/m);
    expect(stdout).toMatch(/^Title:\s+Met Forward: Monthly progress bulletin \(July 2010\)$/m);
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('has the seed\'s headings in its structure tree, in order, at the right levels', async () => {
    // Arrange
    const headings = (await structure(pdf)).filter((e) => /^H[1-6]$/.test(e.type)).map((e) => ({ level: Number(e.type.slice(1)), text: squash(e.text) }));

    // Act: walk the PDF's headings, matching the seed's in order.
    let from = 0;
    const found = HEADINGS.map((h) => {
      const at = headings.findIndex((x, i) => i >= from && x.text === h.text);
      if (at >= 0) from = at + 1;
      return headings[at];
    });

    // Assert
    expect(found).toEqual(HEADINGS);
  });

  it('tags lists, links, the figures table with header cells, and the paragraphs', async () => {
    const types = new Set((await structure(pdf)).map((e) => e.type));
    expect([...types]).toEqual(expect.arrayContaining(['Document', 'Sect', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Link', 'Table', 'TR', 'TH', 'TD', 'Caption']));
  });

  it('makes every link of the issue page a link annotation, each with its descriptive text', async () => {
    // Arrange: the page's own links to the world (its article), as a browser reads the href.
    const page = await readFile(join(built.out, 'site/2010/07/index.html'), 'utf8');
    const article = page.slice(page.indexOf('<article'), page.indexOf('</article>'));
    const hrefs = [...article.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=')).filter((h) => /^(https?|mailto|tel):/.test(h));

    // Act
    const { stdout } = await poppler('pdfinfo', ['-url', pdf]);
    const urls = new Set(stdout.split('\n').slice(1).map((l) => l.trim().split(/\s+/).slice(2).join(' ')).filter(Boolean));
    const raw = (await readFile(pdf)).toString('latin1');
    const annotations = raw.match(/<<[^<>]*\/Subtype \/Link[^<>]*(?:<<[^<>]*>>[^<>]*)*>>/g) ?? [];

    // Assert
    // The July page links out ten times (its archived-material warning's link included) once links the text already gives are not repeated: a floor, so an empty article cannot pass.
    expect(hrefs.length).toBeGreaterThanOrEqual(10);
    expect([...new Set(hrefs)].filter((h) => !urls.has(h))).toEqual([]);
    expect(annotations.length).toBeGreaterThanOrEqual(urls.size);
    expect(annotations.filter((a) => !/\/Contents (\([^)]|<FEFF)/.test(a))).toEqual([]);
  });

  it('embeds every font it uses, with a Unicode map', async () => {
    const { stdout } = await poppler('pdffonts', [pdf]);
    const fonts = stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((l) => !/\byes\s+yes\s+yes\b/.test(l))).toEqual([]);
  });
});

describe('the PDF as a file', () => {
  it('renders every page with pdftoppm, without errors', async () => {
    const { stderr } = await poppler('pdftoppm', ['-r', '30', '-png', pdf, join(built.out, 'page')]);
    expect(stderr).toBe('');
    expect((await stat(join(built.out, 'page-1.png'))).size).toBeGreaterThan(1000);
  });

  it('is linked from the issue page with its size, as the MPA archive did, and listed in bulletin.json', async () => {
    const bytes = (await stat(pdf)).size;
    const page = await readFile(join(built.out, 'site/2010/07/index.html'), 'utf8');
    const json = JSON.parse(await readFile(join(built.out, 'site/2010/07/bulletin.json'), 'utf8')) as { pdf?: unknown };
    expect(page).toContain(`<a href="met-forward-2010-07.pdf" type="application/pdf">This bulletin is also available as a PDF (${Math.round(bytes / 1024)} KB)</a>`);
    expect(json.pdf).toEqual({ name: 'met-forward-2010-07.pdf', url: 'https://metforward.example.org/2010/07/met-forward-2010-07.pdf', bytes, sizeLabel: `${Math.round(bytes / 1024)} KB` });
  });

  it('is linked from the email\'s footer, in HTML and in plain text', async () => {
    const url = 'https://metforward.example.org/2010/07/met-forward-2010-07.pdf';
    expect(await readFile(join(built.out, 'email/2010-07/email.html'), 'utf8')).toContain(`href="${url}"`);
    expect(await readFile(join(built.out, 'email/2010-07/email.txt'), 'utf8')).toContain(`<${url}>`);
  });
});
