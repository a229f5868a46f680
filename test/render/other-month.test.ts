/**
 * A month written by someone else (test/fixtures/other-month) renders with
 * nothing lost: every phrase of its expected.json is in the web page, the
 * email HTML and the plain text; the sections follow the manifest's order;
 * the manifest's title is used.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig } from '../../core/content/load-content.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { launchBrowser, type Browser } from '../support/browser.js';
import { OTHER_MONTH, removeTemp } from '../content/fixture-copy.js';
import { buildInto, readRendered, squash, withoutRepeatedUrls, type Built, type Heading } from './build-into.js';

const expected = JSON.parse(await readFile(join(OTHER_MONTH, 'expected.json'), 'utf8')) as { phrases: string[] };
const manifest = JSON.parse(await readFile(join(OTHER_MONTH, 'issues/2011-03/issue.json'), 'utf8')) as { title: string; order: string[] };

/** Each section's heading as its file gives it: the update's title, else the workstream's. */
async function sectionTitles(): Promise<string[]> {
  const { config } = await loadConfig(new FsContentStore(OTHER_MONTH));
  const store = new FsContentStore(OTHER_MONTH);
  const titles: string[] = [];
  for (const id of manifest.order) {
    const [key] = (await store.list(`updates/2011-03/${id}.`));
    const { update } = parseUpdate(key!, (await store.read(key!))!, config!.workstreams);
    titles.push(update!.title ?? config!.workstreams.find((w) => w.id === id)!.title);
  }
  return titles;
}

let built: Built;
let browser: Browser;
let outputs: { name: string; text: string; headings?: Heading[]; rawText?: string }[];
let titles: string[];

beforeAll(async () => {
  built = await buildInto(OTHER_MONTH);
  browser = await launchBrowser();
  const web = await readRendered(browser, join(built.out, 'site/2011/03/index.html'));
  const email = await readRendered(browser, join(built.out, 'email/2011-03/email.html'));
  const text = await readFile(join(built.out, 'email/2011-03/email.txt'), 'utf8');
  outputs = [
    { name: 'web page', text: squash(web.text), headings: web.headings },
    { name: 'email HTML', text: squash(email.text), headings: email.headings },
    { name: 'plain text', text: squash(withoutRepeatedUrls(text)), rawText: text },
  ];
  titles = await sectionTitles();
});
afterAll(async () => {
  await browser?.close();
  await removeTemp(built?.out);
});

it('builds without a problem', () => {
  expect(built.err).toEqual([]);
  expect(expected.phrases.length).toBeGreaterThanOrEqual(40);
});

describe.each(['web page', 'email HTML', 'plain text'])('the %s', (name) => {
  const out = () => outputs.find((o) => o.name === name)!;

  it('contains every expected phrase', () => {
    expect(expected.phrases.filter((p) => !out().text.includes(squash(p)))).toEqual([]);
  });

  it('uses the manifest\'s title', () => {
    expect(out().text).toContain(manifest.title);
    expect(out().text).not.toContain('Monthly progress bulletin (March 2011)');
  });

  it('shows the sections in the manifest\'s order', () => {
    // Act
    const o = out();
    const positions = titles.map((t) => {
      if (o.headings) return o.headings.findIndex((h) => h.level === 3 && h.text === t);
      return o.rawText!.split('\n').findIndex((line, i, all) => line === t && /^-+$/.test(all[i + 1] ?? ''));
    });

    // Assert
    expect(positions.every((p) => p >= 0), `headings not found: ${titles.filter((_, i) => positions[i]! < 0).join(', ')}`).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

it('the order under test differs from the registry\'s, so following it is a real check', async () => {
  const { config } = await loadConfig(new FsContentStore(OTHER_MONTH));
  const registryOrder = config!.workstreams.map((w) => w.id).filter((id) => manifest.order.includes(id));
  expect(registryOrder).not.toEqual(manifest.order);
  expect(titles).toEqual([
    'MPA Civil Liberties Panel',
    'Safer Neighbourhoods: scrutiny findings published',
    'Specials and Volunteers: spring update',
    'MPA Anti Violence Panel',
    'London Crime Reduction Board',
  ]);
});
