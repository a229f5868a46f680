/**
 * What travels from publish to send. One SQS message per batch of at most
 * SEND_BATCH planned recipients, addresses included: the send queue is
 * encrypted (SSE) and TLS-only, and only the publish function may write to
 * it, so a message is as trusted as the plan it was cut from. The email
 * itself does not travel: publish stores it once per issue
 * (`sends/<issueId>/email.json` in the archive bucket, private, no personal
 * data) and every batch reads that one copy — so the send function never
 * runs (or bundles) MJML, and every batch sends the very bytes publish
 * checked.
 */
import * as z from 'zod';
import { PlannedRecipientSchema } from '../core/send/send-plan.js';

/** Recipients per message (DESIGN: batches of ≤ 50). */
export const SEND_BATCH = 50;

export const SendBatchMessageSchema = z.strictObject({
  issueId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  revision: z.number().int().min(1),
  correction: z.boolean(),
  recipients: z.array(PlannedRecipientSchema).min(1).max(SEND_BATCH),
});
export type SendBatchMessage = z.infer<typeof SendBatchMessageSchema>;

const EnvelopeSchema = z.strictObject({
  from: z.strictObject({ name: z.string().optional(), address: z.string() }),
  replyTo: z.string().optional(),
  listName: z.string(),
  listId: z.string(),
  unsubscribeUrl: z.string(),
  unsubscribeEmail: z.string(),
});

/** The issue's email as publish rendered it, and the envelope fixed with it. */
export const StoredEmailSchema = z.strictObject({
  issueId: z.string(),
  month: z.string(),
  revision: z.number().int().min(1),
  email: z.strictObject({ subject: z.string(), html: z.string(), text: z.string(), slotKey: z.string() }),
  envelope: EnvelopeSchema,
});
export type StoredEmail = z.infer<typeof StoredEmailSchema>;

/** Where the issue's email is kept in the archive bucket (outside `site/`: never public). */
export const storedEmailKey = (issueId: string) => `sends/${issueId}/email.json`;

/** The plan's recipients as queue messages, SEND_BATCH at a time. */
export function batchMessages(head: Omit<SendBatchMessage, 'recipients'>, recipients: SendBatchMessage['recipients']): SendBatchMessage[] {
  const out: SendBatchMessage[] = [];
  for (let i = 0; i < recipients.length; i += SEND_BATCH) out.push({ ...head, recipients: recipients.slice(i, i + SEND_BATCH) });
  return out;
}
