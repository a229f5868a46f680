/**
 * The S3 calls both S3 stores share: a complete, sorted listing (every page
 * of ListObjectsV2) and a read that says "absent" instead of throwing.
 * Keys are used exactly as given: URL-decoding event keys (`+` is a space)
 * is the event edge's job (functions/s3-event.ts), never the store's.
 */
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';

/** Every key under `prefix`, all pages followed, sorted by code unit like the fs stores. */
export async function listAllKeys(client: S3Client, bucket: string, prefix: string, pageSize?: number): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(pageSize ? { MaxKeys: pageSize } : {}), ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** True for the errors S3 uses for "no such object" (GetObject says NoSuchKey; HEAD has no body, only 404). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err instanceof NoSuchKey || e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** The object's bytes, or undefined when it does not exist. Other failures are thrown (and retried by the caller). */
export async function readObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
