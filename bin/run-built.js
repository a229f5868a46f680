// Loads the bundled command (.build/main.cjs, made by scripts/build-cli.mjs) through V8's code cache:
// the bytecode of every function an earlier run compiled is read back instead of compiled again,
// which is most of a short command's start-up. The cache sits beside the bundle and starts with the
// SHA-256 of the bundle it was made from (V8's own check compares only the source's length), so a
// rebuilt bundle never runs an old cache. A cache that is missing, stale or rejected by this Node is
// written again after the command; where the folder is read-only, the command runs without one.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

const DIGEST_BYTES = 32;

/** The bundle's exports (`main`), and `saveCache` to call when the command is done. */
export function loadBuilt(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = `${bundle}.v8-cache`;
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = cache.subarray(DIGEST_BYTES);
  } catch {
    // No cache yet.
  }
  // Code compiled from a cache cannot run `import()` on Node 20 (it loses the callback that loads modules), so the
  // bundle has none (scripts/build-cli.mjs turns each into `require`), and an ES-module-only package (Pagefind) is
  // imported through this module's own `import`, lent here.
  globalThis[Symbol.for('bulletin.import')] = (specifier) => import(specifier);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
      renameSync(temporary, cacheFile);
    } catch {
      // Read-only install: every run compiles, as without a cache.
    }
  };
  return { main: module.exports.main, saveCache };
}
