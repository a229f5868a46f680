/**
 * What a send did, for the editor. The counts always add up:
 * intended = submitted + skippedAlreadySent + suppressed + deferred + failed.
 *
 * Addresses: the report object (and the JSON file a caller writes from it)
 * holds full addresses in `failures`, because the editor must act on them;
 * `formatSendReport` and `formatFailure` — the forms meant for terminals and
 * CI logs — print counts only, and masked addresses.
 */

/** One recipient the mail service did not accept. */
export interface SendFailure {
  /** Full address: keep the report file private; print with `formatFailure`. */
  email: string;
  code: string;
  message: string;
  attempts: number;
}

/** The outcome of one run of `sendIssue` or `sendTest`; JSON-serialisable. */
export interface SendReport {
  issueId: string;
  kind: 'issue' | 'test';
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** Distinct recipients this run was asked to cover. */
  intended: number;
  /** Accepted by the mail service in this run ("submitted", not "delivered"). */
  submitted: number;
  /** Sent before (the ledger says done, or the mailer already had it): not sent again. */
  skippedAlreadySent: number;
  /** Opted out or on the suppression list: not sent. */
  suppressed: number;
  /** Claimed by another worker that may still be sending (only with a mailer that cannot tell): a later run settles them. */
  deferred: number;
  /** Not accepted after every attempt; listed in `failures`. A later run retries them. */
  failed: number;
  failures: SendFailure[];
  rate: {
    /** The cap, messages per second. */
    configured: number;
    /** Submitted per second of the send's duration (by the injected clock). */
    achieved: number;
  };
}

/** `a***@example.org`: enough to recognise, not enough to harvest. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** One line, no addresses: `2010-07: 3 intended — 3 submitted, 0 already sent, 0 suppressed, 0 failed (12.0/s of 14/s cap)`. */
export function formatSendReport(r: SendReport): string {
  const test = r.kind === 'test' ? ' (test send)' : '';
  const deferred = r.deferred ? `, ${r.deferred} deferred` : '';
  const rate = `${r.rate.achieved.toFixed(1)}/s of ${r.rate.configured}/s cap`;
  const skipped = r.intended > 0 && r.skippedAlreadySent === r.intended ? ' — all already sent, nothing to do' : '';
  return `${r.issueId}${test}: ${r.intended} intended — ${r.submitted} submitted, ${r.skippedAlreadySent} already sent, ${r.suppressed} suppressed${deferred}, ${r.failed} failed (${rate})${skipped}`;
}

/** One failure as one line with the address masked, for logs. */
export function formatFailure(f: SendFailure): string {
  const message = f.message.replace(/\s*\n\s*/g, ' ').replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, maskAddress);
  return `${maskAddress(f.email)}: ${f.code}: ${message} (after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'})`;
}
