import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ContentStore } from '../core/ports.js';
import { isNotFound, listAllKeys, readObject } from './s3-objects.js';

/**
 * ContentStore over the content bucket, laid out exactly like `content/`.
 * Reads always see the bucket's current objects (S3 is strongly
 * consistent), which is what lets ingest re-derive a month from the bucket
 * rather than trust the order of its events.
 */
export class S3ContentStore implements ContentStore {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    /** Keys per ListObjectsV2 page (S3's default, 1000, when unset); small values exercise paging. */
    readonly pageSize?: number,
  ) {}

  list(prefix: string): Promise<string[]> {
    return listAllKeys(this.client, this.bucket, prefix, this.pageSize);
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return readObject(this.client, this.bucket, key);
  }

  /** The object's current version id, for reports; undefined when absent or the bucket is unversioned. */
  async versionOf(key: string): Promise<string | undefined> {
    try {
      const v = (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).VersionId;
      return v && v !== 'null' ? v : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
