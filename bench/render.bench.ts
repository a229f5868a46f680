/**
 * Rendering one issue: cold (a fresh process, so module import and the first
 * MJML run count), warm per issue and per output, one MJML run on its own,
 * and the memory the warm runs leave behind.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mjml2html from 'mjml';
import { FsContentStore } from '../adapters/fs-content-store.js';
import { readPdfFonts } from '../adapters/fs-fonts.js';
import { readTemplateFiles } from '../adapters/fs-templates.js';
import { loadConfig, loadMonth } from '../core/content/load-content.js';
import { buildIssue } from '../core/render/issue-model.js';
import { preheader, renderEmail } from '../core/render/render-email.js';
import { renderIssuePage } from '../core/render/render-page.js';
import { renderPdf } from '../core/render/render-pdf.js';
import { renderText } from '../core/render/render-text.js';
import { compileTemplates } from '../core/render/templates.js';
import { mb, mean, median, ms, sample, type Row } from './support.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const COLD_RUNS = 3;
const WARM_RUNS = 50;
const WARMUP = 20;
// A PDF render costs tens of milliseconds: fewer runs keep the bench short.
const PDF_RUNS = 15;
const PDF_WARMUP = 3;

interface Cold {
  wallMs: number;
  importMs: number;
  loadMs: number;
  renderMs: number;
  totalMs: number;
  rss: number;
}

/** Runs bench/cold-render.ts in a fresh Node process (through tsx, as `bulletin` runs). */
function coldRun(): Promise<Cold> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cold-render.ts', 'content'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return fail(new Error(`cold-render.ts exited ${code}`));
      done({ wallMs, ...(JSON.parse(out.trim().split('\n').at(-1)!) as Omit<Cold, 'wallMs'>) });
    });
  });
}

export async function run(): Promise<Row[]> {
  const colds: Cold[] = [];
  for (let i = 0; i < COLD_RUNS; i++) colds.push(await coldRun());
  const med = (pick: (c: Cold) => number) => median(colds.map(pick));

  const store = new FsContentStore(`${REPO}content`);
  const { config } = await loadConfig(store);
  if (!config) throw new Error('content/config is invalid');
  const july = await loadMonth(store, '2010-07', config);
  const templates = compileTemplates(await readTemplateFiles());
  const input = { config, ...july };
  const issue = buildIssue(input);
  const source = templates.mjml('issue', { issue, preheader: preheader(issue), test: false });

  // A real collection before each reading, so the heap figure is what the renders keep, not garbage awaiting GC.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const perIssue = await sample(async () => {
    const i = buildIssue(input);
    renderIssuePage(i, config.publication, templates, {});
    await renderEmail(i, templates); // HTML and plain text
  }, WARM_RUNS, WARMUP);
  const rssPeak = process.memoryUsage().rss;
  gc();
  const rssAfter = process.memoryUsage().rss;
  const heapAfter = process.memoryUsage().heapUsed;

  const model = await sample(() => buildIssue(input), WARM_RUNS, WARMUP);
  const page = await sample(() => renderIssuePage(issue, config.publication, templates, {}), WARM_RUNS, WARMUP);
  const email = await sample(() => renderEmail(issue, templates), WARM_RUNS, WARMUP);
  const text = await sample(() => renderText(issue), WARM_RUNS, WARMUP);
  const mjml = await sample(() => mjml2html(source, { validationLevel: 'strict', keepComments: false }), WARM_RUNS, WARMUP);
  const fonts = await readPdfFonts();
  const dates = { createdAt: '2010-07-01T09:00:00Z', modifiedAt: '2010-07-01T09:00:00Z' };
  let pdfBytes = 0;
  const pdf = await sample(() => (pdfBytes = renderPdf(issue, fonts, dates).byteLength), PDF_RUNS, PDF_WARMUP);

  return [
    { name: 'cold: process start to three outputs', value: ms(med((c) => c.wallMs)), note: `median of ${COLD_RUNS} fresh processes (node + tsx start-up included)` },
    { name: 'cold: import of the render modules', value: ms(med((c) => c.importMs)), note: 'inside the fresh process' },
    { name: 'cold: load July 2010 content + templates', value: ms(med((c) => c.loadMs)) },
    { name: 'cold: first render of one issue (web, email, text)', value: ms(med((c) => c.renderMs)), note: 'includes the first MJML run' },
    { name: 'cold: rss at the end', value: mb(med((c) => c.rss)) },
    { name: 'warm: one issue (model, web, email, text)', value: ms(median(perIssue)), note: `median of ${WARM_RUNS}; mean ${ms(mean(perIssue))}` },
    { name: 'warm: issue model (Markdown → sanitised HTML)', value: ms(median(model)) },
    { name: 'warm: web page (Handlebars)', value: ms(median(page)) },
    { name: 'warm: email (Handlebars → MJML → HTML, plus the text part)', value: ms(median(email)) },
    { name: 'warm: plain text part on its own', value: ms(median(text)) },
    { name: 'warm: one issue\'s PDF (pdfkit, tagged, fonts embedded)', value: ms(median(pdf)), note: `median of ${PDF_RUNS}; ${Math.round(pdfBytes / 1024)} KB; not part of "one issue" above` },
    { name: 'warm: one MJML run on its own', value: ms(median(mjml)), note: `${Math.round((median(mjml) / median(perIssue)) * 100)}% of a whole issue render` },
    { name: 'memory: rss growth over the warm renders', value: `+${mb(rssPeak - rssBefore)}`, note: `before GC; +${mb(rssAfter - rssBefore)} after (${WARM_RUNS + WARMUP} issues)` },
    { name: 'memory: heap kept after the warm renders', value: `${heapAfter >= heapBefore ? '+' : ''}${mb(heapAfter - heapBefore)}`, note: 'after a forced GC: what rendering retains' },
  ];
}
