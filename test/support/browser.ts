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

/** How long a browser step with no timeout of its own (opening a page, an axe run) may take before it is taken as stuck. */
const BOUND_MS = 25_000;

/** A browser step that did not finish within BOUND_MS. */
class StuckError extends Error {}

function bounded<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new StuckError(`${what} did not finish in ${BOUND_MS / 1000} s`)), BOUND_MS);
  });
  return Promise.race([work, stuck]).finally(() => clearTimeout(timer));
}

export async function launchBrowser(): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  // Never reach beyond loopback, whatever a page links to.
  await context.route(/^(?!(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|file:|data:|about:))/, (route) => route.abort());
  return {
    context,
    async page(width, height = 900) {
      // newPage has no timeout of its own: bounded, and tried once more if it sticks.
      const page = await bounded(context.newPage(), 'opening a page').catch((err: unknown) => {
        if (!(err instanceof StuckError)) throw err;
        return bounded(context.newPage(), 'opening a page again');
      });
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

/**
 * Runs axe on the page as loaded; returns violations in a compact, readable form.
 * axe's default run finishes in a second, blank page; under a loaded machine that
 * step once never returned (a CI test hung until its own timeout). So each run is
 * bounded, and a stuck one is run again once in axe's single-page ("legacy") mode,
 * which checks the same rules on the same page; a second failure is reported with
 * the page's address.
 */
export async function axeViolations(page: Page, disableRules: string[] = [], options: { singlePage?: boolean } = {}): Promise<AxeViolation[]> {
  const analyze = (legacy: boolean) => {
    const builder = new AxeBuilder({ page }).withTags(AXE_TAGS).options({ rules: { 'target-size': { enabled: true } } }).setLegacyMode(legacy);
    if (disableRules.length) builder.disableRules(disableRules);
    return bounded(builder.analyze(), `axe on ${page.url()}${legacy ? ' (single-page mode)' : ''}`);
  };
  const result = await analyze(options.singlePage ?? false).catch((err: unknown) => {
    if (!(err instanceof StuckError)) throw err;
    return analyze(true);
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
