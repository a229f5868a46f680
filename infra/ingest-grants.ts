/**
 * What ingest needs beyond its content-bucket prefixes to mail an owner
 * about an invalid file: SES send from the identity through the
 * configuration set (as the send function), and `PutItem` on the send
 * table restricted by `dynamodb:LeadingKeys` to the notice partition — so
 * ingest can create notice records and never touch a send-ledger row.
 */
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { NOTICE_PARTITION } from '../adapters/dynamo-notice-ledger.js';
import { grantSesSend } from './function-grants.js';

export interface NoticeGrantProps {
  sendTable: ITable;
  emailIdentityArn: string;
  configurationSetName: string;
}

/** Grants the notice path and sets the two variables the handler reads (SEND_TABLE, CONFIGURATION_SET). */
export function grantIngestNotices(fn: NodejsFunction, props: NoticeGrantProps): void {
  fn.addEnvironment('SEND_TABLE', props.sendTable.tableName);
  fn.addEnvironment('CONFIGURATION_SET', props.configurationSetName);
  fn.addToRolePolicy(new PolicyStatement({
    effect: Effect.ALLOW, actions: ['dynamodb:PutItem'], resources: [props.sendTable.tableArn],
    conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [NOTICE_PARTITION] } },
  }));
  grantSesSend(fn, props.emailIdentityArn, props.configurationSetName);
}
