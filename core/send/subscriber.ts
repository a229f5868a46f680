/**
 * The subscriber record and the local list file (`content/subscribers.json`,
 * a JSON array). A bad entry is a Problem (`[index].field: message`) and is
 * skipped; it never stops the rest of the list from loading.
 */
import { z } from 'zod';
import { fieldName, type Problem } from '../content/problem.js';
import { IdSchema } from '../content/schema.js';

/** Only `active` subscribers receive issues; `unsubscribed` and `suppressed` are never mailed. */
export const SubscriberStatusSchema = z.enum(['active', 'pending', 'unsubscribed', 'suppressed'], {
  error: 'must be active, pending, unsubscribed or suppressed',
});
export type SubscriberStatus = z.infer<typeof SubscriberStatusSchema>;

/** Minimal by design: an address, a status and optional topic (workstream) ids — nothing else is kept. */
export const SubscriberSchema = z.strictObject({
  email: z.email({ error: 'must be an email address' }),
  status: SubscriberStatusSchema,
  topics: z.array(IdSchema).optional().describe('Workstream ids the subscriber follows'),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

/** The valid subscribers of a list, and one problem per entry left out. */
export interface LoadedSubscribers {
  subscribers: Subscriber[];
  problems: Problem[];
}

/** Parses the list file's text. Never throws: a broken file is one problem and no subscribers. */
export function parseSubscribers(path: string, text: string): LoadedSubscribers {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { subscribers: [], problems: [{ path, field: 'file', message: `is not valid JSON (${(err as Error).message})` }] };
  }
  if (!Array.isArray(data)) {
    return { subscribers: [], problems: [{ path, field: 'file', message: 'must be a JSON array of { "email", "status" } objects' }] };
  }
  const subscribers: Subscriber[] = [];
  const problems: Problem[] = [];
  data.forEach((entry, index) => {
    const result = SubscriberSchema.safeParse(entry, { reportInput: true });
    if (result.success) {
      subscribers.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const field = fieldName([index, ...issue.path, ...(key === undefined ? [] : [key])]);
        const missing = issue.code === 'invalid_type' && issue.input === undefined;
        const message = key !== undefined ? 'unknown field; allowed fields: email, status, topics' : missing ? 'is required' : issue.message;
        problems.push({ path, field, message });
      }
    }
  });
  return { subscribers, problems };
}
