/**
 * The subscriber record and the local list file (`content/subscribers.json`,
 * a JSON array). A bad entry is a Problem (`[index].field: message`) and is
 * skipped; it never stops the rest of the list from loading.
 *
 * Fail closed: a bad entry may be someone's opt-out written wrongly
 * (`"status": "Unsubscribed"`, `" ann@example.org"`). So every address that
 * can be read from an entry that is not a valid `active` entry is BLOCKED:
 * never mailed, whatever other entries say about it.
 */
import * as z from 'zod';
import type { Problem } from '../content/problem.js';
import { checkSchema } from '../content/schema-problems.js';
import { IdSchema } from '../content/schema.js';
import { parseJson } from '../content/structured-json.js';
import type { Located } from '../content/structured.js';

/** Only `active` subscribers receive issues; `unsubscribed` and `suppressed` are never mailed. */
export const SubscriberStatusSchema = z.enum(['active', 'pending', 'unsubscribed', 'suppressed'], {
  error: 'must be active, pending, unsubscribed or suppressed',
});
export type SubscriberStatus = z.infer<typeof SubscriberStatusSchema>;

/** Why an address is blocked: it unsubscribed, hard-bounced, complained, or was erased (only a keyed hash is left). */
export const SuppressionReasonSchema = z.enum(['unsubscribed', 'bounce', 'complaint', 'erased'], {
  error: 'must be unsubscribed, bounce, complaint or erased',
});
export type SuppressionReason = z.infer<typeof SuppressionReasonSchema>;

const instant = z.iso.datetime({ error: 'must be an ISO 8601 UTC time, e.g. 2010-08-01T09:00:00.000Z' });

/** What a hand-written entry holds: an address, a status and optional topic (workstream) ids. */
const HandWrittenSchema = z.strictObject({
  email: z.email({ error: 'must be an email address' }),
  status: SubscriberStatusSchema,
  topics: z.array(IdSchema).optional().describe('Workstream ids the subscriber follows'),
});

/**
 * Minimal by design: a hand-written entry, plus the optional fields the
 * subscribers API (core/subscribers) writes — the opaque id tokens name, a
 * version for compare-and-set writes, consent and suppression facts.
 */
export const SubscriberSchema = HandWrittenSchema.extend({
  id: z.string().regex(/^[0-9a-f]{32}$/, { error: 'must be 32 lower-case hexadecimal digits' }).optional()
    .describe('Opaque subscriber id (a keyed hash of the address) that tokens name'),
  version: z.number().int().min(0).optional().describe('Bumped on every write by the API (compare-and-set)'),
  reason: SuppressionReasonSchema.optional().describe('Why the address is blocked (kept while pending a fresh opt-in)'),
  changedAt: instant.optional().describe('When the status last changed'),
  confirmSentAt: instant.optional().describe('When the last confirmation email was sent (pending)'),
  pendingUntil: instant.optional().describe('When the pending sign-up and its confirm link expire'),
  confirmedAt: instant.optional().describe('When the address confirmed (the double opt-in record)'),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/** The valid subscribers of a list, one problem per entry left out, and the addresses that must not be mailed. */
export interface LoadedSubscribers {
  subscribers: Subscriber[];
  problems: Problem[];
  /** Normalised addresses of every entry that is not a valid `active` one (opt-outs, pending, invalid entries). */
  blocked: string[];
}

/**
 * The address a damaged entry most likely means: white space of any kind
 * removed, compatibility-normalised, lower-cased. Undefined when no `@` is left.
 */
export function readableAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.normalize('NFKC').replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '').toLowerCase();
  return email.includes('@') ? email : undefined;
}

const API_FIELDS = Object.keys(SubscriberSchema.shape).filter((k) => !(k in HandWrittenSchema.shape));

/** Entries without the API's fields are checked (and their unknown fields explained) as hand-written ones. */
function schemaFor(data: unknown): typeof SubscriberSchema | typeof HandWrittenSchema {
  return data && typeof data === 'object' && API_FIELDS.some((k) => k in data) ? SubscriberSchema : HandWrittenSchema;
}

/** Parses the list file's text. Never throws: a broken file is one located problem and no subscribers. */
export function parseSubscribers(path: string, text: string): LoadedSubscribers {
  const parsed = parseJson(path, text);
  if (!parsed.ok) return { subscribers: [], problems: [parsed.problem], blocked: [] };
  const list = parsed.value;
  if (!Array.isArray(list.data)) {
    return { subscribers: [], problems: [{ path, line: 1, col: 1, field: 'file', message: 'must be a JSON array of { "email", "status" } objects' }], blocked: [] };
  }
  const subscribers: Subscriber[] = [];
  const problems: Problem[] = [];
  const blocked = new Set<string>();
  list.data.forEach((data: unknown, index) => {
    // Each entry is checked on its own, so one bad entry never loses the rest; positions come from the whole file.
    const entry: Located = { data, locate: (at, key) => list.locate([index, ...at], key) };
    const checked = checkSchema(schemaFor(data), path, entry);
    if (checked.data) subscribers.push(checked.data);
    if (checked.data?.status !== 'active') {
      const address = readableAddress(typeof data === 'string' ? data : (data as { email?: unknown } | null)?.email);
      if (address) blocked.add(address);
    }
    for (const p of checked.problems) {
      const inner = p.field === '(top level)' ? '' : p.field.startsWith('[') ? p.field : `.${p.field}`;
      problems.push({ ...p, field: `[${index}]${inner}` });
    }
  });
  return { subscribers, problems, blocked: [...blocked] };
}
