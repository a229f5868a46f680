/**
 * The one reader of the JSON records a build keeps in its output
 * (`bulletin.json`, status, stamps, PDF and email records, the search
 * stamp): the parsed value, or undefined when the key is absent or its
 * bytes are not JSON. Each caller still checks the shape it needs; a record
 * that fails is never trusted, only made again.
 */
import type { ArchiveStore } from '../ports.js';

export async function readStoredJson(out: ArchiveStore, key: string): Promise<unknown> {
  const bytes = await out.read(key);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
