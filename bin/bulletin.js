#!/usr/bin/env node
// The `bulletin` command. `npm ci` compiles the TypeScript once into .build/main.cjs
// (the `prepare` script); while any source file is newer than that build, the
// sources run through tsx's loader instead, so an edit is never run stale.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = fileURLToPath(new URL('../', import.meta.url));
const built = fileURLToPath(new URL('../.build/main.cjs', import.meta.url));

function builtIsFresh() {
  let builtAt;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return false;
  }
  for (const dir of ['cli', 'core', 'adapters']) {
    for (const entry of readdirSync(`${root}${dir}`, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts') && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > builtAt) return false;
    }
  }
  return true;
}

if (builtIsFresh()) {
  const { loadBuilt } = await import('./run-built.js');
  const { main, saveCache } = loadBuilt(built);
  process.exitCode = await main(process.argv.slice(2));
  saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
