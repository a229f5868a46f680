/**
 * What a send did, for the editor. The counts always add up:
 * intended = submitted + skippedAlreadySent + suppressed + deferred + failed.
 *
 * Addresses: the report object (and the JSON file a caller writes from it)
 * holds full addresses in `failures`, because the editor must act on them;
 * `formatSendReport` and `formatFailure` — the forms meant for terminals and
 * CI logs — print counts only, and masked addresses.
 */

import { errorCode } from './errors.js';

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
  /** Entries of the subscriber list left out as invalid (each one's address, when readable, was blocked). Not part of `intended`. */
  skippedEntries: number;
  failures: SendFailure[];
  rate: {
    /** The cap, messages per second. */
    configured: number;
    /** Submitted per second of the send's duration (by the injected clock). */
    achieved: number;
  };
}

/** A report with every count at zero, for a run starting at `startedAt`. */
export function openReport(init: { issueId: string; kind: SendReport['kind']; runId: string; startedAt: Date; intended: number; ratePerSecond?: number }): SendReport {
  const startedAt = init.startedAt.toISOString();
  return {
    issueId: init.issueId, kind: init.kind, runId: init.runId, startedAt, finishedAt: startedAt,
    intended: init.intended, submitted: 0, skippedAlreadySent: 0, suppressed: 0, deferred: 0, failed: 0, skippedEntries: 0, failures: [],
    rate: { configured: init.ratePerSecond ?? 0, achieved: 0 },
  };
}

/** Stamps the end of the run and the achieved rate; failures sorted by address. */
export function closeReport(report: SendReport, finishedAt: Date): SendReport {
  const seconds = (finishedAt.getTime() - Date.parse(report.startedAt)) / 1000;
  report.finishedAt = finishedAt.toISOString();
  const slot = report.rate.configured > 0 ? 1 / report.rate.configured : 0;
  // N messages paced at R start over (N-1)/R s: add one slot so N over N slots reads R; short bursts count over 1 s.
  report.rate.achieved = report.submitted / Math.max(seconds + slot, 1);
  report.failures.sort((a, b) => a.email.localeCompare(b.email));
  return report;
}

/** The failure entry for `email` after `attempts` tries ended in `error`. */
export function failureOf(email: string, error: unknown, attempts: number): SendFailure {
  return { email, code: errorCode(error), message: error instanceof Error ? error.message : String(error), attempts };
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
  const entries = r.skippedEntries ? `; ${r.skippedEntries} invalid subscriber entr${r.skippedEntries === 1 ? 'y' : 'ies'} skipped` : '';
  return `${r.issueId}${test}: ${r.intended} intended — ${r.submitted} submitted, ${r.skippedAlreadySent} already sent, ${r.suppressed} suppressed${deferred}, ${r.failed} failed (${rate})${skipped}${entries}`;
}

/** One failure as one line with the address masked, for logs. */
export function formatFailure(f: SendFailure): string {
  const message = f.message.replace(/\s*\n\s*/g, ' ').replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, maskAddress);
  return `${maskAddress(f.email)}: ${f.code}: ${message} (after ${f.attempts} attempt${f.attempts === 1 ? '' : 's'})`;
}
