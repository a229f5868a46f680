/**
 * The one set of esbuild options every Lambda is bundled with: CDK's
 * NodejsFunction (infra/bulletin-function.ts) and the bench
 * (bench/lambdas.bench.ts) both read it, so the bench measures exactly
 * what is deployed. No aws-cdk-lib import here: the bench loads it alone.
 */

import { fileURLToPath } from 'node:url';

const ABSENT = fileURLToPath(new URL('../functions/stubs/absent.cjs', import.meta.url));

/**
 * Packages replaced by a stub that throws on use: cheerio (under MJML and
 * juice) requires them at load for fromURL/loadBuffer/decodeStream only —
 * undici alone is ≈ 0.5 MB per copy, iconv-lite ≈ 0.5 MB — and fontkit's
 * WOFF2 (brotli) decompressor, ≈ 0.5 MB: the PDF's fonts reach fontkit as
 * plain sfnt (adapters/fs-fonts.ts unwraps WOFF 1.0). Rendering never
 * reaches them (test/infra/lambda-bundling.test.ts renders the email and
 * the PDF from bundles and compares their bytes).
 */
export const STUBBED = ['undici', 'encoding-sniffer', 'parse5-parser-stream', 'brotli/decompress.js'] as const;

/** The Node target of the runtime (RUNTIME in bulletin-function.ts). */
export const LAMBDA_TARGET = 'node24';

/** Options as NodejsFunction's `bundling` spells them (format as its OutputFormat string value). */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  minify: true,
  sourceMap: true,
  target: LAMBDA_TARGET,
  mainFields: ['module', 'main'],
  // Replaces CDK's default list (['@aws-sdk/*']): the SDK clients are bundled, tree-shaken and minified with the
  // code — one file to parse at a cold start instead of resolving and reading hundreds of the runtime's SDK
  // modules (send's import 644 → 325 ms, ingest 646 → 424 ms, publish 924 → 597 ms, measured with bench/lambdas),
  // and the deployed SDK is the locked one the tests ran. mjml's optional `require('typescript')` must stay unresolved.
  externalModules: ['typescript'],
  // CommonJS dependencies (mjml, handlebars …) call require() inside the ESM bundle.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  esbuildArgs: Object.fromEntries(STUBBED.map((p) => [`--alias:${p}`, ABSENT])),
} as const;

/** The same options for esbuild's JS API, as NodejsFunction passes them to the esbuild CLI. */
export function esbuildOptions(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node' as const,
    format: LAMBDA_BUNDLING.format,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.externalModules],
    banner: { js: LAMBDA_BUNDLING.banner },
    alias: Object.fromEntries(STUBBED.map((p) => [p, ABSENT])),
  };
}
