/**
 * The sample July 2010 issue as the send path gets it: the email rendered
 * once (slots intact), its envelope, and what rendered it — shared by the
 * send bench and the two send profiles.
 */
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { loadConfig, loadMonth } from '../core/content/load-content.js';
import { buildIssue, type Issue } from '../core/render/issue-model.js';
import { renderEmail } from '../core/render/render-email.js';
import { compileTemplates, type Templates } from '../core/render/templates.js';
import { envelopeFromPublication, type SendEnvelope } from '../core/send/envelope.js';
import type { IssueEmail } from '../core/send/personalise-message.js';

export interface SampleEmail {
  issue: Issue;
  templates: Templates;
  email: IssueEmail;
  envelope: SendEnvelope;
}

export async function sampleEmail(month = '2010-07'): Promise<SampleEmail> {
  const store = new FsContentStore(new URL('../content/', import.meta.url).pathname);
  const { config } = await loadConfig(store);
  if (!config) throw new Error('content/config is invalid; run `bulletin validate`');
  const issue = buildIssue({ config, ...(await loadMonth(store, month, config)) });
  const templates = compileTemplates(await readTemplateFiles());
  const rendered = await renderEmail(issue, templates);
  const email = { subject: rendered.subject, html: rendered.html, text: rendered.text, slotKey: rendered.slotKey };
  return { issue, templates, email, envelope: envelopeFromPublication(config.publication) };
}
