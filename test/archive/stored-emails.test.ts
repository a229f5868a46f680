/**
 * A rebuild reuses the stored HTML of each month whose MJML text is
 * unchanged, and runs MJML again whenever the text differs or the record is
 * not one this MJML wrote. A marker planted in a stored record shows which.
 */
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readAssets, readTemplateFiles } from '../../adapters/fs-templates.js';
import { buildSite } from '../../core/archive/build-site.js';
import { emailRecordKey, MJML_EDITION } from '../../core/archive/stored-emails.js';
import { compileTemplates, type Templates } from '../../core/render/templates.js';
import { copyContent } from '../pages/site-fixture.js';
import { MemoryArchiveStore } from './memory-archive-store.js';

const MARKER = '<!-- stored html, not compiled by this build -->';
let dir: string;
let content: string;
let templates: Templates;
let assets: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulletin-stored-emails-'));
  content = await copyContent(dir);
  templates = compileTemplates(await readTemplateFiles());
  assets = await readAssets();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const build = (out: MemoryArchiveStore) => buildSite({ content: new FsContentStore(content), out, templates, assets });
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** A built output whose August record carries the marker in its HTML (its key still names the MJML compiled). */
async function plantedArchive(edit: (r: Record<string, string>) => void = () => {}): Promise<MemoryArchiveStore> {
  const out = new MemoryArchiveStore();
  await build(out);
  const record = JSON.parse(text(out.files.get(emailRecordKey('2010-08')))) as Record<string, string>;
  record.html = record.html!.replace('</body>', `${MARKER}</body>`);
  edit(record);
  out.files.set(emailRecordKey('2010-08'), new TextEncoder().encode(JSON.stringify(record)));
  return out;
}

it('keeps one record per built month, outside site/', async () => {
  const out = new MemoryArchiveStore();
  await build(out);
  expect([...out.files.keys()].filter((k) => k.startsWith('cache/email/')).sort()).toEqual(['07', '08', '09', '10'].map((m) => emailRecordKey(`2010-${m}`)));
});

it('reuses the stored HTML when the month\'s MJML is unchanged', async () => {
  const out = await plantedArchive();
  await build(out);
  expect(text(out.files.get('email/2010-08/email.html'))).toContain(MARKER);
  expect(text(out.files.get('email/2010-09/email.html'))).not.toContain(MARKER);
});

it.each([
  ['another MJML edition', (r: Record<string, string>) => { r.edition = 'mjml@4.0.0'; }],
  ['a record naming other MJML text', (r: Record<string, string>) => { r.mjml = '\u0000'; }],
])('compiles again for %s', async (_what, edit) => {
  const out = await plantedArchive(edit);
  await build(out);
  expect(text(out.files.get('email/2010-08/email.html'))).not.toContain(MARKER);
});

it('compiles again when the month\'s content changed', async () => {
  const out = await plantedArchive();
  const file = join(content, 'updates/2010-08/civil-liberties.md');
  const before = await readFile(file, 'utf8');
  await writeFile(file, `${before}\nOne sentence more.\n`);
  try {
    await build(out);
  } finally {
    await writeFile(file, before);
  }
  expect(text(out.files.get('email/2010-08/email.html'))).not.toContain(MARKER);
  expect(text(out.files.get('email/2010-08/email.html'))).toContain('One sentence more.');
});

it('names the installed MJML in MJML_EDITION', async () => {
  const { version } = JSON.parse(await readFile(new URL('../../node_modules/mjml/package.json', import.meta.url), 'utf8')) as { version: string };
  expect(MJML_EDITION.split(' ')[0]).toBe(`mjml@${version}`);
});
