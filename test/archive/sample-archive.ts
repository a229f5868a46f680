/**
 * The sample content as archive inputs, for core tests: config, templates,
 * assets and one ArchiveEntry per month, built straight from content/.
 */
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import type { ArchiveEntry } from '../../core/archive/archive-entry.js';
import { listMonths, loadConfig, loadMonth, type SiteConfig } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { CONTENT_DIR } from '../pages/site-fixture.js';

export interface SampleArchive {
  config: SiteConfig;
  templates: Templates;
  assets: Record<string, string>;
  entries: ArchiveEntry[];
}

export async function sampleArchive(): Promise<SampleArchive> {
  const content = new FsContentStore(CONTENT_DIR);
  const { config } = await loadConfig(content);
  if (!config) throw new Error('sample config is invalid');
  const entries: ArchiveEntry[] = [];
  for (const month of await listMonths(content)) {
    const m = await loadMonth(content, month, config);
    const issue = buildIssue({ config, ...m });
    entries.push({ issue, ...(issue.status !== 'approved' ? { draft: true } : {}) });
  }
  return { config, templates: compileTemplates(await readTemplateFiles()), assets: await readAssets(), entries };
}
