/**
 * Send plans in DynamoDB (the send table). A plan for 100,000 recipients is
 * several MB and an item holds at most 400 KB, so a plan is a header item
 * (`pk = plan#<issueId>`, `sk = header`) plus its recipients in chunk items
 * (`sk = chunk#<attempt>#<n>`). Without transactions the header is the
 * commit point: the chunks are written first under this attempt's id, then
 * the header is created only if absent, naming the attempt, the chunk count
 * and a digest of the recipients. A losing or crashed attempt leaves only
 * chunks no header names (deleted when it can). Reading reassembles the
 * named chunks and validates the whole plan; anything missing or altered is
 * a StateError, never a smaller audience.
 */
import { createHash, randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendPlanStore } from '../core/ports.js';
import { parseSendPlan, type PlannedRecipient, type SendPlan } from '../core/send/send-plan.js';
import { StateError } from '../core/state-error.js';
import { failedCondition } from './dynamo-create-once.js';

/** Serialised recipients per chunk item: well under the 400 KB item limit, attribute names and keys included. */
export const CHUNK_BYTES = 300_000;
const ADVICE = 'it records who this issue is being sent to — restore it from a backup (point-in-time recovery); until then nothing more is sent for this issue';
const digest = (json: string) => createHash('sha256').update(json).digest('hex');

/** Recipients split into JSON arrays of at most `limit` bytes each (one chunk even for an empty plan). */
export function chunkRecipients(recipients: readonly PlannedRecipient[], limit = CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const r of recipients) {
    const json = JSON.stringify(r);
    const size = Buffer.byteLength(json) + 1;
    if (current.length && bytes + size > limit) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** SendPlanStore over a DynamoDB table with string keys `pk`/`sk`. */
export class DynamoSendPlanStore implements SendPlanStore {
  constructor(readonly client: DynamoDBDocumentClient, readonly table: string) {}

  #label(issueId: string): string {
    return `${this.table} plan#${issueId}`;
  }

  async #header(issueId: string) {
    return (await this.client.send(new GetCommand({ TableName: this.table, Key: { pk: `plan#${issueId}`, sk: 'header' }, ConsistentRead: true }))).Item;
  }

  async create(plan: SendPlan): Promise<boolean> {
    if (await this.#header(plan.issueId)) return false;
    return this.#commit(plan, { ConditionExpression: 'attribute_not_exists(pk)' });
  }

  /**
   * Writes `plan`'s chunks under a fresh attempt, then puts its header if
   * `condition` holds — the header is the commit point, so a crash or a
   * lost race leaves only chunks no header names.
   */
  async #commit(plan: SendPlan, condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }): Promise<boolean> {
    const pk = `plan#${plan.issueId}`;
    const attempt = randomUUID();
    const chunks = chunkRecipients(plan.recipients);
    const sk = (n: number) => `chunk#${attempt}#${String(n).padStart(5, '0')}`;
    for (const [n, recipients] of chunks.entries()) {
      await this.client.send(new PutCommand({ TableName: this.table, Item: { pk, sk: sk(n), recipients }, ConditionExpression: 'attribute_not_exists(pk)' }));
    }
    const { recipients: _, ...header } = plan;
    try {
      await this.client.send(new PutCommand({
        TableName: this.table,
        Item: { pk, sk: 'header', ...header, attempt, chunks: chunks.length, digest: digest(chunks.join('\n')) },
        ...condition,
      }));
      return true;
    } catch (err) {
      if (!failedCondition(err)) throw err;
      // Another publisher's plan won; ours is unreferenced. Tidying is best effort: an orphan is never read.
      await this.#delete(pk, chunks.map((_, n) => sk(n))).catch(() => undefined);
      return false;
    }
  }

  async #delete(pk: string, sks: string[]): Promise<void> {
    for (let i = 0; i < sks.length; i += 25) {
      await this.client.send(new BatchWriteCommand({ RequestItems: { [this.table]: sks.slice(i, i + 25).map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })) } }));
    }
  }

  /**
   * Erasure: each plan `change` redacts is committed anew (chunks under a
   * new attempt, then the header swapped only if it still names the old
   * attempt), and the old chunks — which hold the erased address — are
   * deleted. Re-running after a crash redacts again and deletes them then.
   */
  async rewrite(change: (plan: SendPlan) => SendPlan | undefined): Promise<number> {
    let changed = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new ScanCommand({
        TableName: this.table, ConsistentRead: true, FilterExpression: 'begins_with(pk, :plan) AND sk = :header',
        ExpressionAttributeValues: { ':plan': 'plan#', ':header': 'header' }, ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      for (const header of page.Items ?? []) {
        const issueId = String(header.pk).slice(5);
        const plan = await this.read(issueId);
        const next = plan && change(plan);
        if (!next || next.issueId !== issueId) continue;
        if (!(await this.#commit(next, { ConditionExpression: 'attempt = :old', ExpressionAttributeValues: { ':old': header.attempt } }))) continue;
        const stale = await this.#chunks(`plan#${issueId}`, `chunk#${String(header.attempt)}#`);
        await this.#delete(`plan#${issueId}`, [...stale.keys()]);
        changed++;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return changed;
  }

  async read(issueId: string): Promise<SendPlan | undefined> {
    const label = this.#label(issueId);
    const header = await this.#header(issueId);
    if (!header) return undefined;
    const { pk: _pk, sk: _sk, attempt, chunks, digest: expected, ...fields } = header;
    if (typeof attempt !== 'string' || !Number.isInteger(chunks) || chunks < 1 || typeof expected !== 'string') {
      throw new StateError(label, 'is damaged (the header does not name its recipient chunks)', ADVICE);
    }
    const parts = await this.#chunks(`plan#${issueId}`, `chunk#${attempt}#`);
    const texts: string[] = [];
    for (let n = 0; n < chunks; n++) {
      const text = parts.get(`chunk#${attempt}#${String(n).padStart(5, '0')}`);
      if (typeof text !== 'string') throw new StateError(label, `is incomplete (recipient chunk ${n + 1} of ${chunks} is missing)`, ADVICE);
      texts.push(text);
    }
    if (parts.size !== chunks) throw new StateError(label, `is damaged (${parts.size} recipient chunks where the header names ${chunks})`, ADVICE);
    if (digest(texts.join('\n')) !== expected) throw new StateError(label, 'is damaged (its recipients do not match the digest in its header)', ADVICE);
    let recipients: unknown[] = [];
    try {
      recipients = texts.flatMap((t) => JSON.parse(t) as unknown[]);
    } catch (cause) {
      throw new StateError(label, `is damaged (a recipient chunk is not valid JSON: ${(cause as Error).message})`, ADVICE, { cause });
    }
    // The same checks as a plan file: the whole plan, for this issue, every field valid.
    return parseSendPlan(label, issueId, JSON.stringify({ ...fields, recipients }));
  }

  async #chunks(pk: string, prefix: string): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.table, ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }));
      for (const item of page.Items ?? []) out.set(item.sk as string, item.recipients);
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
