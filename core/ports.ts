/**
 * The ports: every effect the core needs, named for its role. Adapters
 * implement them per technology (filesystem, S3, SES, DynamoDB, outbox …).
 */

/** Read access to the content tree (`content/` locally, the content bucket on AWS). Keys use `/`. */
export interface ContentStore {
  /** Every key under `prefix` (e.g. `updates/2010-07/`), sorted. */
  list(prefix: string): Promise<string[]>;
  /** The bytes at `key`, or undefined when it does not exist. */
  read(key: string): Promise<Uint8Array | undefined>;
}

/** Where rendered output goes (`dist/` locally, the archive bucket on AWS). Keys use `/`. */
export interface ArchiveStore {
  /** Writes `body` at `key`; returns false when the stored bytes were already identical (nothing written). */
  write(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean>;
  /** Creates `key` only if absent; returns false (and writes nothing) when it already exists. */
  create(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean>;
  read(key: string): Promise<Uint8Array | undefined>;
  list(prefix: string): Promise<string[]>;
}

/** Time, injected so the core stays deterministic in tests. */
export interface Clock {
  now(): Date;
}
