/**
 * Headless Chromium (Debian's /usr/bin/chromium) + axe-core for page and
 * email checks. One persistent context per test file; close it in afterAll.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page(width: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  // Never reach beyond loopback, whatever a page links to.
  await context.route(/^(?!(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|file:|data:|about:))/, (route) => route.abort());
  return {
    context,
    async page(width, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** WCAG 2.2 A/AA + best practice, with `target-size` (off by default) switched on. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe on the page as loaded; returns violations in a compact, readable form. */
export async function axeViolations(page: Page, disableRules: string[] = []): Promise<AxeViolation[]> {
  const builder = new AxeBuilder({ page }).withTags(AXE_TAGS).options({ rules: { 'target-size': { enabled: true } } });
  if (disableRules.length) builder.disableRules(disableRules);
  const result = await builder.analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
