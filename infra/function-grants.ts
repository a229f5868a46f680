/**
 * Least-privilege grants, one helper per kind of resource, each naming
 * exactly the actions a handler's adapters call (see the adapters' SDK
 * commands) on exactly the resources it uses. Where a resource must be a
 * prefix (object names chosen by authors or by the renderer), the cdk-nag
 * acknowledgement says so next to it.
 */
import { Aws, Fn, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

/** Read (`GetObject`, `ListBucket` on the prefixes) and write (`PutObject`) object prefixes of a bucket named by its ARN export. */
export function grantPrefixes(fn: NodejsFunction, bucketArnExport: string, access: { read: string[]; write?: string[]; why: string }): void {
  const bucketArn = Fn.importValue(bucketArnExport);
  const write = access.write ?? [];
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:ListBucket'], resources: [bucketArn], conditions: { StringLike: { 's3:prefix': access.read.map((p) => `${p}/*`) } } }));
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: access.read.map((p) => `${bucketArn}/${p}/*`) }));
  if (write.length) fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['s3:PutObject'], resources: write.map((p) => `${bucketArn}/${p}/*`) }));
  Validations.of(fn.role!.node.findChild('DefaultPolicy')).acknowledge(...[...new Set([...access.read, ...write])].map((p) => ({
    id: `AwsSolutions-IAM5[Resource::${bucketArnExport}/${p}/*]`,
    reason: `${access.why} — one prefix (${p}/), never the bucket or "*".`,
  })));
}

/** Exactly these DynamoDB item actions on the table itself (no index, no stream). */
export function grantItems(fn: NodejsFunction, table: ITable, actions: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }));
}

/** The token secret, read through SSM's Secrets Manager reference (adapters/aws-secret.ts): both permissions, on that one secret. */
export function grantTokenSecret(fn: NodejsFunction, secret: ISecret, secretName: string): void {
  fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
  fn.addToRolePolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: ['ssm:GetParameter'],
    resources: [`arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter/aws/reference/secretsmanager/${secretName}`],
  }));
}

/** SES v2 SendEmail with Simple content (IAM action ses:SendEmail; Raw content would need ses:SendRawEmail, which nothing sends) from the identity, through the configuration set only. */
export function grantSesSend(fn: NodejsFunction, identityArn: string, configurationSetName: string): void {
  fn.addToRolePolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: ['ses:SendEmail'],
    resources: [identityArn, `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${configurationSetName}`],
  }));
}
