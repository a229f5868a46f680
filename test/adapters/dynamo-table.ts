/**
 * A fresh table on the local DynamoDB server (dynalite) with the key schema
 * of the stateful stack's tables (string `pk`, string `sk`), and a document
 * client over it.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamo, uniqueName } from '../support/aws-clients.js';

export const documentClient = () => DynamoDBDocumentClient.from(localDynamo(), { marshallOptions: { removeUndefinedValues: true } });

export async function freshTable(prefix = 'table'): Promise<string> {
  const name = uniqueName(prefix);
  await localDynamo().send(new CreateTableCommand({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  // dynalite makes a table ACTIVE on its next tick, not within the create call.
  while ((await localDynamo().send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') await wait(5);
  return name;
}
