/**
 * One cold render of the July 2010 issue (web page, email, plain text) in a
 * fresh process: module import and the first MJML run included. Started by
 * render.bench.ts; prints one JSON line of timings.
 */
const start = process.hrtime.bigint();
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

const [{ FsContentStore }, { readTemplateFiles }, { loadConfig, loadMonth }, { buildIssue }, { renderIssuePage }, { renderEmail }, { compileTemplates }] =
  await Promise.all([
    import('../adapters/fs-content-store.js'),
    import('../adapters/fs-templates.js'),
    import('../core/content/load-content.js'),
    import('../core/render/issue-model.js'),
    import('../core/render/render-page.js'),
    import('../core/render/render-email.js'),
    import('../core/render/templates.js'),
  ]);
const importMs = since(start);

const loadStart = process.hrtime.bigint();
const store = new FsContentStore(process.argv[2] ?? 'content');
const { config } = await loadConfig(store);
if (!config) throw new Error('content/config is invalid');
const month = await loadMonth(store, '2010-07', config);
const templates = compileTemplates(await readTemplateFiles());
const loadMs = since(loadStart);

const renderStart = process.hrtime.bigint();
const issue = buildIssue({ config, ...month });
const page = renderIssuePage(issue, config.publication, templates, {});
const email = await renderEmail(issue, templates);
const renderMs = since(renderStart);

process.stdout.write(`${JSON.stringify({ importMs, loadMs, renderMs, totalMs: since(start), rss: process.memoryUsage().rss, bytes: page.length + email.html.length + email.text.length })}\n`);
