/**
 * Every page the archive writes is valid HTML by html-validate's recommended
 * rules plus the committed `.htmlvalidate.json`, which changes two rules:
 * `void-style` is off (sanitised Markdown writes `<br />`, the templates
 * `<br>`; both are valid HTML, the rule only asks for one style), and
 * `form-dup-name` lets checkboxes share a name (the subscribe form's topic
 * choices submit as repeated `topics=` values, the standard form encoding).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writtenSample } from '../archive/site-written.js';
import { FsArchiveStore } from '../../adapters/fs-archive-store.js';
import { buildSampleSite, type SampleSite } from './site-fixture.js';

const CONFIG = fileURLToPath(new URL('../../.htmlvalidate.json', import.meta.url));

let validator: HtmlValidate;
let sample: SampleSite;
const pages = new Map<string, string>();

beforeAll(async () => {
  validator = new HtmlValidate(JSON.parse(await readFile(CONFIG, 'utf8')) as ConfigData);
  // The fixture site (archived issue, correction and revision, sign-up form) and the plain sample (no form, no corrections).
  sample = await buildSampleSite();
  const fs = new FsArchiveStore(sample.out);
  for (const key of (await fs.list('')).filter((k) => k.endsWith('.html') && !k.startsWith('email/'))) pages.set(`fixture:${key}`, new TextDecoder().decode(await fs.read(key)));
  const { out } = await writtenSample();
  for (const key of (await out.list('site/')).filter((k) => k.endsWith('.html'))) pages.set(`plain:${key}`, out.text(key));
});
afterAll(() => sample?.cleanup());

describe('html-validate', () => {
  it('covers every page type', () => {
    for (const key of ['fixture:index.html', 'fixture:site/2010/07/index.html', 'fixture:site/2010/08/rev-1/index.html', 'fixture:site/workstreams/specials/index.html',
      'fixture:site/search/index.html', 'fixture:site/subscribe/index.html', 'plain:site/subscribe/index.html', 'fixture:site/accessibility/index.html',
      'fixture:site/corrections/index.html', 'plain:site/corrections/index.html', 'fixture:site/404.html', 'fixture:site/index.html', 'fixture:site/workstreams/index.html']) {
      expect([...pages.keys()]).toContain(key);
    }
  });

  it('finds zero errors on every page', async () => {
    const errors: string[] = [];
    for (const [name, html] of pages) {
      const report = await validator.validateString(html, name);
      for (const r of report.results) for (const m of r.messages) errors.push(`${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it('would report a real error, so a clean result means something', async () => {
    const report = await validator.validateString('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></div></p><img src="a.png"></body></html>', 'bad.html');
    expect(report.valid).toBe(false);
  });
});
