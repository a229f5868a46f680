/**
 * Fidelity: the July 2010 issue, built from content/, carries every sentence,
 * figure, date, link, email address, postal address line and "Getting
 * Involved" item of the seed bulletin — in the web page, the email HTML (as
 * Chromium renders them: innerText) and the plain text. Only white space is
 * normalised (plus the trailing comma the seed puts on address lines).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkstreams } from '../../core/content/parse-config.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { removeTemp, SAMPLE_CONTENT } from '../content/fixture-copy.js';
import { buildInto, readRendered, squash, withoutRepeatedUrls, type Built, type Heading } from './build-into.js';
import { HEADINGS, SEED, seedFacts } from './seed-facts.js';

/** What a reader of one output gets: its text (white space squashed), its lines, its headings and links. */
interface Output {
  name: string;
  text: string;
  lines: string[];
  headings?: Heading[];
  hrefs?: string[];
}

const missing = (items: readonly string[], out: Output) => items.filter((s) => !out.text.includes(squash(s)));
const linkTarget = (url: string) => new URL(/^[a-z]+:/i.test(url) ? url : `http://${url}`).href;

let built: Built;
let browser: Browser;
let outputs: Output[];
const seedText = existsSync(SEED) ? readFileSync(SEED, 'utf8') : '';
const facts = seedFacts(seedText);

beforeAll(async () => {
  expect(seedText, `the seed bulletin is missing: ${SEED}`).not.toBe('');
  built = await buildInto(SAMPLE_CONTENT, '2010-07');
  browser = await launchBrowser();
  const web = await readRendered(browser, join(built.out, 'site/2010/07/index.html'));
  const email = await readRendered(browser, join(built.out, 'email/2010-07/email.html'));
  const text = await readFile(join(built.out, 'email/2010-07/email.txt'), 'utf8');
  const fromHtml = (name: string, r: typeof web): Output => ({
    name,
    text: squash(r.text),
    lines: r.text.split('\n').map((l) => l.trim()),
    headings: r.headings,
    hrefs: r.hrefs,
  });
  outputs = [
    fromHtml('web page', web),
    fromHtml('email HTML', email),
    { name: 'plain text', text: squash(withoutRepeatedUrls(text)), lines: text.split('\n').map((l) => l.trim()) },
  ];
});
afterAll(async () => {
  await browser?.close();
  await removeTemp(built?.out);
});

describe('what the test reads from the seed', () => {
  it('finds the seed\'s headings as lines of its own', () => {
    const lines = seedText.split(/\r?\n/).map((l) => l.trim());
    expect(HEADINGS.filter((h) => !lines.includes(h.text))).toEqual([]);
  });

  it('finds its sentences, figures, dates, links, email and address', () => {
    expect(facts.paragraphs.length).toBeGreaterThanOrEqual(20);
    expect(facts.sentences.length).toBeGreaterThan(facts.paragraphs.length);
    expect(facts.sentences).toContain('Met Forward supports the Mayor\'s commitment to increasing the number of Specials.');
    expect(facts.numbers).toEqual(expect.arrayContaining(['3,125', '11,300', '516', '900', '2010', '31', '16', '8', '1', '2', '10']));
    expect(facts.dates).toEqual(expect.arrayContaining(['31 August 2010', '16 September', '8 July 2010', '1 July']));
    expect(facts.quantities).toEqual(expect.arrayContaining(['3,125 Special', '11,300 hours', '516 officers', '900 applications', '2 weeks']));
    expect(facts.urls).toEqual([
      'www.mpa.gov.uk/committees/sop/2010/100701/09/',
      'www.mpa.gov.uk/committees/sop/2010/100701/10/',
      'http://www.mpa.gov.uk/publications/metforward/lcrb-feedback/',
      'http://www.mpa.gov.uk/scrutinies/racefaith/',
      'http://www.mpa.gov.uk/committees/cep/2010/100708/05/',
      'www.mpa.gov.uk/publications/metforward/',
      'http://surveys.mpa.gov.uk/v.asp?i=23237kggvk',
      'http://www.mpa.gov.uk/work/',
    ]);
    expect(facts.emails).toEqual(['dna@mpa.gov.uk']);
    expect(facts.addressLines).toEqual(['Civil Liberties Panel', 'MPA', '10 Dean Farrar Street', 'London SW1H 0NY']);
    expect(facts.gettingInvolved).toHaveLength(3);
  });

  it('would notice a sentence that went missing (the check can fail)', () => {
    // Arrange
    const sentence = 'The MPA\'s Anti Violence Oversight Panel is due to meet in October to oversee and review progress.';
    const whole = outputs[2]!;

    // Act
    const damaged = { ...whole, text: whole.text.replace(sentence, '') };

    // Assert
    expect(missing(facts.sentences, whole)).toEqual([]);
    expect(missing(facts.sentences, damaged)).toEqual([sentence]);
  });
});

