import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateFiles } from '../core/render/templates.js';

/** The repository's `templates/` folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** Reads every `.hbs` file under `dir` into the map the renderer compiles. */
export async function readTemplateFiles(dir = TEMPLATES_DIR): Promise<TemplateFiles> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(dir, full).split(sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}

/** Static files under `templates/web/assets/`, by file name. */
export async function readAssets(dir = TEMPLATES_DIR): Promise<Record<string, string>> {
  const assetsDir = join(dir, 'web', 'assets');
  const out: Record<string, string> = {};
  for (const name of (await readdir(assetsDir)).sort()) out[name] = await readFile(join(assetsDir, name), 'utf8');
  return out;
}
