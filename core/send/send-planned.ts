/**
 * Sends (part of) a send plan: each planned recipient under the key the
 * plan fixed, minus every address the current subscriber list blocks.
 * Locally the CLI sends the whole plan in one call; on AWS each SQS batch
 * is one call with `batch` set. Safe to repeat (see send-issue.ts).
 */
import type { IssueEmail } from './personalise-message.js';
import { sendIssue, type SendIssueInput } from './send-issue.js';
import type { PlannedRecipient, SendPlan } from './send-plan.js';
import type { SendReport } from './send-report.js';

/** A plan ready to send: its issue's email and what the current list says. */
export interface PlannedSend {
  issueId: string;
  email: IssueEmail;
  plan: SendPlan;
  /** Addresses never to mail, whatever the plan says (opted out since, or blocked by an invalid entry). */
  blocked: ReadonlySet<string>;
  skippedEntries: number;
}

export type SendPlannedInput = Omit<SendIssueInput, 'issueId' | 'email' | 'recipients' | 'isSuppressed' | 'suppressedByPlan' | 'skippedEntries'> & {
  send: PlannedSend;
  /** Only these planned recipients (one queue batch); default: the whole plan. */
  batch?: readonly PlannedRecipient[];
};

/** Sends the plan (or one batch of it) and returns the report. */
export function sendPlanned(input: SendPlannedInput): Promise<SendReport> {
  const { send, batch, ...ports } = input;
  return sendIssue({
    ...ports,
    issueId: send.issueId,
    email: send.email,
    recipients: (batch ?? send.plan.recipients).map((r) => ({ email: r.email, key: r.key, reason: r.reason })),
    isSuppressed: (email) => send.blocked.has(email),
    suppressedByPlan: batch ? 0 : send.plan.excluded.suppressed,
    skippedEntries: send.skippedEntries,
  });
}
