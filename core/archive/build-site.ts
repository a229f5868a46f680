/**
 * `bulletin build`: every month in the content (or one) → web pages, emails,
 * and the preview index. Bad files are reported and left out; everything
 * valid is still built.
 */
import { listMonths, loadConfig, loadMonth, type SiteConfig } from '../content/load-content.js';
import type { Problem } from '../content/problem.js';
import type { ArchiveStore, ContentStore } from '../ports.js';
import { buildIssue, type Issue } from '../render/issue-model.js';
import { siteContext } from '../render/render-page.js';
import type { Templates } from '../render/templates.js';
import { HTML, renderMonth, type OutputFile } from './render-month.js';

export interface BuildInput {
  content: ContentStore;
  out: ArchiveStore;
  templates: Templates;
  /** Static assets (`web/assets/site.css` …) copied to `site/assets/`. */
  assets: Readonly<Record<string, string>>;
  /** Build only this month (plus the index pages). */
  month?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface BuildResult {
  problems: Problem[];
  issues: Issue[];
  /** Keys actually written (unchanged files are not rewritten). */
  written: string[];
}

export async function buildSite(input: BuildInput): Promise<BuildResult> {
  const { content, out, templates } = input;
  const { config, problems } = await loadConfig(content);
  if (!config) return { problems, issues: [], written: [] };
  const months = await listMonths(content);
  const targets = input.month ? months.filter((m) => m === input.month) : months;
  if (input.month && !targets.length) {
    problems.push({ path: `updates/${input.month}/`, field: 'month', message: `no updates or manifest for ${input.month}` });
  }
  const written: string[] = [];
  const write = async (f: OutputFile) => {
    if (await out.write(f.key, f.body, f.contentType)) written.push(f.key);
  };
  const issues: Issue[] = [];
  const latestMonth = months.at(-1);
  for (const [i, month] of targets.entries()) {
    input.onProgress?.(i, targets.length, month);
    const monthContent = await loadMonth(content, month, config);
    problems.push(...monthContent.problems);
    const rendered = await renderMonth(config, monthContent, templates, latestMonth ? { latestMonth } : {});
    issues.push(rendered.issue);
    for (const f of rendered.files) await write(f);
  }
  input.onProgress?.(targets.length, targets.length, 'index');
  for (const [name, body] of Object.entries(input.assets)) await write({ key: `site/assets/${name}`, body, contentType: 'text/css' });
  const allIssues = input.month ? await issueSummaries(content, config, months, issues) : issues;
  await write({ key: 'site/index.html', body: renderIndex(config, allIssues, templates, '', 'index'), contentType: HTML });
  await write({ key: 'index.html', body: renderIndex(config, allIssues, templates, 'site/', 'preview', problems.length), contentType: HTML });
  return { problems, issues, written };
}

/** For a one-month build, the other months' index entries come from their content without rendering them. */
async function issueSummaries(content: ContentStore, config: SiteConfig, months: string[], built: Issue[]): Promise<Issue[]> {
  const out: Issue[] = [];
  for (const month of months) {
    const done = built.find((i) => i.month === month);
    if (done) out.push(done);
    else {
      const m = await loadMonth(content, month, config);
      out.push(buildIssue({ config, month, updates: m.updates, ...(m.manifest ? { manifest: m.manifest } : {}) }));
    }
  }
  return out;
}

function renderIndex(config: SiteConfig, issues: Issue[], templates: Templates, root: string, kind: 'index' | 'preview', problemCount = 0): string {
  const newest = [...issues].sort((a, b) => b.month.localeCompare(a.month));
  return templates.page(kind, {
    site: siteContext(config.publication),
    root,
    pageTitle: kind === 'preview' ? 'Preview of every month' : 'All issues',
    canonical: `${config.publication.baseUrl.replace(/\/+$/, '')}/`,
    issues: newest,
    problemCount,
  });
}
