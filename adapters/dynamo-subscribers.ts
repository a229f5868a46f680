/**
 * The subscriber table on AWS (the stateful stack's subscribers table),
 * laid out as dynamo-subscriber-items.ts says: one item per subscriber,
 * keyed by its opaque id, the address an attribute. Other items (pk not
 * `sub#…`) are not subscribers.
 *
 * The whole WritableSubscriberStore — `put` and `remove` are single-item
 * conditional writes on the item's `version` (no transactions), so two
 * writers racing on one subscriber never both win and nothing is lost —
 * with the list file's blocking rule on the read side (any item that is
 * not a valid `active` entry blocks the address it names), and the
 * SuppressionList: a hard bounce or a complaint turns the address's item
 * `suppressed` (creating it if need be), bumping its version so a writer
 * that read it before cannot overwrite the suppression.
 */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Problem } from '../core/content/problem.js';
import type { StoredSubscriber, SuppressionList, WritableSubscriberStore } from '../core/ports.js';
import type { LoadedSubscribers, Subscriber } from '../core/send/subscriber.js';
import { normaliseEmail } from '../core/send/tokens.js';
import { checkItem, itemOf, recordOfItem, subscriberKey, type Item } from './dynamo-subscriber-items.js';
import { failedCondition } from './dynamo-create-once.js';

export { SUBSCRIBER_SK, subscriberKey } from './dynamo-subscriber-items.js';


/** The condition "the stored version is still `expected`" (`undefined`: no item; 0 also matches an item written without one). */
function versionIs(expected: number | undefined) {
  if (expected === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: expected === 0 ? 'attribute_exists(pk) AND (attribute_not_exists(#v) OR #v = :v)' : '#v = :v',
    ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expected },
  };
}

/**
 * WritableSubscriberStore and SuppressionList over the subscribers table.
 * `idOf` is the list's `TokenSigner.subscriberId`: finding an address's
 * item needs it (`blockedAmong`, `suppress`), and `list` uses it to check
 * each item's key. Without it (publish, which only lists) that check is
 * left to the send's re-check by key, which blocks a mismatched item.
 */
export class DynamoSubscriberStore implements WritableSubscriberStore, SuppressionList {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string, readonly idOf?: (email: string) => string) {}

  #id(email: string): string {
    if (!this.idOf) throw new Error(`${this.source}: finding an address needs the list's subscriber ids (idOf)`);
    return this.idOf(email);
  }

  get source(): string {
    return `dynamodb:${this.table}`;
  }

  async list(): Promise<LoadedSubscribers> {
    const subscribers: Subscriber[] = [];
    const problems: Problem[] = [];
    const blocked = new Set<string>();
    let start: Item | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.table, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      for (const item of page.Items ?? []) {
        if (!String(item.pk).startsWith('sub#')) continue;
        const checked = checkItem(item, this.source, this.idOf);
        if (checked.subscriber) subscribers.push(checked.subscriber);
        problems.push(...checked.problems);
        for (const a of checked.blocks) blocked.add(a);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { subscribers, problems, blocked: [...blocked] };
  }

  async get(id: string): Promise<StoredSubscriber | undefined> {
    const { Item: item } = await this.client.send(new GetCommand({ TableName: this.table, Key: subscriberKey(id), ConsistentRead: true }));
    return item && recordOfItem(item, id);
  }

  async put(record: StoredSubscriber, expectedVersion: number | undefined): Promise<boolean> {
    return this.#try(new PutCommand({ TableName: this.table, Item: itemOf(record), ...versionIs(expectedVersion) }));
  }

  async remove(id: string, expectedVersion: number): Promise<boolean> {
    return this.#try(new DeleteCommand({ TableName: this.table, Key: subscriberKey(id), ...versionIs(expectedVersion) }));
  }

  async #try(command: PutCommand | DeleteCommand | UpdateCommand): Promise<boolean> {
    try {
      await this.client.send(command as PutCommand);
      return true;
    } catch (err) {
      if (failedCondition(err)) return false;
      throw err;
    }
  }

  /**
   * Of `emails`, those that must not be mailed now: no item for the address
   * (erased since), or an item that is not a valid `active` entry for it.
   * One BatchGet per 100 addresses — a send batch's re-check without a scan.
   */
  async blockedAmong(emails: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(emails.map(normaliseEmail))];
    const active = new Set<string>();
    for (let i = 0; i < wanted.length; i += 100) {
      let keys: Item[] | undefined = wanted.slice(i, i + 100).map((e) => subscriberKey(this.#id(e)));
      for (let attempt = 0; keys?.length; attempt++) {
        if (attempt > 8) throw new Error(`${this.source}: BatchGet left keys unprocessed after ${attempt} attempts`);
        const res = await this.client.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of res.Responses?.[this.table] ?? []) {
          const checked = checkItem(item, this.source, this.idOf);
          if (checked.subscriber?.status === 'active') active.add(normaliseEmail(checked.subscriber.email));
        }
        keys = res.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined;
      }
    }
    return new Set(wanted.filter((e) => !active.has(e)));
  }

  /** The core's suppression rule in one conditional update: an address already suppressed for a reason (an erasure marker) stays as it is. */
  async suppress(email: string, reason: 'bounce' | 'complaint', at: Date): Promise<void> {
    const address = normaliseEmail(email);
    await this.#try(new UpdateCommand({
      TableName: this.table, Key: subscriberKey(this.#id(address)),
      // `expiresAt` goes: a suppressed pending sign-up must not expire back into a fresh start.
      UpdateExpression: 'SET email = if_not_exists(email, :e), #s = :s, reason = :r, changedAt = :t, #v = if_not_exists(#v, :zero) + :one REMOVE expiresAt, pendingUntil, confirmSentAt, topics, confirmedAt',
      ConditionExpression: 'NOT (#s = :s AND attribute_exists(reason))',
      ExpressionAttributeNames: { '#s': 'status', '#v': 'version' },
      ExpressionAttributeValues: { ':e': address, ':s': 'suppressed', ':r': reason, ':t': at.toISOString(), ':zero': 0, ':one': 1 },
    }));
  }
}
