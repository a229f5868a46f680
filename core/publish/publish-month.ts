/**
 * The whole publish, in the one order every edge follows (CLI locally, the
 * publish Lambda on AWS):
 *
 *   1. check everything that can fail — the content and the editor's gate,
 *      the records, the email (rendered, its slots and size checked), the
 *      subscriber list, the send plan — and refuse, naming the file to fix,
 *      before anything is written;
 *   2. create the record (the irreversible step) and write the archive;
 *   3. fix the send plan: who this issue is for, chosen once;
 *
 * and hands back what the send needs; the edge sends the plan (a loop
 * locally, SQS batches on AWS). Safe to repeat at any point.
 */
import { formatProblem } from '../content/problem.js';
import type { SendPlanStore, SubscriberStore } from '../ports.js';
import { renderEmail, type RenderedEmail } from '../render/render-email.js';
import { prepareEmail } from '../send/personalise-message.js';
import { PersonaliseError } from '../send/errors.js';
import { selectAudience } from '../send/select-recipients.js';
import { MAX_HTML_BYTES } from '../send/send-issue.js';
import { fixSendPlan, makeSendPlan, type SendPlan } from '../send/send-plan.js';
import type { PlannedSend } from '../send/send-planned.js';
import type { TokenSigner } from '../send/tokens.js';
import { commitPublication, decidePublication, type PublishInput, type PublishOutcome } from './publish-issue.js';
import type { PublishedRecord } from './records.js';

/** What sending needs; absent for a publish that emails nobody (a correction without --notify). */
export interface SendSetup {
  subscribers: SubscriberStore;
  /** Loads (or creates) the token secret; called only once the month has passed the editor's gate. */
  tokens: () => Promise<TokenSigner>;
  plans: SendPlanStore;
  /** Send although some entries of the list are invalid (their addresses stay blocked). */
  allowInvalidEntries?: boolean;
  /** Publish although nobody would receive the issue. */
  allowNoRecipients?: boolean;
}

export interface PublishMonthInput extends PublishInput {
  send?: SendSetup;
}

/** The send, ready to run (`sendPlanned`): the issue's email and its plan, plus what the current list says. */
export interface PreparedSend extends PlannedSend {
  /** Ledger and Message-ID key: the month, or `<month>-r<N>` for a correction's email. */
  issueId: string;
  email: RenderedEmail;
  /** False when the plan already existed (a repair or re-run: only that plan is finished). */
  planCreated: boolean;
  /** Active subscribers now eligible who are not in an existing plan (they are not sent this issue). */
  joinedSince: number;
  /** Signs this send's tokens. */
  tokens: TokenSigner;
  /** The token secret differs from the one the plan was made with. */
  secretChanged: boolean;
}

export type PublishMonthOutcome =
  | { kind: 'refused'; reasons: string[] }
  | (Exclude<PublishOutcome, { kind: 'refused' }> & { send?: PreparedSend });

/** Publishes the month and prepares its send; see the module comment for the order. */
export async function publishMonth(input: PublishMonthInput): Promise<PublishMonthOutcome> {
  const decision = await decidePublication(input);
  if (decision.kind === 'refused') return decision;
  let checked: Checked | undefined;
  if (input.send) {
    const result = await checkSend(input, input.send, decision.record);
    if ('reasons' in result) return { kind: 'refused', reasons: result.reasons };
    checked = result;
  }
  const outcome = await commitPublication(input, decision);
  if (!input.send || !checked) return outcome;
  const { plan, created } = checked.existing
    ? { plan: checked.existing, created: false }
    : await fixSendPlan(input.send.plans, makeSendPlan(checked.issueId, checked.audience, checked.tokens, input.clock));
  const planned = new Set(plan.recipients.map((r) => r.email));
  return {
    ...outcome,
    send: {
      issueId: checked.issueId,
      email: checked.email,
      plan,
      planCreated: created,
      blocked: checked.blocked,
      skippedEntries: checked.skippedEntries,
      joinedSince: created ? 0 : checked.audience.recipients.filter((r) => !planned.has(r.email)).length,
      tokens: checked.tokens,
      secretChanged: plan.keyFingerprint !== checked.tokens.fingerprint(),
    },
  };
}

type Checked = {
  issueId: string;
  tokens: TokenSigner;
  email: RenderedEmail;
  audience: ReturnType<typeof selectAudience>;
  blocked: ReadonlySet<string>;
  skippedEntries: number;
  existing?: SendPlan;
};

/** Every check of step 1 for the send; reasons name the file (and field) to fix. */
async function checkSend(input: PublishMonthInput, send: SendSetup, record: PublishedRecord): Promise<Checked | { reasons: string[] }> {
  const { month } = record;
  const issueId = record.revision > 1 && input.correction ? `${month}-r${record.revision}` : month;
  const email = await renderEmail(record.issue, input.templates, input.correction && record.revision > 1
    ? { correction: { note: record.note ?? input.correction.note, date: record.publishedAt.slice(0, 10) } }
    : {});
  const reasons: string[] = [];
  try {
    prepareEmail(email);
  } catch (err) {
    if (!(err instanceof PersonaliseError)) throw err;
    reasons.push(`templates/email/issue.mjml.hbs: unsubscribe link: ${err.message}`);
  }
  const bytes = Buffer.byteLength(email.html);
  if (bytes > MAX_HTML_BYTES) {
    const longest = [...record.issue.sections].sort((a, b) => b.html.length - a.html.length)[0];
    reasons.push(`updates/${month}/: email: the email would be ${Math.ceil(bytes / 1024)} KB; Gmail clips messages over ${MAX_HTML_BYTES / 1024} KB, hiding the unsubscribe link — shorten the month's updates${longest ? ` (the longest is ${longest.source})` : ''}`);
  }
  const list = await send.subscribers.list();
  const unusable = list.problems.filter((p) => p.field === 'file' || p.field === 'json');
  if (unusable.length) {
    reasons.push(...unusable.map((p) => `${formatProblem(p)} (the subscriber list cannot be read, so nobody can be sent this issue)`));
  } else if (list.problems.length && !send.allowInvalidEntries) {
    reasons.push(...list.problems.map(formatProblem));
    reasons.push(`${list.problems.length} subscriber entr${list.problems.length === 1 ? 'y is' : 'ies are'} invalid (above); fix ${list.problems.length === 1 ? 'it' : 'them'}, or send anyway with --skip-invalid-subscribers (invalid entries are left out and their addresses never mailed)`);
  }
  const existing = await send.plans.read(issueId);
  const audience = selectAudience(list, record.issue.sections.map((s) => s.workstream));
  if (!unusable.length && !existing && !audience.recipients.length && !send.allowNoRecipients) {
    const left = [audience.suppressed && `${audience.suppressed} opted out or blocked`, audience.notInTopics && `${audience.notInTopics} following other topics`].filter(Boolean).join(', ');
    reasons.push(`${send.subscribers.source}: nobody would be sent this issue${left ? ` (${left})` : ''}; add active subscribers, or publish anyway with --allow-no-recipients`);
  }
  if (reasons.length) return { reasons };
  // Last, so a refused month creates no secret; a weak or unreadable one throws here, before anything is written.
  const tokens = await send.tokens();
  return { issueId, tokens, email, audience, blocked: new Set(list.blocked), skippedEntries: list.problems.length, ...(existing ? { existing } : {}) };
}
