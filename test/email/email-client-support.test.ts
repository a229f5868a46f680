/**
 * Client support, per caniemail (through doiuse-email), for Gmail, Outlook
 * and Apple Mail. MJML's output trips the checker by design, so every
 * finding must be on the allow-list below, each with the reason it is
 * harmless; anything else fails. A list entry nothing needs any more fails too.
 */
import { doIUseEmail } from 'doiuse-email';
import { describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { listMonths, loadConfig, loadMonth } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderEmail } from '../../core/render/render-email.js';
import { compileTemplates } from '../../core/render/templates.js';
import { compileTemplate, personalise } from '../../core/send/personalise.js';
import { CONTENT_DIR } from '../send/support.js';

const CLIENTS = ['gmail.*', 'outlook.*', 'apple-mail.*'];

interface Allowed {
  feature: string;
  clients: string[];
  why: string;
}

const ALLOWED: Allowed[] = [
  // Gmail with a non-Google account ("mobile webmail") drops <style> entirely; everything that matters is inlined.
  { feature: 'Type selector', clients: ['gmail.mobile-webmail'], why: 'MJML reset (body, table, td, img, p) and our dark-mode `a` rule live in <style>; inline styles carry the design where it is dropped' },
  { feature: 'Class selector', clients: ['gmail.mobile-webmail'], why: 'MJML column widths and our dark-mode classes: <style> only, inline widths and colours are the fallback' },
  { feature: 'ID selector', clients: ['gmail.mobile-webmail'], why: 'MJML reset `#outlook a`, aimed at old Outlook.com only' },
  { feature: 'Descendant combinator', clients: ['gmail.mobile-webmail'], why: 'MJML `.moz-text-html .mj-column-per-100` and our dark-mode `.content p` rules: <style> only' },
  { feature: 'Chaining selectors', clients: ['gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail'], why: 'MJML column rules in <style>; Outlook for Windows lays out from the conditional mso tables instead' },
  { feature: '@media', clients: ['gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail'], why: 'MJML\'s mobile-first column breakpoint and our prefers-color-scheme block: enhancements; the fixed 600px mso tables and the light inline colours remain' },
  { feature: 'outline', clients: ['outlook.windows', 'outlook.windows-mail'], why: 'MJML img reset `outline:none`; we send no images' },
  // The hidden preheader: each client that ignores one of these still hides it with another (font-size/line-height/max-height 0).
  { feature: 'display:none', clients: ['gmail.mobile-webmail'], why: 'hidden preheader (mj-preview); max-height:0 and font-size:1px hide it as well' },
  { feature: 'opacity', clients: ['gmail.mobile-webmail', 'outlook.windows', 'outlook.windows-mail'], why: 'hidden preheader (mj-preview); display:none hides it as well' },
  { feature: 'overflow', clients: ['outlook.windows', 'outlook.windows-mail', 'outlook.android'], why: 'hidden preheader (mj-preview); display:none hides it as well' },
  { feature: '<body> element', clients: ['outlook.ios', 'outlook.android'], why: 'replaced by a div: our background and width are repeated on MJML\'s inner wrapper' },
  { feature: 'word-break', clients: ['outlook.windows-mail'], why: 'MJML mj-text `word-break:break-word`, only for overlong words; text wraps normally without it' },
  { feature: 'role attribute', clients: ['outlook.windows-mail'], why: 'role="presentation" on layout tables and the main landmark: ignored by Windows Mail, read by screen readers elsewhere' },
  { feature: 'aria-label attribute', clients: ['outlook.windows-mail'], why: 'MJML\'s label (the issue title) on the wrapper; the h1 says the same' },
];

function allowed(feature: string, client: string): boolean {
  return ALLOWED.some((a) => a.feature === feature && a.clients.includes(client));
}

function errorsOf(html: string): string[] {
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  return 'errors' in result ? result.errors : [];
}

/** Every `(feature, client)` finding for one month's personalised email. */
async function findings(month: string): Promise<string[][]> {
  const store = new FsContentStore(CONTENT_DIR);
  const { config } = await loadConfig(store);
  const content = await loadMonth(store, month, config!);
  const issue = buildIssue({ config: config!, ...content });
  const { html, slotKey } = await renderEmail(issue, compileTemplates(await readTemplateFiles()));
  const personalised = personalise(compileTemplate(html, 'html', slotKey), { unsubscribe_url: 'https://metforward.example.org/unsubscribe?token=abc.def' });
  return errorsOf(personalised).map((error) => {
    const m = /^`(.+)` is not supported by `(.+)`$/.exec(error);
    return m ? [m[1]!, m[2]!] : [error, '(unparsed)'];
  });
}

const months = await listMonths(new FsContentStore(CONTENT_DIR));
const byMonth = new Map<string, Promise<string[][]>>();
const findingsFor = (month: string) => byMonth.get(month) ?? byMonth.set(month, findings(month)).get(month)!;

describe('email client support (caniemail via doiuse-email)', () => {
  it.each(months)('%s: nothing Gmail, Outlook or Apple Mail lacks, beyond the allow-list', async (month) => {
    const unexpected = (await findingsFor(month)).filter(([feature, client]) => !allowed(feature!, client!)).map((f) => f.join(' × '));
    expect([...new Set(unexpected)]).toEqual([]);
  });

  it('needs every allow-list entry (a stale entry would hide a regression)', async () => {
    const seen = new Set((await Promise.all(months.map(findingsFor))).flat().map((f) => f.join('|')));
    const stale = ALLOWED.flatMap((a) => a.clients.filter((c) => !seen.has(`${a.feature}|${c}`)).map((c) => `${a.feature} × ${c}`));
    expect(stale).toEqual([]);
  });

  it('notices a feature that is not on the list', () => {
    const errors = errorsOf('<!doctype html><html><body><div style="display:grid">x</div></body></html>');
    expect(errors.some((e) => /`display:grid` is not supported by `outlook/.test(e))).toBe(true);
  });
});
