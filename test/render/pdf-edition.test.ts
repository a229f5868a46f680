/**
 * A rebuild reuses a stored PDF when its inputs hash the same, and the
 * renderer's code is part of those inputs only through PDF_EDITION. So the
 * edition is held to the renderer's sources (core/render/render-pdf*.ts) and
 * pdfkit's version: when this fails, bump PDF_EDITION (every archive's PDFs
 * are then rendered again once) and record the new hash here.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PDF_EDITION } from '../../core/render/render-pdf.js';

const RECORDED = { edition: '2026-12-02.1', sources: '29bee4a72fcf21d6c0913a55154905aa777a6fd8573d200479bac13f954dd562' };
const RENDER = fileURLToPath(new URL('../../core/render/', import.meta.url));

it('PDF_EDITION was bumped with every change to the PDF renderer', async () => {
  const hash = createHash('sha256');
  for (const f of (await readdir(RENDER)).filter((f) => f.startsWith('render-pdf')).sort()) hash.update(`${f}\n`).update(await readFile(`${RENDER}${f}`));
  const pdfkit = (JSON.parse(await readFile(new URL('../../node_modules/pdfkit/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  hash.update(`pdfkit@${pdfkit}`);
  expect({ edition: PDF_EDITION, sources: hash.digest('hex') }).toEqual(RECORDED);
});
