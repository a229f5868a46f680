import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * What must outlive any deployment of code: the content bucket (authors'
 * files) and the archive bucket (the published site). Retained on delete.
 */
export class StatefulStack extends Stack {
  readonly contentBucket: Bucket;
  readonly archiveBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const common = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const logs = new Bucket(this, 'AccessLogs', { ...common, versioned: false });
    this.contentBucket = new Bucket(this, 'ContentBucket', { ...common, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'content/' });
    this.archiveBucket = new Bucket(this, 'ArchiveBucket', { ...common, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'archive/' });
  }
}
