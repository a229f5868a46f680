// No local server speaks SSM/Secrets Manager, so only the failure paths are tested (fault injection).
import { GetParameterCommand, ParameterNotFound, SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, it } from 'vitest';
import { loadAwsTokenSecret } from '../../adapters/aws-secret.js';

const client = new SSMClient({ region: 'eu-west-2', maxAttempts: 1 });
const mock = mockClient(client);

it('fails closed when the secret is missing or cannot be read, naming it', async () => {
  mock.reset();
  mock.on(GetParameterCommand).rejects(new ParameterNotFound({ $metadata: {}, message: 'not found' }));
  await expect(loadAwsTokenSecret(client, 'TokenSigningSecret')).rejects.toMatchObject({ code: 'SECRET_MISSING', message: expect.stringContaining('TokenSigningSecret') });
  mock.reset();
  mock.on(GetParameterCommand).rejects(new SSMServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: {}, message: 'slow down' }));
  await expect(loadAwsTokenSecret(client, 'TokenSigningSecret')).rejects.toMatchObject({ code: 'SECRET_UNAVAILABLE' });
});

it('refuses an empty or short secret instead of signing with it', async () => {
  for (const Value of [undefined, '', '   ', 'short']) {
    mock.reset();
    mock.on(GetParameterCommand).resolves({ Parameter: { Value } });
    await expect(loadAwsTokenSecret(client, 'TokenSigningSecret')).rejects.toMatchObject({ code: 'SECRET_WEAK' });
  }
});
