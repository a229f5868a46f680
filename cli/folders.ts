/**
 * Folder arguments checked up front, so a mistyped path is one clear line
 * ("--content contnet: no such folder") rather than a list of missing config
 * files or an unexpected ENOTDIR failure half-way through a build.
 */
import { stat } from 'node:fs/promises';
import { UsageError } from './io.js';

/** `dir` must be an existing folder. */
export async function requireFolder(option: string, dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (!found) throw new UsageError(`${option} ${dir}: no such folder`);
  if (!found.isDirectory()) throw new UsageError(`${option} ${dir}: is a file, not a folder`);
}

/** `dir` may not exist yet (it will be created) but must not be a file. */
export async function requireFolderOrNothing(option: string, dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory()) throw new UsageError(`${option} ${dir}: is a file, not a folder`);
}
