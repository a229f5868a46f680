/**
 * SES feedback as it reaches the feedback queue: an SNS notification
 * envelope (`{ "Type": "Notification", "Message": "<SES event JSON>" }`),
 * or the SES event itself (SNS raw message delivery). Configuration-set
 * events say `eventType`; identity notifications say `notificationType`.
 * Only what the pipeline acts on is read: who bounced hard or complained.
 */

/** What one SES event asks of the pipeline. */
export type Feedback =
  | { kind: 'suppress'; reason: 'bounce' | 'complaint'; emails: string[]; at: Date }
  | { kind: 'count'; event: 'soft-bounce' | 'delivery' | 'other'; recipients: number };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `"Name" <a@b>` or `a@b` → `a@b`; undefined when it is not an address at all. */
function addressOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const inner = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  const email = inner.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

function timeOf(...values: unknown[]): Date | undefined {
  for (const v of values) if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v);
  return undefined;
}

/** The SES event inside an SQS body; throws (the message fails, then is dead-lettered) when there is none. */
export function sesEventOf(body: string): Json {
  const outer = JSON.parse(body) as unknown;
  if (!isObject(outer)) throw new Error('feedback message is not a JSON object');
  const event = outer.Type === 'Notification' && typeof outer.Message === 'string' ? (JSON.parse(outer.Message) as unknown) : outer;
  if (!isObject(event) || (typeof event.eventType !== 'string' && typeof event.notificationType !== 'string')) {
    throw new Error('feedback message holds no SES event (no eventType or notificationType)');
  }
  return event;
}

/**
 * What an SES event means here. Permanent bounces and complaints suppress
 * (an SES account-level suppression counts as permanent); transient and
 * undetermined bounces, deliveries and everything else are only counted.
 * A suppressing event naming no readable address throws: it must not pass unnoticed.
 */
export function feedbackOf(event: Json, now: Date): Feedback {
  const type = String(event.eventType ?? event.notificationType);
  if (type === 'Bounce' && isObject(event.bounce)) {
    const bounce = event.bounce;
    const recipients = Array.isArray(bounce.bouncedRecipients) ? bounce.bouncedRecipients : [];
    if (bounce.bounceType !== 'Permanent') return { kind: 'count', event: 'soft-bounce', recipients: recipients.length };
    return suppress('bounce', recipients, timeOf(bounce.timestamp) ?? now);
  }
  if (type === 'Complaint' && isObject(event.complaint)) {
    const complaint = event.complaint;
    return suppress('complaint', Array.isArray(complaint.complainedRecipients) ? complaint.complainedRecipients : [], timeOf(complaint.timestamp, complaint.arrivalDate) ?? now);
  }
  if (type === 'Delivery' && isObject(event.delivery)) {
    return { kind: 'count', event: 'delivery', recipients: Array.isArray(event.delivery.recipients) ? event.delivery.recipients.length : 0 };
  }
  return { kind: 'count', event: 'other', recipients: 0 };
}

function suppress(reason: 'bounce' | 'complaint', recipients: unknown[], at: Date): Feedback {
  const emails = [...new Set(recipients.map((r) => addressOf(isObject(r) ? r.emailAddress : undefined)).filter((e): e is string => e !== undefined))];
  if (!emails.length) throw new Error(`SES ${reason} event names no readable recipient address`);
  return { kind: 'suppress', reason, emails, at };
}
