/** Where the local AWS-protocol servers of this test run listen (set by test/global-setup-aws.ts). */
export interface AwsEndpoints {
  region: string;
  s3: string;
  ses: string;
  dynamodb: string;
  sqs: string;
}
