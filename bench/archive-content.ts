/**
 * Generated archives for the archive bench: N months of content cloned from
 * the sample months (content/updates/2010-07 … 2010-10) from January 2000 on,
 * each with its month rewritten, its figures shifted and an approved manifest.
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addMonths } from '../core/render/format.js';

const CONTENT = fileURLToPath(new URL('../content/', import.meta.url));

/** Writes `n` months under `dir/content`; returns the content folder and its months, oldest first. */
export async function generateContent(dir: string, n: number): Promise<{ content: string; months: string[] }> {
  const content = join(dir, 'content');
  await cp(join(CONTENT, 'config'), join(content, 'config'), { recursive: true });
  const samples = (await readdir(join(CONTENT, 'updates'))).sort();
  const months = Array.from({ length: n }, (_, i) => addMonths('2000-01', i));
  for (const [i, month] of months.entries()) {
    const from = samples[i % samples.length]!;
    await mkdir(join(content, 'updates', month), { recursive: true });
    for (const file of await readdir(join(CONTENT, 'updates', from))) {
      const text = (await readFile(join(CONTENT, 'updates', from, file), 'utf8'))
        .replace(/(month"?:\s*)"\d{4}-\d{2}"/, `$1"${month}"`)
        .replace(/(value"?:\s*)(\d+)/g, (_m, key: string, v: string) => `${key}${Number(v) + i}`);
      await writeFile(join(content, 'updates', month, file), text);
    }
    await mkdir(join(content, 'issues', month), { recursive: true });
    await writeFile(join(content, 'issues', month, 'issue.md'), '---\nstatus: approved\n---\n');
  }
  return { content, months };
}

/** Appends a sentence to one update of `month`, so a rebuild of it has something to write. */
export async function editMonth(content: string, month: string, sentence: string): Promise<void> {
  const dir = join(content, 'updates', month);
  const file = (await readdir(dir)).sort().find((f) => f.endsWith('.md'))!;
  await writeFile(join(dir, file), `${await readFile(join(dir, file), 'utf8')}\n${sentence}\n`);
}
