/**
 * The send ledger in DynamoDB (the stateful stack's send table): one item
 * per (issue, recipient key) — `pk = ledger#<issueId>`, `sk = <key>` — never
 * an address. Every write is ONE conditional single-item write (no
 * transactions: dynalite has none, and none are needed): a claim is a
 * create-if-absent, and every change after it is a compare-and-swap on the
 * item's numeric `version`, so two workers can never both own a recipient.
 * DONE is final: no write replaces it.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimOutcome, LedgerClaim, LedgerDone, SendLedger } from '../core/ports.js';
import { failedCondition } from './dynamo-create-once.js';

const FIX = 'it says neither "sent" nor "held"; check the SES sending logs for this Message-ID, then delete the item to send again';
const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** SendLedger over a DynamoDB table with string keys `pk`/`sk`; safe with any number of concurrent workers. */
export class DynamoSendLedger implements SendLedger {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string) {}

  #key(issueId: string, recipientKey: string) {
    return { pk: `ledger#${issueId}`, sk: recipientKey };
  }

  /** Runs a conditional write; false when its condition did not hold (someone else moved first). */
  async #try(write: Promise<unknown>): Promise<boolean> {
    try {
      await write;
      return true;
    } catch (err) {
      if (failedCondition(err)) return false;
      throw err;
    }
  }

  #swap(issueId: string, recipientKey: string, version: number, claim: LedgerClaim): Promise<boolean> {
    return this.#try(this.client.send(new PutCommand({
      TableName: this.table,
      Item: { ...this.#key(issueId, recipientKey), state: 'claim', version: version + 1, ...claim },
      ConditionExpression: '#v = :v AND #s <> :done',
      ExpressionAttributeNames: { '#v': 'version', '#s': 'state' },
      ExpressionAttributeValues: { ':v': version, ':done': 'done' },
    })));
  }

  async claim(issueId: string, recipientKey: string, claim: LedgerClaim): Promise<ClaimOutcome> {
    const key = this.#key(issueId, recipientKey);
    for (;;) {
      // The common case first: nobody has touched this recipient.
      const created = await this.#try(this.client.send(new PutCommand({
        TableName: this.table, Item: { ...key, state: 'claim', version: 1, ...claim }, ConditionExpression: 'attribute_not_exists(pk)',
      })));
      if (created) return { status: 'claimed', version: 1 };
      const item = (await this.client.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
      if (!item) continue; // deleted by hand between the two calls: try the create again
      const version = typeof item.version === 'number' ? item.version : -1;
      const what = `${this.table} ${key.pk} ${key.sk}: is damaged; ${FIX}`;
      if (item.state === 'done') {
        const done = { owner: item.owner, messageId: item.messageId, doneAt: item.doneAt };
        return typeof done.owner === 'string' && typeof done.messageId === 'string' && isTime(done.doneAt)
          ? { status: 'done', done: done as LedgerDone } : { status: 'damaged', version, what };
      }
      if (version < 1) return { status: 'damaged', version, what };
      if (item.state === 'claim' && typeof item.owner === 'string' && typeof item.messageId === 'string' && isTime(item.claimedAt)) {
        return { status: 'held', claim: { owner: item.owner, messageId: item.messageId, claimedAt: item.claimedAt as string }, version };
      }
      // Unreadable (edited by hand): reported, never taken for an abandoned claim or a release.
      if (item.state !== 'release' || typeof item.owner !== 'string') return { status: 'damaged', version, what };
      if (await this.#swap(issueId, recipientKey, version, claim)) return { status: 'claimed', version: version + 1 };
      // Someone else moved between our read and our write: look again.
    }
  }

  async takeOver(issueId: string, recipientKey: string, version: number, claim: LedgerClaim): Promise<number | undefined> {
    return (await this.#swap(issueId, recipientKey, version, claim)) ? version + 1 : undefined;
  }

  async markDone(issueId: string, recipientKey: string, done: LedgerDone): Promise<void> {
    await this.#try(this.client.send(new UpdateCommand({
      TableName: this.table, Key: this.#key(issueId, recipientKey),
      UpdateExpression: 'SET #s = :done, #o = :o, messageId = :m, doneAt = :t REMOVE claimedAt',
      ConditionExpression: 'attribute_not_exists(pk) OR #s <> :done',
      ExpressionAttributeNames: { '#s': 'state', '#o': 'owner' },
      ExpressionAttributeValues: { ':done': 'done', ':o': done.owner, ':m': done.messageId, ':t': done.doneAt },
    })));
  }

  /** Recipient keys of `issueId` marked DONE (beyond the port: lets publish re-queue only the rest). */
  async doneKeys(issueId: string): Promise<Set<string>> {
    const keys = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.table, ConsistentRead: true, KeyConditionExpression: 'pk = :pk', FilterExpression: '#s = :done',
        ProjectionExpression: 'sk', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':pk': `ledger#${issueId}`, ':done': 'done' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      for (const item of page.Items ?? []) keys.add(item.sk as string);
      start = page.LastEvaluatedKey;
    } while (start);
    return keys;
  }

  async release(issueId: string, recipientKey: string, version: number, claim: LedgerClaim): Promise<void> {
    await this.#try(this.client.send(new UpdateCommand({
      TableName: this.table, Key: this.#key(issueId, recipientKey),
      UpdateExpression: 'SET #s = :release, #v = :next REMOVE claimedAt, messageId',
      ConditionExpression: '#v = :v AND #s = :claim AND #o = :o',
      ExpressionAttributeNames: { '#s': 'state', '#v': 'version', '#o': 'owner' },
      ExpressionAttributeValues: { ':release': 'release', ':claim': 'claim', ':v': version, ':next': version + 1, ':o': claim.owner },
    })));
  }
}
