/**
 * Where an issue's PDF lives: `YYYY/MM/<publication>-YYYY-MM.pdf`, named
 * from the publication's name so a saved copy says what it is
 * (`met-forward-2010-07.pdf`). Kept apart from the renderer so the email and
 * text editions can link to the PDF without loading pdfkit.
 */
import type { Issue } from './issue-model.js';

/** `Met Forward` → `met-forward`: lower-case ASCII letters, digits and single hyphens; `bulletin` when nothing is left. */
export function nameSlug(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'bulletin';
}

/** The PDF's file name, e.g. `met-forward-2010-07.pdf`; the same in the issue's folder and in every `rev-N/`. */
export function pdfFileName(issue: Pick<Issue, 'month' | 'publication'>): string {
  return `${nameSlug(issue.publication.name)}-${issue.month}.pdf`;
}

/** Absolute URL of the issue's (current) PDF, beside its web page. */
export function pdfUrl(issue: Pick<Issue, 'month' | 'publication' | 'url'>): string {
  return `${issue.url}${pdfFileName(issue)}`;
}

/** "NNN KB" as the MPA archive wrote it: whole kilobytes, at least 1. */
export function sizeLabel(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
