// Stands in, in the Lambda bundles only, for packages cheerio loads for its
// network and stream entry points (fromURL, loadBuffer, decodeStream), which
// nothing here calls: MJML and juice use `load` alone. Any use fails loudly.
module.exports = new Proxy({}, {
  get(_, key) {
    if (key === '__esModule' || typeof key === 'symbol') return undefined;
    throw new Error(`"${String(key)}" is not bundled: cheerio's network/stream entry points are stubbed (functions/stubs/absent.cjs)`);
  },
});
