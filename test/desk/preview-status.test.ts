/**
 * The month's status in the preview, built by `bulletin build`'s own path
 * from a copy of the sample where October 2010 (a draft) lacks one required
 * update, has one invalid and skips one, and September 2010 (approved) lacks
 * one: the index row, the status page and the draft page say the same, the
 * approved page never shows draft markers, and the pages are valid and
 * accessible.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewStatus } from '../../core/desk/status-page.js';
import { copyTree, removeTemp, SAMPLE_CONTENT } from '../content/fixture-copy.js';
import { buildInto, type Built } from '../render/build-into.js';
import { serveDir, type StaticServer } from '../pages/static-server.js';
import { axeViolations, launchBrowser, type Browser } from '../support/browser.js';

let content: string;
let built: Built;
const read = (key: string) => readFile(join(built.out, key), 'utf8');

beforeAll(async () => {
  content = await copyTree(SAMPLE_CONTENT, 'desk-preview');
  const oct = join(content, 'updates', '2010-10');
  await rm(join(oct, 'specials.json'));
  await rm(join(oct, 'anti-violence-panel.json'));
  const civil = join(oct, 'civil-liberties.json');
  await writeFile(civil, (await readFile(civil, 'utf8')).replace('"title"', '"titel"'));
  await writeFile(join(content, 'issues', '2010-10', 'issue.md'), '---\nstatus: draft\nskip:\n  - anti-violence-panel\n---\n');
  await rm(join(content, 'updates', '2010-09', 'specials.md'));
  built = await buildInto(content);
});
afterAll(async () => {
  await removeTemp(content);
  await removeTemp(built?.out);
});

describe('the preview shows the month\'s status', () => {
  it('gives each month\'s readiness on the index, linked to its status page', async () => {
    // Act
    const index = await read('index.html');
    const row = (month: string) => index.split('<tr>').find((r) => r.includes(`email/${month}/`))!;

    // Assert
    expect(row('2010-10')).toContain('Not ready: 2 required update(s) missing or invalid');
    expect(row('2010-10')).toContain('href="status/2010-10.html"');
    expect(row('2010-09')).toContain('Not ready: 1 required update(s) missing or invalid');
    expect(row('2010-08')).toContain('Ready to publish');
  });

  it('lists every workstream on the status page with the states, owners and problems of status.json', async () => {
    // Act
    const page = await read('status/2010-10.html');
    const status = JSON.parse(await read('status/2010-10.json')) as PreviewStatus;

    // Assert
    expect(Object.fromEntries(status.workstreams.map((w) => [w.id, w.state]))).toMatchObject({ specials: 'late', 'civil-liberties': 'late', 'anti-violence-panel': 'skipped', 'safer-neighbourhoods': 'valid' });
    for (const w of status.workstreams) {
      const row = page.split('<tr>').find((r) => r.includes(`<th scope="row">${w.title}</th>`));
      expect(row, w.id).toContain(`<strong>${w.state}</strong>`);
      expect(row).toContain(`mailto:${w.owner}`);
      for (const l of w.locations) expect(row).toContain(l);
    }
    expect(status.workstreams.find((w) => w.id === 'civil-liberties')!.locations[0]).toMatch(/^updates\/2010-10\/civil-liberties\.json:\d+:\d+$/);
    // Problem messages quote author text, which no output may carry.
    expect(page + JSON.stringify(status)).not.toContain('titel');
  });

  it('marks each missing or invalid required section on the draft page with the reason and the owner, but not a skipped one', async () => {
    // Act
    const page = await read('site/2010/10/index.html');

    // Assert
    expect(page).toContain('id="gap-specials"');
    expect(page).toMatch(/id="gap-specials">Specials and Volunteers<\/h3>[\s\S]*?No valid update was received by the deadline\.[\s\S]*?mailto:specials@mpa\.gov\.uk/);
    expect(page).toMatch(/id="gap-civil-liberties">[\s\S]*?still has problems[\s\S]*?mailto:dna@mpa\.gov\.uk[\s\S]*?updates\/2010-10\/civil-liberties\.json:\d+:\d+/);
    expect(page).not.toContain('titel');
    expect(page).not.toContain('gap-anti-violence-panel');
    expect(page).not.toContain('gap-safer-neighbourhoods');
  });

  it('never marks sections on a page that is not a draft', async () => {
    expect(await read('site/2010/09/index.html')).not.toContain('workstream-gap');
  });

  it('writes the status page and the marked draft page as valid HTML', async () => {
    // Arrange
    const config = fileURLToPath(new URL('../../.htmlvalidate.json', import.meta.url));
    const validator = new HtmlValidate(JSON.parse(await readFile(config, 'utf8')) as ConfigData);

    for (const key of ['status/2010-10.html', 'status/2010-08.html', 'site/2010/10/index.html', 'index.html']) {
      // Act
      const report = await validator.validateString(await read(key));

      // Assert
      expect(report.results.flatMap((r) => r.messages.map((m) => `${key}:${m.line}: ${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });

  describe('in headless Chromium', () => {
    let browser: Browser;
    let server: StaticServer;
    beforeAll(async () => {
      [browser, server] = await Promise.all([launchBrowser(), serveDir(built.out)]);
    });
    afterAll(async () => Promise.all([browser?.close(), server?.close()]));

    it.each([320, 1280])('has no axe violations on the status page, the draft page and the index at %i px', async (width) => {
      for (const key of ['status/2010-10.html', 'site/2010/10/index.html', 'index.html']) {
        const page = await browser.page(width);
        try {
          await page.goto(`${server.url}${key}`, { waitUntil: 'load' });
          expect(await axeViolations(page), key).toEqual([]);
        } finally {
          await page.close();
        }
      }
    });
  });
});