describe.each(['web page', 'email HTML', 'plain text'])('the %s', (name) => {
  const out = () => outputs.find((o) => o.name === name)!;

  it('contains every paragraph of the seed, word for word', () => {
    expect(missing(facts.paragraphs, out())).toEqual([]);
  });

  it('contains every sentence of the seed', () => {
    expect(missing(facts.sentences, out())).toEqual([]);
  });

  it('contains every figure, date and quantity', () => {
    const hasNumber = (n: string) => new RegExp(`(?<![\\d,])${n}(?!\\d|,\\d)`).test(out().text);
    expect(facts.numbers.filter((n) => !hasNumber(n))).toEqual([]);
    expect(missing(facts.dates, out())).toEqual([]);
    expect(missing(facts.quantities, out())).toEqual([]);
  });

  it('contains every link address and email address as written', () => {
    expect(missing(facts.urls, out())).toEqual([]);
    expect(missing(facts.emails, out())).toEqual([]);
  });

  it('has every postal address line as a line of its own', () => {
    const lines = out().lines.map((l) => l.replace(/,$/, ''));
    expect(facts.addressLines.filter((l) => !lines.includes(l))).toEqual([]);
  });

  it('has every "Getting Involved" item, after the "Getting Involved" heading', () => {
    const text = out().text;
    const after = text.slice(text.lastIndexOf('Getting Involved'));
    expect(facts.gettingInvolved.filter((item) => !after.includes(item))).toEqual([]);
  });
});

describe.each(['web page', 'email HTML'])('the %s', (name) => {
  const out = () => outputs.find((o) => o.name === name)!;

  it('links every address the seed mentions (http:// added where the seed left it out)', () => {
    const hrefs = new Set(out().hrefs);
    expect(facts.urls.map(linkTarget).filter((u) => !hrefs.has(u))).toEqual([]);
    expect(facts.emails.map((e) => `mailto:${e}`).filter((u) => !hrefs.has(u))).toEqual([]);
  });

  it('has the seed\'s headings in order, at the right levels', () => {
    // Arrange
    const headings = out().headings!;

    // Act: walk the page's headings, matching the seed's in order.
    const found: Heading[] = [];
    let from = 0;
    for (const h of HEADINGS) {
      const at = headings.findIndex((x, i) => i >= from && x.text === h.text);
      if (at < 0) break;
      found.push(headings[at]!);
      from = at + 1;
    }

    // Assert
    expect(found).toEqual(HEADINGS);
  });
});

describe('the plain text', () => {
  it('has the seed\'s headings in order, each on a line of its own, underlined except the sub-sections', () => {
    // Arrange
    const lines = outputs[2]!.lines;

    // Act
    const at: number[] = [];
    for (const h of HEADINGS) at.push(lines.indexOf(h.text, (at.at(-1) ?? -1) + 1));

    // Assert
    expect(at.every((i) => i >= 0), `missing or out of order: ${HEADINGS.filter((_, i) => at[i]! < 0).map((h) => h.text).join(', ')}`).toBe(true);
    const underlined = HEADINGS.map((h, i) => ({ h: h.text, underline: /^([=-])\1+$/.test(lines[at[i]! + 1] ?? '') }));
    expect(underlined.filter((u) => u.underline !== !['Specials', 'Met Volunteers'].includes(u.h))).toEqual([]);
  });
});

it('puts the workstreams in registry order', async () => {
  // Arrange
  const registry = parseWorkstreams('config/workstreams.yaml', await readFile(join(SAMPLE_CONTENT, 'config/workstreams.yaml'))).value!;
  const titles = HEADINGS.filter((h) => h.level === 3).map((h) => h.text);

  // Act
  const web = outputs[0]!.headings!.filter((h) => h.level === 3 && titles.includes(h.text)).map((h) => h.text);

  // Assert
  expect(registry.map((w) => w.id)).toEqual([
    'safer-neighbourhoods', 'anti-violence-panel', 'civil-liberties', 'london-crime-reduction-board', 'race-and-faith-inquiry', 'specials',
  ]);
  expect(web).toEqual(titles);
  expect(registry.filter((w) => w.id !== 'civil-liberties').map((w) => w.title)).toEqual(titles.filter((t) => !t.startsWith('MPA Civil Liberties Panel')));
});

it('the build of July 2010 reported no problems', () => {
  expect(built.err).toEqual([]);
});
