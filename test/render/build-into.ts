/**
 * Helpers for the render tests: build a content tree into a temporary folder
 * through the CLI's own build path, and read the outputs back the way a
 * reader sees them (the rendered DOM's innerText in headless Chromium).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { runBuild } from '../../cli/commands/build.js';
import type { Io } from '../../cli/io.js';
import type { Problem } from '../../core/content/problem.js';
import type { Browser } from '../support/browser.js';
import { makeTemp, removeTemp } from '../content/fixture-copy.js';

export interface Built {
  out: string;
  problems: Problem[];
  /** What the build printed on stderr (problem lines). */
  err: string[];
}

/** Runs `bulletin build` (the same code path, in process) from `content` into a new temporary folder. */
export async function buildInto(content: string, month?: string): Promise<Built> {
  const out = await makeTemp('out');
  const err: string[] = [];
  const io: Io = { out: () => {}, err: (l) => err.push(l), progress: () => ({ update() {}, stop() {} }) };
  try {
    const result = await runBuild({ content, out, ...(month ? { month } : {}) }, io);
    return { out, problems: result.problems, err };
  } catch (e) {
    await removeTemp(out);
    throw e;
  }
}

/** Every file under `dir`, as `/`-separated paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/')).sort();
}

export const readText = (file: string) => readFile(file, 'utf8');

/** Collapses every run of white space to one space: the only normalisation the fidelity checks allow. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A heading as a reader's tools see it. */
export interface Heading {
  level: number;
  text: string;
}

export interface Rendered {
  /** `document.body.innerText`. */
  text: string;
  headings: Heading[];
  /** Resolved `href` of every link. */
  hrefs: string[];
}

/** Opens an HTML file in Chromium and reads what a reader gets from it. */
export async function openRendered(browser: Browser, file: string, width = 1280): Promise<Rendered & { page: Page }> {
  const page = await browser.page(width);
  await page.goto(pathToFileURL(file).href);
  // The project's type-checking has no DOM library; the page's globals are reached through globalThis.
  const rendered = await page.evaluate((): Rendered => {
    type El = { tagName: string; innerText: string; href: string };
    const doc = (globalThis as unknown as { document: { body: El; querySelectorAll(s: string): Iterable<El> } }).document;
    return {
      text: doc.body.innerText,
      headings: [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
        level: Number(h.tagName.slice(1)),
        text: h.innerText.replace(/\s+/g, ' ').trim(),
      })),
      hrefs: [...doc.querySelectorAll('a[href]')].map((a) => a.href),
    };
  });
  return { ...rendered, page };
}

/** Reads an HTML file in Chromium and closes the page. */
export async function readRendered(browser: Browser, file: string): Promise<Rendered> {
  const { page, ...rendered } = await openRendered(browser, file);
  await page.close();
  return rendered;
}

/**
 * The plain-text part with each link's bracketed target dropped where the
 * link text already is that address (`www.x/ <http://www.x/>` → `www.x/`),
 * so a sentence reads contiguously; any other bracketed URL stays.
 */
export function withoutRepeatedUrls(text: string): string {
  const bare = (u: string) => u.replace(/^(https?:\/\/|mailto:)/, '');
  return text.replace(/(\S+)(\s+)<((?:https?:\/\/|mailto:)[^>\s]+)>/g, (all, word: string, _space: string, url: string) =>
    bare(word.replace(/[.,;:]$/, '')) === bare(url) ? word : all,
  );
}
