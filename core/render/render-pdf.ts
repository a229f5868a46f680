/**
 * The PDF edition of an issue (pdfkit: tagged PDF, no browser, so it runs in
 * a Lambda): the house style of the seed bulletin — title, "1. Purpose",
 * "2. <name> Project and Workstream Updates" with a section per workstream,
 * key dates, "Getting Involved" — as a tagged PDF/UA-flavoured document in
 * the publication's language, its title shown as the window title, fonts
 * embedded, page numbers and the publication's name in the footer.
 *
 * Pure and deterministic: fonts come in as bytes, dates from the archive
 * entry (never the clock), so the same input gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { dateLabel } from './format.js';
import type { Issue, IssueDate, IssueSection } from './issue-model.js';
import { blocks, heading, list, notice, SIZES, table, text } from './render-pdf-blocks.js';
import type { PdfFonts } from './render-pdf-fonts.js';
import { htmlBlocks, htmlInlines, type Block, type Inline } from './render-pdf-html.js';
import { COLOURS, PdfWriter, type Struct } from './render-pdf-layout.js';

/**
 * The renderer's edition, part of the hash that lets a rebuild reuse a stored
 * PDF (core/archive/pdf-record.ts): change it whenever a change here, in
 * render-pdf-*.ts or in pdfkit can change a PDF's bytes. A test holds it to a
 * hash of those sources, so it cannot be forgotten.
 */
export const PDF_EDITION = '2026-12-02.1';

export interface PdfOptions {
  /** ISO time the issue was first published: the PDF's creation date. */
  createdAt: string;
  /** ISO time the shown revision was published: its modification date. */
  modifiedAt: string;
  /** Corrections to announce on page 1, newest first. */
  corrections?: readonly { date: string; note: string }[];
  draft?: boolean;
  /** This is an earlier revision, kept for the record; the current one is at `currentUrl`. */
  earlierRevision?: { revision: number; currentUrl: string };
  /** The archived-material warning the issue page carries (`archivedWarning`), in the seed's words. */
  archived?: { name: string; label: string; url: string };
}

const para = (inlines: Inline[]): Block => ({ kind: 'para', inlines });
const link = (label: string, href: string): Inline => ({ text: label, href });
const MARGIN = { top: 56, bottom: 64, left: 60, right: 60 };

function dateText(d: IssueDate, withSection: boolean): string {
  return `${d.dateLabel}${d.time ? `, ${d.time}` : ''}: ${d.label}${d.location ? ` (${d.location})` : ''}${withSection ? ` – ${d.sectionTitle}` : ''}`;
}

function section(w: PdfWriter, parent: Struct, s: IssueSection): void {
  const sect = w.doc.struct('Sect');
  parent.add(sect);
  heading(w, sect, 3, text(s.title));
  if (s.strand) w.block(sect, text(s.strand), { size: SIZES.small, colour: COLOURS.muted, after: 0.4 });
  blocks(w, sect, htmlBlocks(s.html));
  if (s.figures.length) {
    const head = ['Measure', 'Value', 'Period'].map((t) => ({ header: true, inlines: text(t) }));
    const rows = s.figures.map((f) => [
      { header: true, inlines: text(f.label) },
      { header: false, inlines: text(`${f.valueLabel}${f.unit ? ` ${f.unit}` : ''}`) },
      { header: false, inlines: text(f.period ?? '') },
    ]);
    table(w, sect, [head, ...rows], { caption: `Figures: ${s.title}`, columns: [0.5, 0.2, 0.3] });
  }
  if (s.dates.length) {
    heading(w, sect, 4, text('Key dates'));
    list(w, sect, s.dates.map((d) => [para(text(dateText(d, false)))]));
  }
  if (s.links.length) {
    heading(w, sect, 4, text('Links'));
    list(w, sect, s.links.map((l) => [para([link(l.label, l.url)])]));
  }
  if (s.contact) {
    const c = s.contact;
    heading(w, sect, 4, text('Contact'));
    const lines: Inline[] = (c.lines ?? []).flatMap((l, i) => [{ text: `${i ? '\n' : ''}${l}` }]);
    if (c.email) lines.push({ text: `${lines.length ? '\n' : ''}Email: ` }, link(c.email, `mailto:${c.email}`));
    if (c.phone) lines.push({ text: `${lines.length ? '\n' : ''}Telephone: ` }, link(c.phone, `tel:${c.phone}`));
    w.block(sect, lines, { size: SIZES.body, tag: 'P' });
  }
  sect.end();
}

