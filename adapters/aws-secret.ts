/**
 * The token-signing secret on AWS, read once per cold start from Secrets
 * Manager — never from an environment variable's plaintext. It is read
 * through SSM's `/aws/reference/secretsmanager/<id>` path, so the SSM
 * client (already a dependency) suffices; the function needs
 * `ssm:GetParameter` on that reference and `secretsmanager:GetSecretValue`
 * on the secret. Any failure is thrown: signing with an empty or guessed
 * key must never happen.
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { MIN_SECRET_BYTES } from '../core/send/tokens.js';

/** The secret could not be loaded or is too weak to sign with. */
export class AwsSecretError extends Error {
  override readonly name = 'AwsSecretError';
  constructor(readonly code: 'SECRET_MISSING' | 'SECRET_WEAK' | 'SECRET_UNAVAILABLE', message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** SSM's name for a Secrets Manager secret (its name or ARN). */
export function secretReference(secretId: string): string {
  return `/aws/reference/secretsmanager/${secretId}`;
}

/** The secret's value, checked for length; memoise the promise at module scope to read it once per container. */
export async function loadAwsTokenSecret(client: SSMClient, secretId: string): Promise<string> {
  let value: string | undefined;
  try {
    value = (await client.send(new GetParameterCommand({ Name: secretReference(secretId), WithDecryption: true }))).Parameter?.Value;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'ParameterNotFound') throw new AwsSecretError('SECRET_MISSING', `token secret ${secretId} does not exist`, { cause: err });
    throw new AwsSecretError('SECRET_UNAVAILABLE', `token secret ${secretId} could not be read: ${name ?? String(err)}`, { cause: err });
  }
  const secret = value?.trim() ?? '';
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new AwsSecretError('SECRET_WEAK', `token secret ${secretId} must hold at least ${MIN_SECRET_BYTES} bytes`);
  }
  return secret;
}
