/**
 * What a remind invocation asks for. EventBridge Scheduler sends
 * `{ "scheduledTime": "<aws.scheduler.scheduled-time>" }` daily: the
 * rounds due on that time's London date (a retried or late delivery still
 * means the day it was scheduled for). By hand:
 * `{ "month": "YYYY-MM", "kind": "call" | "reminder" }`, dated today.
 */
import * as z from 'zod';

export const RemindEventSchema = z.union([
  z.strictObject({ scheduledTime: z.iso.datetime({ offset: true }) }),
  z.strictObject({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    kind: z.enum(['call', 'reminder']),
  }),
], { error: 'must be {"scheduledTime": "<ISO time>"} or {"month": "YYYY-MM", "kind": "call"|"reminder"}' });
export type RemindEvent = z.infer<typeof RemindEventSchema>;
