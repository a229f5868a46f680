/**
 * The PDF renderer as a pure function: same input, same bytes; characters
 * from every script the fonts cover survive extraction; the HTML reader
 * never loses text; the archive writes the PDF of each issue and of each
 * earlier revision, and without fonts writes none and links to none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfFonts } from '../../adapters/fs-fonts.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import type { ArchiveEntry } from '../../core/archive/archive-entry.js';
import { revisionPage } from '../../core/archive/issue-files.js';
import { writeArchive } from '../../core/archive/write-archive.js';
import { renderMarkdown } from '../../core/content/render-markdown.js';
import { faceRuns, type PdfFonts } from '../../core/render/render-pdf-fonts.js';
import { breakLines } from '../../core/render/render-pdf-lines.js';
import { htmlBlocks, htmlInlines, type Block } from '../../core/render/render-pdf-html.js';
import { nameSlug } from '../../core/render/render-pdf-name.js';
import { renderPdf } from '../../core/render/render-pdf.js';
import { compileTemplates } from '../../core/render/templates.js';
import { archiveInput } from '../archive/archive-input.js';
import { MemoryArchiveStore } from '../archive/memory-archive-store.js';
import { sampleArchive, type SampleArchive } from '../archive/sample-archive.js';
import { pdfText, poppler, writePdf } from './pdf-support.js';

let fonts: PdfFonts;
let sample: SampleArchive;
let dir: string;
const at = { createdAt: '2010-07-01T09:00:00Z', modifiedAt: '2010-07-01T09:00:00Z' };
const july = () => sample.entries.find((e) => e.issue.month === '2010-07')!.issue;

beforeAll(async () => {
  fonts = await readPdfFonts();
  sample = await sampleArchive();
  dir = await mkdtemp(join(tmpdir(), 'pdf-render-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderPdf', () => {
  it('gives byte-identical PDFs for the same input, and dates them from the entry, never the clock', async () => {
    const a = renderPdf(july(), fonts, at);
    const b = renderPdf(july(), fonts, at);
    const later = renderPdf(july(), fonts, { ...at, modifiedAt: '2010-08-12T09:00:00Z' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const { stdout } = await poppler('pdfinfo', ['-isodates', await writePdf(dir, 'later.pdf', later)]);
    expect(stdout).toMatch(/^CreationDate:\s+2010-07-01T09:00:00Z$/m);
    expect(stdout).toMatch(/^ModDate:\s+2010-08-12T09:00:00Z$/m);
  });

  it('keeps "café", "–", "’" and letters of every script the fonts cover through extraction', async () => {
    // Arrange
    const words = ['café', 'a – b', 'it’s', '“quoted”', 'Łódź', 'Ελληνικά', 'Привет', 'Tiếng Việt', '€5 · £3'];
    const issue = { ...july(), title: `Unicode ${words.join(' ')}`, sections: [{ ...july().sections[0]!, html: `<p>${words.join(' ')}</p>` }] };

    // Act
    const file = await writePdf(dir, 'unicode.pdf', renderPdf(issue, fonts, at));
    const text = (await pdfText(file, /^$/)).replace(/\s+/g, ' ');

    // Assert
    expect(words.filter((w) => !text.includes(w))).toEqual([]);
  });

  it('announces a correction, a draft and an earlier revision on page 1', async () => {
    const pdf = renderPdf(july(), fonts, { ...at, draft: true, corrections: [{ date: '2010-08-12', note: 'The panel meets on 14 October.' }], earlierRevision: { revision: 1, currentUrl: july().url } });
    const file = await writePdf(dir, 'notices.pdf', pdf);
    const page1 = (await pdfText(file, /^$/)).split('\f')[0]!.replace(/\s+/g, ' ');
    expect(page1).toContain('Corrected on 12 August 2010: The panel meets on 14 October.');
    expect(page1).toContain('Draft preview: this issue has not been published.');
    expect(page1).toContain('This is revision 1 of this issue, kept for the record.');
  });
});

describe('choosing a face per character', () => {
  it('keeps every character, in order, each drawn from a face that covers it when one does', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      const runs = faceRuns(s, fonts.regular);
      expect(runs.map((r) => r.text).join('')).toBe(s);
      for (const r of runs) {
        for (const ch of r.text) {
          const cp = ch.codePointAt(0)!;
          const covered = fonts.regular.some((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));
          const mine = fonts.regular[r.face]!.ranges.some(([a, b]) => cp >= a && cp <= b);
          if (covered) expect(mine).toBe(true);
        }
      }
    }));
  });
});

describe('breaking lines', () => {
  it('breaks only at spaces, never inside a URL or after a hyphen, and every line fits', () => {
    const word = fc.stringMatching(/^[a-z0-9./:?=-]{1,12}$/);
    fc.assert(fc.property(fc.array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 30 }), fc.integer({ min: 12, max: 40 }), (ws, width) => {
      // Arrange: one unit per character; some words are links.
      const inlines = ws.flatMap(([w, isLink], i) => [...(i ? [{ text: ' ' }] : []), isLink ? { text: w, href: `https://${w}` } : { text: w }]);

      // Act
      const lines = breakLines(inlines, { width, bold: false, measure: (t) => [...t].length }).map((l) => l.map((p) => p.text).join(''));

      // Assert
      expect(lines.join(' ')).toBe(ws.map(([w]) => w).join(' '));
      expect(lines.filter((l) => l.length > width)).toEqual([]);
      expect(lines.flatMap((l) => l.split(' '))).toEqual(ws.map(([w]) => w));
    }));
  });
});

describe('reading the sanitised HTML', () => {
  const textOf = (bs: readonly Block[]): string => bs.map((b) => {
    if (b.kind === 'heading' || b.kind === 'para') return b.inlines.map((i) => i.text).join('');
    if (b.kind === 'list') return b.items.map(textOf).join(' ');
    if (b.kind === 'quote') return textOf(b.blocks);
    if (b.kind === 'table') return b.rows.map((r) => r.map((c) => c.inlines.map((i) => i.text).join('')).join(' ')).join(' ');
    return b.kind === 'pre' ? b.text : '';
  }).join(' ');
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

  it('never loses or alters the words of any Markdown an author writes', () => {
    // Markdown's own markers (">", "-", "#", "*", "_" …) are the block prefixes and markup below, never inside words.
    const word = fc.stringMatching(/^[A-Za-z0-9&<"'’–é]{1,8}$/);
    const markup = fc.constantFrom('', '**', '_', '`');
    const line = fc.array(fc.tuple(markup, word), { minLength: 1, maxLength: 6 }).map((ws) => ws.map(([m, w]) => `${m}${w}${m}`).join(' '));
    const block = fc.tuple(fc.constantFrom('', '- ', '1. ', '> ', '## '), line).map(([p, l]) => `${p}${l}`);
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (bs) => {
      const md = bs.join('\n\n');
      const words = squash(md.replace(/^(- |1\. |> |## )/gm, '').replace(/\*\*|_|`/g, ''));
      expect(squash(textOf(htmlBlocks(renderMarkdown(md))).replace(/\*\*|_|`/g, ''))).toBe(words);
    }));
  });

  it('reads links, emphasis, lists and tables from the renderer\'s HTML', () => {
    const html = renderMarkdown('Go to www.mpa.gov.uk/work/ **now**.\n\n- one\n- *two*\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    const [p, list, table] = htmlBlocks(html);
    expect(p).toEqual({ kind: 'para', inlines: [{ text: 'Go to ' }, { text: 'www.mpa.gov.uk/work/', href: 'http://www.mpa.gov.uk/work/' }, { text: ' ' }, { text: 'now', bold: true }, { text: '.' }] });
    expect(list).toMatchObject({ kind: 'list', ordered: false, items: [[{ kind: 'para' }], [{ kind: 'para', inlines: [{ text: 'two', italic: true }] }]] });
    expect(table).toMatchObject({ kind: 'table', rows: [[{ header: true }, { header: true }], [{ header: false }, { header: false }]] });
    expect(htmlInlines('A &amp; B&#8217;s <a href="mailto:x@y.org">x@y.org</a>')).toEqual([{ text: 'A & B’s ' }, { text: 'x@y.org', href: 'mailto:x@y.org' }]);
  });
});

describe('the PDF in the archive', () => {
  const correction = { revision: 2, date: '2010-08-12', note: 'The panel meets on 14 October, not 7 October.' };

  it('writes each issue\'s PDF and each earlier revision\'s, named from the publication', async () => {
    // Arrange
    const withFonts = { ...sample, templates: compileTemplates(await readTemplateFiles(), { fonts }) };
    const out = new MemoryArchiveStore();
    const earlier = withFonts.entries.find((e) => e.issue.month === '2010-08')!;
    const entries: ArchiveEntry[] = withFonts.entries.map((e) => (e === earlier ? { ...e, corrections: [correction] } : e));
    const ctx = { templates: withFonts.templates, publication: withFonts.config.publication, entries };

    // Act
    await writeArchive(archiveInput(withFonts, out, { entries, extraPages: [revisionPage(ctx, earlier)] }));

    // Assert
    expect(nameSlug(withFonts.config.publication.name)).toBe('met-forward');
    const pdfs = await out.list('site/');
    expect(pdfs.filter((k) => k.endsWith('.pdf'))).toEqual(expect.arrayContaining(['site/2010/07/met-forward-2010-07.pdf', 'site/2010/08/met-forward-2010-08.pdf', 'site/2010/08/rev-1/met-forward-2010-08.pdf']));
    expect(out.attempts.indexOf('site/2010/08/rev-1/met-forward-2010-08.pdf')).toBeLessThan(out.attempts.indexOf('site/2010/08/rev-1/index.html'));
    const current = await pdfText(await writePdf(dir, 'current.pdf', out.files.get('site/2010/08/met-forward-2010-08.pdf')!), /^$/);
    const old = await pdfText(await writePdf(dir, 'old.pdf', out.files.get('site/2010/08/rev-1/met-forward-2010-08.pdf')!), /^$/);
    expect(current.replace(/\s+/g, ' ')).toContain(`Corrected on 12 August 2010: ${correction.note}`);
    expect(old.replace(/\s+/g, ' ')).toContain('This is revision 1 of this issue');
    expect(out.text('site/2010/08/rev-1/index.html')).toMatch(/<a href="met-forward-2010-08.pdf" type="application\/pdf">This bulletin is also available as a PDF \(\d+ KB\)<\/a>/);
  });

  it('rewrites no PDF when nothing changed', async () => {
    const withFonts = { ...sample, templates: compileTemplates(await readTemplateFiles(), { fonts }) };
    const out = new MemoryArchiveStore();
    await writeArchive(archiveInput(withFonts, out));
    const again = await writeArchive(archiveInput(withFonts, out, { entries: withFonts.entries.map((e) => structuredClone(e)) }));
    expect(again.written.filter((k) => k.endsWith('.pdf'))).toEqual([]);
  });

  it('without fonts writes no PDF and links to none', async () => {
    const out = new MemoryArchiveStore();
    await writeArchive(archiveInput(sample, out));
    expect((await out.list('site/')).filter((k) => k.endsWith('.pdf'))).toEqual([]);
    expect(out.text('site/2010/07/index.html')).not.toContain('available as a PDF');
    expect(out.text('site/2010/07/bulletin.json')).not.toContain('"pdf"');
  });
});