function frontMatter(w: PdfWriter, root: Struct, issue: Issue, o: PdfOptions): void {
  heading(w, root, 1, text(issue.title));
  w.block(root, text(`Published by the ${issue.publication.publisher} · ${issue.monthLabel}`), { size: SIZES.body, colour: COLOURS.muted, after: 0.2 });
  w.block(root, [{ text: 'Online: ' }, link(issue.url, issue.url)], { size: SIZES.body, colour: COLOURS.muted, after: 0.8 });
  if (o.earlierRevision) {
    notice(w, root, [{ text: 'Warning: ', bold: true }, { text: `This is revision ${o.earlierRevision.revision} of this issue, kept for the record. It has since been corrected. The current version: ` }, link(o.earlierRevision.currentUrl, o.earlierRevision.currentUrl)], '#d4351c');
  }
  for (const c of o.corrections ?? []) notice(w, root, [{ text: `Corrected on ${dateLabel(c.date)}: `, bold: true }, { text: c.note }]);
  if (o.archived) {
    notice(w, root, [
      { text: 'Warning: ', bold: true },
      { text: `This is archived material and may be out of date. The ${issue.publication.publisher} has been replaced by the ${o.archived.name}. See the ` },
      link(o.archived.label, o.archived.url),
      { text: ' for further information.' },
    ]);
  }
  if (issue.sample) notice(w, root, text('Sample data: this issue demonstrates the archive and is not an official publication.'), COLOURS.muted);
  if (o.draft) notice(w, root, text('Draft preview: this issue has not been published.'), '#d4351c');
}

function footers(w: PdfWriter, issue: Issue): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const label = `${issue.publication.name} – ${issue.monthLabel}`;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Drawing below the bottom margin would start a page: lift it while the footer is drawn.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 40;
    const pageText = `Page ${i + 1} of ${range.count}`;
    doc.markContent('Artifact', { type: 'Pagination' } as PDFKit.Mixins.MarkingOptions);
    w.draw(label, w.left, y, 'regular', SIZES.small, COLOURS.muted);
    w.draw(pageText, w.left + w.width - w.measure(pageText, 'regular', SIZES.small), y, 'regular', SIZES.small, COLOURS.muted);
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the issue as PDF bytes; throws only on broken fonts. */
export function renderPdf(issue: Issue, fonts: PdfFonts, options: PdfOptions): Uint8Array {
  const p = issue.publication;
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    lang: p.language,
    displayTitle: true,
    // @types/pdfkit lists only the PDF/A subsets; pdfkit 0.20 implements PDF/UA (pdfuaid metadata, tagging checks).
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // No default Helvetica: it would be loaded from pdfkit's AFM files (absent from a bundle) and never used.
    font: null as unknown as string,
    info: {
      Title: issue.title,
      Author: p.publisher,
      Subject: `${p.name}: ${p.tagline} (${issue.monthLabel})`,
      Creator: `${p.name} bulletin`,
      CreationDate: new Date(options.createdAt),
      ModDate: new Date(options.modifiedAt),
    },
  });
  const w = new PdfWriter(doc, fonts);
  const root = doc.struct('Document');
  doc.addStructure(root);
  frontMatter(w, root, issue, options);
  if (issue.introHtml) blocks(w, root, htmlBlocks(issue.introHtml));
  const purpose = doc.struct('Sect');
  root.add(purpose);
  heading(w, purpose, 2, text('1. Purpose'));
  blocks(w, purpose, htmlBlocks(issue.purposeHtml));
  purpose.end();
  const updates = doc.struct('Sect');
  root.add(updates);
  heading(w, updates, 2, text(`2. ${p.name} Project and Workstream Updates`));
  for (const s of issue.sections) section(w, updates, s);
  updates.end();
  if (issue.keyDates.length) {
    const dates = doc.struct('Sect');
    root.add(dates);
    heading(w, dates, 2, text('Key dates'));
    list(w, dates, issue.keyDates.map((d) => [para(text(dateText(d, true)))]));
    dates.end();
  }
  const involved = doc.struct('Sect');
  root.add(involved);
  heading(w, involved, 2, text('Getting Involved'));
  list(w, involved, issue.gettingInvolvedHtml.map((h) => [para(htmlInlines(h))]));
  involved.end();
  const contact = [p.publisher, ...(p.contact.lines ?? []).filter((l) => l !== p.publisher)];
  const closing: Inline[] = contact.map((l, i) => ({ text: `${i ? '\n' : ''}${l}` }));
  if (p.contact.email) closing.push({ text: '\n' }, link(p.contact.email, `mailto:${p.contact.email}`));
  doc.y += 12;
  w.block(root, closing, { size: SIZES.small, colour: COLOURS.muted });
  root.end();
  footers(w, issue);
  doc.end();
  const chunks: Uint8Array[] = [];
  // pdfkit pushes every byte into its stream buffer synchronously by end(): read it out without waiting for events.
  for (let c = doc.read() as Uint8Array | null; c !== null; c = doc.read() as Uint8Array | null) chunks.push(c);
  return Buffer.concat(chunks);
}
