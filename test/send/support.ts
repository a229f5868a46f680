/**
 * Shared set-up for the send and email tests: the real July 2010 email
 * (rendered once from content/), the real publication envelope, a fixed
 * secret, throwaway folders, and a fake clock whose sleep advances time.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { readTemplateFiles } from '../../adapters/fs-templates.js';
import { renderMonth } from '../../core/archive/render-month.js';
import { loadConfig, loadMonth, type SiteConfig } from '../../core/content/load-content.js';
import { envelopeFromPublication, type SendEnvelope } from '../../core/send/envelope.js';
import type { IssueEmail } from '../../core/send/compose-message.js';
import { TokenSigner } from '../../core/send/tokens.js';
import { compileTemplates } from '../../core/render/templates.js';
import type { Clock } from '../../core/ports.js';

export const CONTENT_DIR = new URL('../../content/', import.meta.url).pathname;
export const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** Facts of the July 2010 seed bulletin that every part of the email must carry. */
export const JULY_FACTS = ['3,125', '11,300', 'dna@mpa.gov.uk', '10 Dean Farrar Street', '31 August 2010', 'http://www.mpa.gov.uk/work/'];

let cached: Promise<{ config: SiteConfig; email: IssueEmail }> | undefined;

/** The real July 2010 email, rendered once per test file, placeholders intact. */
export function julyEmail(): Promise<{ config: SiteConfig; email: IssueEmail; envelope: SendEnvelope }> {
  cached ??= (async () => {
    const store = new FsContentStore(CONTENT_DIR);
    const { config, problems } = await loadConfig(store);
    if (!config) throw new Error(`content config is invalid: ${JSON.stringify(problems)}`);
    const month = await loadMonth(store, '2010-07', config);
    const rendered = await renderMonth(config, month, compileTemplates(await readTemplateFiles()));
    return { config, email: { subject: rendered.email.subject, html: rendered.email.html, text: rendered.email.text, slotKey: rendered.email.slotKey } };
  })();
  return cached.then((c) => ({ ...c, envelope: envelopeFromPublication(c.config.publication) }));
}

export function signerFor(envelope: SendEnvelope, secret = SECRET): TokenSigner {
  return new TokenSigner({ secret, listId: envelope.listId });
}

export interface FakeTime extends Clock {
  ms: number;
  sleep(ms: number): Promise<void>;
  sleeps: number[];
}

/** A clock that only moves when someone sleeps (or a test sets `ms`). */
export function fakeTime(start = Date.parse('2010-08-05T08:00:00Z')): FakeTime {
  const t: FakeTime = {
    ms: start,
    sleeps: [],
    now: () => new Date(t.ms),
    async sleep(ms) {
      t.sleeps.push(ms);
      t.ms += ms;
    },
  };
  return t;
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `bulletin-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Every `.eml` under `dir` (recursively), sorted. */
export async function emlFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => join(e.parentPath, e.name)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** `n` generated addresses, `user0000@example.org` … */
export function addresses(n: number, domain = 'example.org'): string[] {
  return Array.from({ length: n }, (_, i) => `user${String(i).padStart(4, '0')}@${domain}`);
}
