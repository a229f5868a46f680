/**
 * The subscriber table on AWS (the stateful stack's subscribers table): one
 * item per address, `pk = sub#<normalised address>`, `sk = subscriber`,
 * holding `email`, `status` and optional `topics` (a list or string set),
 * plus whatever bookkeeping the subscribe API adds (times, `expiresAt` for
 * pending sign-ups). Other items (pk not `sub#…`) are not subscribers.
 *
 * The read side of SubscriberStore, with the list file's blocking rule: any
 * subscriber item that is not a valid `active` entry blocks every address
 * it names (its key's and its `email`'s), so a damaged opt-out is never
 * taken for a subscription. And the SuppressionList: a hard bounce or a
 * complaint turns the address's item `suppressed` (creating it if need be).
 */
import { BatchGetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Problem } from '../core/content/problem.js';
import type { SubscriberStore, SuppressionList } from '../core/ports.js';
import { readableAddress, SubscriberSchema, type LoadedSubscribers, type Subscriber } from '../core/send/subscriber.js';
import { normaliseEmail } from '../core/send/tokens.js';

export const SUBSCRIBER_SK = 'subscriber';
export const subscriberKey = (email: string) => ({ pk: `sub#${normaliseEmail(email)}`, sk: SUBSCRIBER_SK });

type Item = Record<string, unknown>;
type Checked = { subscriber?: Subscriber; problems: Problem[]; blocks: string[] };

/** SubscriberStore (read side) and SuppressionList over the subscribers table. */
export class DynamoSubscriberStore implements SubscriberStore, SuppressionList {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string) {}

  get source(): string {
    return `dynamodb:${this.table}`;
  }

  /** One item judged alone: valid or a problem, and which addresses it blocks. */
  #check(item: Item): Checked {
    const pk = String(item.pk);
    const keyed = readableAddress(pk.slice(4));
    const topics = item.topics instanceof Set ? [...item.topics].sort() : item.topics;
    const parsed = SubscriberSchema.safeParse({ email: item.email, status: item.status, ...(topics === undefined ? {} : { topics }) });
    const problems: Problem[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: this.source, field: `[${pk}].${i.path.join('.') || 'item'}`, message: i.message }));
    if (parsed.success && normaliseEmail(parsed.data.email) !== keyed) {
      problems.push({ path: this.source, field: `[${pk}].email`, message: 'does not match the item\'s key' });
    }
    const valid = problems.length === 0 ? parsed.data : undefined;
    const blocks = valid?.status === 'active' ? [] : [keyed, readableAddress(item.email)].filter((a): a is string => a !== undefined);
    return { ...(valid ? { subscriber: valid } : {}), problems, blocks };
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
        const checked = this.#check(item);
        if (checked.subscriber) subscribers.push(checked.subscriber);
        problems.push(...checked.problems);
        for (const a of checked.blocks) blocked.add(a);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return { subscribers, problems, blocked: [...blocked] };
  }

  /**
   * Of `emails`, those that must not be mailed now: no item for the address
   * (erased since), or an item that is not a valid `active` entry. One
   * BatchGet per 100 addresses — a send batch's re-check without a scan.
   */
  async blockedAmong(emails: readonly string[]): Promise<Set<string>> {
    const wanted = [...new Set(emails.map(normaliseEmail))];
    const active = new Set<string>();
    for (let i = 0; i < wanted.length; i += 100) {
      let keys: Item[] | undefined = wanted.slice(i, i + 100).map(subscriberKey);
      for (let attempt = 0; keys?.length; attempt++) {
        if (attempt > 8) throw new Error(`${this.source}: BatchGet left keys unprocessed after ${attempt} attempts`);
        const res = await this.client.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of res.Responses?.[this.table] ?? []) {
          const checked = this.#check(item);
          if (checked.subscriber?.status === 'active') active.add(normaliseEmail(checked.subscriber.email));
        }
        keys = res.UnprocessedKeys?.[this.table]?.Keys as Item[] | undefined;
      }
    }
    return new Set(wanted.filter((e) => !active.has(e)));
  }

  async suppress(email: string, reason: 'bounce' | 'complaint', at: Date): Promise<void> {
    const address = normaliseEmail(email);
    await this.client.send(new UpdateCommand({
      TableName: this.table, Key: subscriberKey(address),
      // `expiresAt` goes: a suppressed pending sign-up must not expire back into a fresh start.
      UpdateExpression: 'SET email = :e, #s = :s, suppressedReason = :r, suppressedAt = :t REMOVE expiresAt',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':e': address, ':s': 'suppressed', ':r': reason, ':t': at.toISOString() },
    }));
  }
}
