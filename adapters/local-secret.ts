/**
 * The token secret on one machine: `BULLETIN_TOKEN_SECRET` when set, else the
 * archive's secret file (`<archive>/.bulletin-secret`, kept with the archive
 * state it signs for — never in whatever folder the command runs from),
 * created with 0600 permissions on first use. Like ssh with a private key,
 * it refuses a secret file others can read.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MIN_SECRET_BYTES } from '../core/send/tokens.js';

/** The local secret is unusable: too short, or readable by others. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
  constructor(readonly code: 'SECRET_WEAK' | 'SECRET_FILE_OPEN', message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** The secret and where it came from (for a one-line notice when it was just created). */
export interface LocalSecret {
  secret: string;
  source: 'env' | 'file' | 'created';
}

export const SECRET_ENV = 'BULLETIN_TOKEN_SECRET';
export const SECRET_FILE = '.bulletin-secret';

function checked(secret: string, where: string): string {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new SecretError('SECRET_WEAK', `${where} must hold at least ${MIN_SECRET_BYTES} bytes of secret (e.g. \`openssl rand -base64 48\`)`);
  }
  return secret;
}

/** The secret to sign tokens with; creates `file` (0600) when neither it nor the variable exists. */
export async function loadTokenSecret(options: { env?: NodeJS.ProcessEnv; file: string }): Promise<LocalSecret> {
  const env = options.env ?? process.env;
  const { file } = options;
  const fromEnv = env[SECRET_ENV];
  if (fromEnv) return { secret: checked(fromEnv.trim(), SECRET_ENV), source: 'env' };
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600); // the umask only narrows the mode; a strict one could lock even us out
    return { secret: (await readFile(file, 'utf8')).trim(), source: 'created' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077) {
    throw new SecretError('SECRET_FILE_OPEN', `${file} is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  return { secret: checked((await readFile(file, 'utf8')).trim(), file), source: 'file' };
}
