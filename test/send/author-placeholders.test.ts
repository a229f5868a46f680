/**
 * Author text can never reach a per-recipient value. `validate` refuses
 * placeholder syntax in any author field (test/content/author-text.test.ts);
 * this is the second wall: if such text reaches the renderer anyway (an old
 * record, a file that skipped validation), substitution still fills only the
 * template's own slots, and the author's copy stays inert text.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { loadConfig, loadMonth, type MonthContent, type SiteConfig } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { prepareEmail } from '../../core/send/compose-message.js';
import { compileTemplate, personalise } from '../../core/send/personalise.js';
import { CONTENT_DIR } from './support.js';

let config: SiteConfig;
let july: MonthContent;
let templates: Templates;
beforeAll(async () => {
  const store = new FsContentStore(CONTENT_DIR);
  config = (await loadConfig(store)).config!;
  july = await loadMonth(store, '2010-07', config);
  templates = compileTemplates(await readTemplateFiles());
});

const URL_VALUE = 'https://metforward.example.org/unsubscribe?token=REAL.TOKEN';
/** Placeholder syntax an author might paste, including a guess at a slot key. */
const smuggled = fc.constantFrom('%%{unsubscribe_url}%%', '%%{unsubscribe_url:0123456789abcdef}%%', '%%{unsubscribe_url:', '}%%', '%%{first_name}%%');
/** Where in an update it goes: every author-written string the email shows. */
const fields = ['title', 'summary', 'body', 'linkLabel', 'linkUrl', 'dateLabel', 'contactLine', 'gettingInvolved'] as const;

function withText(field: (typeof fields)[number], text: string) {
  const updates = july.updates.map((u, i) => {
    if (i !== 0) return u;
    switch (field) {
      case 'title': return { ...u, title: `Title ${text}` };
      case 'summary': return { ...u, summary: `Summary ${text}` };
      case 'body': return { ...u, body: `${u.body}\n\nBody ${text}\n` };
      case 'linkLabel': return { ...u, links: [{ label: `Label ${text}`, url: 'https://example.org/' }] };
      case 'linkUrl': return { ...u, links: [{ label: 'A link', url: `https://evil.example/?u=${text}` }] };
      case 'dateLabel': return { ...u, dates: [{ date: '2010-08-31', label: `Date ${text}` }] };
      case 'contactLine': return { ...u, contact: { lines: [`Line ${text}`] } };
      default: return u;
    }
  });
  const manifest = field === 'gettingInvolved' ? { ...july.manifest!, gettingInvolved: [`Get involved ${text}`] } : july.manifest;
  return buildIssue({ config, ...july, updates, ...(manifest ? { manifest } : {}) });
}

describe('placeholder syntax in author text', () => {
  it('is never substituted: each part carries the real unsubscribe link exactly once, and the author\'s copy stays as written', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...fields), smuggled, async (field, text) => {
      // Arrange
      const email = await renderEmail(withText(field, text), templates);
      // Act
      prepareEmail(email);
      const html = personalise(compileTemplate(email.html, 'html', email.slotKey), { unsubscribe_url: URL_VALUE });
      const plain = personalise(compileTemplate(email.text, 'text', email.slotKey), { unsubscribe_url: URL_VALUE });
      // Assert
      expect(html.split(URL_VALUE)).toHaveLength(2);
      expect(plain.split(URL_VALUE)).toHaveLength(2);
      expect(html.includes(`%%{unsubscribe_url:${email.slotKey}}%%`) || plain.includes(email.slotKey)).toBe(false);
    }), { numRuns: 40 });
  });

  it('does not leave the email without its own slot, whatever the author wrote', async () => {
    const email = await renderEmail(withText('body', '%%{unsubscribe_url}%% %%{unsubscribe_url}%%'), templates);
    expect(prepareEmail(email).html.placeholders).toEqual(['unsubscribe_url']);
    expect(email.slotKey).toMatch(/^[0-9a-f]{16}$/);
  });
});
