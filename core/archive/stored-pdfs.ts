/**
 * PDFs of unchanged issues are not rendered again on a rebuild: each entry
 * whose stored record (pdf-record.ts) matches the hash of its inputs gets the
 * stored PDF back, provided the stored bytes still hash to the record.
 */
import type { ArchiveStore } from '../ports.js';
import type { ArchiveEntry } from './archive-entry.js';
import { pdfPlan, reusePdf } from './issue-pdf.js';
import { pdfRecordKey, sha256, type PdfRecord } from './pdf-record.js';
import type { SiteContext } from './site-page.js';
import { readStoredJson } from './stored-json.js';

async function storedRecord(out: ArchiveStore, key: string): Promise<PdfRecord | undefined> {
  const r = (await readStoredJson(out, pdfRecordKey(key))) as Partial<PdfRecord> | undefined;
  return r && typeof r.inputs === 'string' && typeof r.sha256 === 'string' ? (r as PdfRecord) : undefined;
}

/**
 * Reads back the stored PDF of each entry whose record matches its inputs
 * and hands it to `issuePdf` (see `reusePdf`); returns how many were reused.
 * Anything missing, stale or not matching its record is simply rendered.
 */
export async function reuseStoredPdfs(out: ArchiveStore, ctx: SiteContext, entries: readonly ArchiveEntry[]): Promise<number> {
  let reused = 0;
  for (const entry of entries) {
    const plan = pdfPlan(ctx, entry);
    if (!plan) return 0;
    const record = await storedRecord(out, plan.key);
    if (record?.inputs !== plan.inputs) continue;
    const bytes = await out.read(plan.key);
    if (!bytes || sha256(bytes) !== record.sha256) continue;
    reusePdf(ctx, entry, bytes);
    reused++;
  }
  return reused;
}
