/**
 * Guards on the email template itself, for every sample month: the
 * `mj-html-attributes` pass (MJML re-serialises the body through cheerio in
 * XML mode to apply it) must change nothing but the landmark role — an
 * unclosed void tag such as `<br>` would otherwise come out duplicated.
 */
import { describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { listMonths, loadConfig, loadMonth } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import { compileTemplates } from '../../core/render/templates.js';
import { CONTENT_DIR } from '../send/support.js';

const HTML_ATTRIBUTES = /\s*<mj-html-attributes>[\s\S]*?<\/mj-html-attributes>/;

describe('the email template', async () => {
  const store = new FsContentStore(CONTENT_DIR);
  const { config } = await loadConfig(store);
  const files = await readTemplateFiles();
  const withRole = compileTemplates(files);
  const issueFile = files['email/issue.mjml.hbs']!;
  const withoutRole = compileTemplates({ ...files, 'email/issue.mjml.hbs': issueFile.replace(HTML_ATTRIBUTES, '') });

  it('sets the landmark through mj-html-attributes', () => {
    expect(issueFile).toMatch(HTML_ATTRIBUTES);
  });

  it.each(await listMonths(store))('%s: the attribute pass changes only the wrapper\'s role', async (month) => {
    const content = await loadMonth(store, month, config!);
    const issue = buildIssue({ config: config!, ...content });
    const [a, b] = await Promise.all([renderEmail(issue, withRole), renderEmail(issue, withoutRole)]);
    expect(a.html).toContain('aria-roledescription="email" role="main"');
    expect(a.html).toBe(b.html.replace('aria-roledescription="email" role="article"', 'aria-roledescription="email" role="main"'));
    expect(a.html.match(/role="main"/g)).toHaveLength(1);
  });

  it.each(await listMonths(store))('%s: every layout table is marked role="presentation" (only Markdown data tables, with a <thead>, are not)', async (month) => {
    const content = await loadMonth(store, month, config!);
    const issue = buildIssue({ config: config!, ...content });
    const { html } = await renderEmail(issue, withRole);
    const tables = html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.filter((t) => !/role="presentation"/.test(t))).toHaveLength(html.match(/<thead>/g)?.length ?? 0);
  });
});
