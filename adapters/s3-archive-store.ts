/**
 * ArchiveStore over an S3 bucket (the archive bucket; ingest also writes
 * reports and previews into the content bucket through it).
 *
 * - `write` skips identical bytes: a single-part PUT's ETag is the MD5 of
 *   the body (SSE-S3 keeps that true), so one HEAD tells whether anything
 *   changed — unchanged pages are neither rewritten nor re-cached.
 * - `create` is create-only with `If-None-Match: *`: S3 answers 412 when the
 *   key exists, even between two racing writers. s3rver ignores that header
 *   (the local-server gap), so a HEAD comes first; on AWS the conditional
 *   PUT alone is the guarantee, the HEAD just saves a request.
 * - Every object gets its content type and a Cache-Control by file type.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { contentTypeOf } from '../core/archive/site-paths.js';
import type { ArchiveStore } from '../core/ports.js';
import { isNotFound, listAllKeys, readObject } from './s3-objects.js';

/** How long CloudFront and browsers may keep a file; only `site/` is ever served. */
export function cacheControlFor(key: string): string {
  if (!key.startsWith('site/')) return 'private, no-store';
  // Pagefind names its fragments and indexes by content hash: they never change in place.
  if (/^site\/pagefind\/(?:[^/]+\/)?(fragment|index|filter)\//.test(key) || /^site\/pagefind\/(?:[^/]+\/)?pagefind\.[\w-]+\.pf_meta$/.test(key)) return 'public, max-age=31536000, immutable';
  if (/\.(css|js|svg|woff2?)$/.test(key)) return 'public, max-age=3600';
  // Pages, feeds and JSON change when an issue is published or corrected: keep them fresh.
  return 'public, max-age=300, must-revalidate';
}

export class S3ArchiveStore implements ArchiveStore {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    /** Keys per ListObjectsV2 page (S3's default, 1000, when unset); small values exercise paging. */
    readonly pageSize?: number,
  ) {}

  async write(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean> {
    const bytes = toBytes(body);
    const etag = await this.etagOf(key);
    if (etag === `"${createHash('md5').update(bytes).digest('hex')}"`) return false;
    await this.client.send(new PutObjectCommand(this.put(key, bytes, contentType)));
    return true;
  }

  async create(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean> {
    if ((await this.etagOf(key)) !== undefined) return false;
    try {
      await this.client.send(new PutObjectCommand({ ...this.put(key, toBytes(body), contentType), IfNoneMatch: '*' }));
      return true;
    } catch (err) {
      // 412: the key exists. 409: a concurrent conditional write to it is in flight; if it won, we lost.
      if (statusOf(err) === 412) return false;
      if (statusOf(err) === 409 && (await this.etagOf(key)) !== undefined) return false;
      throw err;
    }
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return readObject(this.client, this.bucket, key);
  }

  list(prefix: string): Promise<string[]> {
    return listAllKeys(this.client, this.bucket, prefix, this.pageSize);
  }

  private put(key: string, bytes: Uint8Array, contentType: string | undefined) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    return {
      Bucket: this.bucket, Key: key, Body: bytes,
      ContentType: contentType ?? contentTypeOf(name),
      CacheControl: cacheControlFor(key),
      ContentMD5: createHash('md5').update(bytes).digest('base64'),
    };
  }

  private async etagOf(key: string): Promise<string | undefined> {
    try {
      return (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).ETag ?? '';
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function statusOf(err: unknown): number | undefined {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'PreconditionFailed') return 412;
  if (e?.name === 'ConditionalRequestConflict') return 409;
  return e?.$metadata?.httpStatusCode;
}
