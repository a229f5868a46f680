/**
 * What a Lambda imports to render an issue (issue model, web page, MJML
 * email, plain text, templates): bundled by bench/lambdas.bench.ts like a
 * handler, to time its import in a fresh process.
 */
export { buildIssue } from '../core/render/issue-model.js';
export { renderIssuePage } from '../core/render/render-page.js';
export { renderEmail } from '../core/render/render-email.js';
export { compileTemplates } from '../core/render/templates.js';
