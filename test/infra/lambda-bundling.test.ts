/**
 * The Lambda bundling options (infra/lambda-bundling.ts), shared by CDK and
 * the bench: a bundle built with them — cheerio's network packages stubbed,
 * MJML loaded on first use — renders the July 2010 email and page
 * byte-for-byte as the unbundled modules do.
 */
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readPdfFonts } from '../../adapters/fs-fonts.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import { renderIssuePage } from '../../core/render/render-page.js';
import { renderPdf } from '../../core/render/render-pdf.js';
import { compileTemplates } from '../../core/render/templates.js';
import { esbuildOptions, LAMBDA_BUNDLING } from '../../infra/lambda-bundling.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so the bundle's externals resolve from node_modules as the runtime's would.
const OUT = `${ROOT}.tmp/lambda-bundling-${process.pid}/`;
afterAll(() => rm(OUT, { recursive: true, force: true }));

it('renders the same email and page bytes from the Lambda bundle as from the sources', async () => {
  // Arrange
  await mkdir(OUT, { recursive: true });
  await build({ ...esbuildOptions(`${ROOT}bench/render-entry.ts`, `${OUT}index.mjs`), logLevel: 'error' });
  const bundled = (await import(pathToFileURL(`${OUT}index.mjs`).href)) as typeof import('../../bench/render-entry.js');
  const store = new FsContentStore(`${ROOT}content`);
  const config = (await loadConfig(store)).config!;
  const month = await loadMonth(store, '2010-07', config);
  const files = await readTemplateFiles();
  // Act
  const fromBundle = bundled.buildIssue({ config, ...month });
  const bundledTemplates = bundled.compileTemplates(files);
  const email = await bundled.renderEmail(fromBundle, bundledTemplates);
  const page = bundled.renderIssuePage(fromBundle, config.publication, bundledTemplates, {});
  // Assert
  const issue = buildIssue({ config, ...month });
  const templates = compileTemplates(files);
  const expected = await renderEmail(issue, templates);
  expect(email.html).toBe(expected.html);
  expect(email.text).toBe(expected.text);
  expect(page).toBe(renderIssuePage(issue, config.publication, templates, {}));
}, 120_000);

it('renders the same PDF bytes from a bundle as from the sources (fontkit\'s WOFF2 decompressor is stubbed)', async () => {
  await mkdir(OUT, { recursive: true });
  await build({ ...esbuildOptions(`${ROOT}core/render/render-pdf.ts`, `${OUT}pdf.mjs`), logLevel: 'error' });
  const bundled = (await import(pathToFileURL(`${OUT}pdf.mjs`).href)) as typeof import('../../core/render/render-pdf.js');
  const store = new FsContentStore(`${ROOT}content`);
  const config = (await loadConfig(store)).config!;
  const issue = buildIssue({ config, ...(await loadMonth(store, '2010-07', config)) });
  const fonts = await readPdfFonts();
  const at = { createdAt: '2010-08-10T09:00:00Z', modifiedAt: '2010-08-10T09:00:00Z' };
  expect(Buffer.from(bundled.renderPdf(issue, fonts, at)).equals(Buffer.from(renderPdf(issue, fonts, at)))).toBe(true);
}, 120_000);

it('gives CDK and esbuild the same stubs', () => {
  const options = esbuildOptions('x.ts', 'x.mjs');
  expect(Object.keys(LAMBDA_BUNDLING.esbuildArgs).map((k) => k.replace('--alias:', ''))).toEqual(Object.keys(options.alias));
  expect(options.external).toEqual([...LAMBDA_BUNDLING.externalModules]);
});
