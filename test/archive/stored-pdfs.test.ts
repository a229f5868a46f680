/**
 * A rebuild over an existing archive reuses each stored PDF whose record
 * matches what the PDF would be rendered from, and renders again whenever
 * anything differs: the inputs (a correction, a draft flag, other fonts) or
 * the stored bytes (a crash or a hand edit since the record was written).
 * Entries are fresh copies each write, so nothing is remembered in memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdfFonts } from '../../adapters/fs-fonts.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import type { ArchiveEntry } from '../../core/archive/archive-entry.js';
import { pdfRecordFile, pdfRecordKey } from '../../core/archive/pdf-record.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { compileTemplates } from '../../core/render/templates.js';
import { archiveInput } from './archive-input.js';
import { MemoryArchiveStore } from './memory-archive-store.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

const PDF = 'site/2010/07/met-forward-2010-07.pdf';
const FAKE = new TextEncoder().encode('%PDF-1.7 stored bytes, never rendered by this build');
let sample: SampleArchive;

beforeAll(async () => {
  sample = await sampleArchive();
  sample.templates = compileTemplates(await readTemplateFiles(), { fonts: await readPdfFonts() });
});

const copies = (edit: (e: ArchiveEntry) => ArchiveEntry = (e) => e) => structuredClone(sample.entries).map(edit);
const write = (out: MemoryArchiveStore, entries: ArchiveEntry[]) => writeArchive(archiveInput(sample, out, { entries }));
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** An archive whose July PDF is stand-in bytes with a record vouching for them under July's real inputs. */
async function archiveWithStandIn(): Promise<MemoryArchiveStore> {
  const out = new MemoryArchiveStore();
  await write(out, copies());
  const record = JSON.parse(text(out.files.get(pdfRecordKey(PDF)))) as { inputs: string };
  out.files.set(PDF, FAKE);
  out.files.set(pdfRecordKey(PDF), new TextEncoder().encode(pdfRecordFile(PDF, record.inputs, FAKE).body as string));
  return out;
}

describe('a rebuild over an existing archive', () => {
  it('writes each PDF before its record, outside site/, and the record names the PDF\'s bytes', async () => {
    const out = new MemoryArchiveStore();
    await write(out, copies());
    const key = pdfRecordKey(PDF);
    expect(key.startsWith('site/')).toBe(false);
    expect(out.attempts.indexOf(PDF)).toBeLessThan(out.attempts.indexOf(key));
    expect(out.attempts.indexOf(key)).toBeLessThan(out.attempts.indexOf('site/2010/07/index.html'));
  });

  it('reuses the stored bytes when the inputs match the record (nothing rendered)', async () => {
    const out = await archiveWithStandIn();
    await write(out, copies());
    expect(text(out.files.get(PDF))).toBe(text(FAKE));
  });

  it('renders again when the stored PDF no longer matches its record', async () => {
    const out = await archiveWithStandIn();
    out.files.set(PDF, new TextEncoder().encode('%PDF-1.7 half written'));
    await write(out, copies());
    expect(text(out.files.get(PDF)!.slice(0, 8))).toBe('%PDF-1.7');
    expect(out.files.get(PDF)!.byteLength).toBeGreaterThan(10_000);
  });

  it.each([
    ['a correction', (e: ArchiveEntry) => ({ ...e, corrections: [{ revision: 2, date: '2010-07-20', note: 'Dates fixed.' }] })],
    ['a draft flag', (e: ArchiveEntry) => ({ ...e, draft: true })],
    ['a changed sentence', (e: ArchiveEntry) => ({ ...e, issue: { ...e.issue, purposeHtml: `${e.issue.purposeHtml}<p>One more.</p>` } })],
    ['a different publication date', (e: ArchiveEntry) => ({ ...e, publishedAt: '2010-07-02T10:00:00Z' })],
  ])('renders again after %s', async (_what, edit) => {
    const out = await archiveWithStandIn();
    await write(out, copies((e) => (e.issue.month === '2010-07' ? edit(e) : e)));
    expect(text(out.files.get(PDF))).not.toBe(text(FAKE));
    expect(out.files.get(PDF)!.byteLength).toBeGreaterThan(10_000);
  });

  it('renders again with other fonts', async () => {
    const out = await archiveWithStandIn();
    const fonts = sample.templates.fonts!;
    const other = { ...fonts, bold: fonts.regular };
    await writeArchive(archiveInput(sample, out, { entries: copies(), templates: { ...sample.templates, fonts: other } }));
    expect(text(out.files.get(PDF))).not.toBe(text(FAKE));
  });
});
