import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTokenSecret } from '../../adapters/local-secret.js';
import { tempDir } from './support.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('secret');
});
afterEach(() => dir.remove());

describe('loadTokenSecret', () => {
  it('prefers BULLETIN_TOKEN_SECRET and refuses a short one', async () => {
    const file = join(dir.path, '.bulletin-secret');
    const env = { BULLETIN_TOKEN_SECRET: 'x'.repeat(40) };
    expect(await loadTokenSecret({ env, file })).toEqual({ secret: 'x'.repeat(40), source: 'env' });
    await expect(loadTokenSecret({ env: { BULLETIN_TOKEN_SECRET: 'short' }, file })).rejects.toMatchObject({ code: 'SECRET_WEAK' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates a private secret file once and reuses it', async () => {
    const file = join(dir.path, '.bulletin-secret');
    const first = await loadTokenSecret({ env: {}, file });
    const second = await loadTokenSecret({ env: {}, file });
    expect(first.source).toBe('created');
    expect(second).toEqual({ secret: first.secret, source: 'file' });
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.secret);
  });

  it('refuses a secret file others can read', async () => {
    const file = join(dir.path, '.bulletin-secret');
    await writeFile(file, 'y'.repeat(48));
    await chmod(file, 0o644);
    await expect(loadTokenSecret({ env: {}, file })).rejects.toMatchObject({ code: 'SECRET_FILE_OPEN', message: expect.stringContaining('chmod 600') });
  });

  it('is ignored by git', async () => {
    const gitignore = await readFile(new URL('../../.gitignore', import.meta.url), 'utf8');
    expect(gitignore.split('\n')).toContain('.bulletin-secret');
  });
});
