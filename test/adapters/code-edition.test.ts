/**
 * The code's edition changes with any file of core/, adapters/ or templates/
 * and with the lockfile — its content or its name — and is absent (so a
 * rebuild skips nothing) where the sources are not beside the command.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeEdition } from '../../adapters/code-edition.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bulletin-edition-'));
  for (const dir of ['core/render', 'adapters', 'templates/web']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(join(root, 'core/render/page.ts'), 'export const a = 1;\n');
  await writeFile(join(root, 'adapters/fs.ts'), 'export const b = 2;\n');
  await writeFile(join(root, 'templates/web/issue.hbs'), '<h1>{{title}}</h1>\n');
  await writeFile(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('changes with every source, template and the lockfile, and only with them', async () => {
  const seen = new Set<string>();
  const edition = async () => {
    const e = await codeEdition(root);
    expect(e).toMatch(/^[0-9a-f]{64}$/);
    return e!;
  };
  const first = await edition();
  expect(await edition()).toBe(first);
  seen.add(first);
  await writeFile(join(root, 'README.md'), 'not code\n');
  expect(await edition()).toBe(first);
  for (const change of [
    () => writeFile(join(root, 'core/render/page.ts'), 'export const a = 2;\n'),
    () => writeFile(join(root, 'adapters/fs.ts'), 'export const b = 3;\n'),
    () => writeFile(join(root, 'templates/web/issue.hbs'), '<h1 class="t">{{title}}</h1>\n'),
    () => writeFile(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n'),
    () => rename(join(root, 'core/render/page.ts'), join(root, 'core/render/pages.ts')),
    () => writeFile(join(root, 'templates/web/new.hbs'), ''),
  ]) {
    await change();
    const next = await edition();
    expect(seen.has(next)).toBe(false);
    seen.add(next);
  }
});

it('is absent where the sources are not there', async () => {
  expect(await codeEdition(join(root, 'nowhere'))).toBeUndefined();
  expect(await codeEdition()).toMatch(/^[0-9a-f]{64}$/);
});
