/**
 * The floor of a clean archive build: one warm PDF (fonts parsed, common
 * words shaped) of a generated issue, median of 20, times 240 issues — work
 * a build into an empty folder cannot skip, since each issue's PDF is new.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { listMonths, loadConfig, loadMonth } from '../core/content/load-content.js';
import { buildIssue, type Issue } from '../core/render/issue-model.js';
import type { PdfFonts } from '../core/render/render-pdf-fonts.js';
import { renderPdf } from '../core/render/render-pdf.js';
import { generateContent } from './archive-content.js';
import { median, ms, sample, type Row } from './support.js';

export async function pdfFloor(fonts: PdfFonts, targetMs: number): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), 'bulletin-bench-pdf-'));
  try {
    const { content } = await generateContent(dir, 24);
    const store = new FsContentStore(content);
    const { config } = await loadConfig(store);
    const issues: Issue[] = [];
    for (const month of await listMonths(store)) issues.push(buildIssue({ config: config!, ...(await loadMonth(store, month, config!)) }));
    let i = 0;
    const at = { createdAt: '2000-01-01T09:00:00Z', modifiedAt: '2000-01-01T09:00:00Z' };
    const times = await sample(() => renderPdf(issues[i++ % issues.length]!, fonts, at), 20, 4);
    const each = median(times);
    return { name: 'one PDF, warm (clean build floor)', value: ms(each), note: `× 240 issues = ${ms(each * 240)} of any clean 240-month build (${ms(targetMs)} budget); the rebuild reuses stored PDFs instead` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
