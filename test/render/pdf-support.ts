/** Reading a PDF the way its readers' tools do: Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm, pdffonts). */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler tool; resolves with stdout and stderr (it rejects on a non-zero exit). */
export async function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm' | 'pdffonts', args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The PDF's text as pdftotext extracts it, without the page footers (artifacts: a tagged reader skips them). */
export async function pdfText(file: string, footer: RegExp): Promise<string> {
  const { stdout } = await poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.split(/\n/).filter((l) => !footer.test(l.replace(/\f/g, '').trim())).join('\n');
}

/** The structure tree as `pdfinfo -struct-text` prints it: one `{ type, text }` per element, its own content's lines joined by spaces (a line ends where a space was). */
export async function structure(file: string): Promise<{ type: string; text: string }[]> {
  const { stdout } = await poppler('pdfinfo', ['-struct-text', file]);
  const out: { type: string; text: string }[] = [];
  for (const line of stdout.split('\n')) {
    const el = /^\s*([A-Za-z]\w*)(?::| \((?:block|inline)\))?\s*$/.exec(line);
    const content = /^\s*"(.*)"\s*$/.exec(line);
    if (el && !content) out.push({ type: el[1]!, text: '' });
    else if (content && out.length) out.at(-1)!.text += `${content[1]} `;
  }
  return out;
}

/** Writes `bytes` to `dir/name` and returns the path, for the tools that read files. */
export async function writePdf(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}
