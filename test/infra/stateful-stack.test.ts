import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, expect, it } from 'vitest';
import { StatefulStack } from '../../infra/stateful-stack.js';

let template: Template;
beforeAll(() => {
  const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
  template = Template.fromStack(new StatefulStack(app, 'Test'));
});

it('keeps every bucket private, encrypted and SSL-only', () => {
  const buckets = template.findResources('AWS::S3::Bucket');
  expect(Object.keys(buckets)).toHaveLength(3);
  for (const bucket of Object.values(buckets)) {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  }
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
  expect(policies.length).toBe(3);
  for (const policy of policies) {
    expect(policy.Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]));
  }
});

it('versions and retains the content and archive buckets, so nothing published is lost', () => {
  const versioned = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } }));
  expect(versioned).toHaveLength(2);
  for (const bucket of versioned) {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  }
});
