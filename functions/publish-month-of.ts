/**
 * Which month a publish invocation means. EventBridge Scheduler sends
 * `{ "month": "previous", "scheduledTime": "<aws.scheduler.scheduled-time>" }`:
 * the month before the scheduled time's month on the London calendar (a
 * retried or late delivery still means the scheduled month, not the day
 * it arrived). By hand: `{ "month": "YYYY-MM" }`.
 */
import * as z from 'zod';

export const PublishEventSchema = z.strictObject({
  month: z.union([z.literal('previous'), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM or "previous"')]),
  /** ISO time the schedule fired (Scheduler's context attribute); `now` when absent. */
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  /** Publish even if nobody would receive it (a by-hand option, like the CLI's --allow-no-recipients). */
  allowNoRecipients: z.boolean().optional(),
});
export type PublishEvent = z.infer<typeof PublishEventSchema>;

const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });

/** `YYYY-MM` of the month before `at` in Europe/London. */
export function previousLondonMonth(at: Date): string {
  const parts = Object.fromEntries(london.formatToParts(at).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The month an event asks for. */
export function monthOf(event: PublishEvent, now: Date): string {
  if (event.month !== 'previous') return event.month;
  return previousLondonMonth(event.scheduledTime ? new Date(event.scheduledTime) : now);
}
