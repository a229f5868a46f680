/**
 * What every subscriber operation needs, injected by the edge (CLI, local
 * server, Lambda): the store, the token signer, the clock, the mailer and
 * the list's envelope. Plain values only — config is parsed at the edge.
 */
import type { Clock, Mailer, SendPlanStore, WritableSubscriberStore } from '../ports.js';
import type { RenderedEmail } from '../render/render-email.js';
import type { SendEnvelope } from '../send/envelope.js';
import type { TokenSigner } from '../send/tokens.js';

/** How long a sign-up waits for its confirmation, and how often it may be re-sent. */
export interface SubscriberPolicy {
  /** A pending sign-up (and its confirm link) expires this long after the last confirmation email: 7 days. */
  pendingMs: number;
  /** A pending address is sent no second confirmation within this window: 1 hour. */
  resendWindowMs: number;
}

export const DEFAULT_POLICY: SubscriberPolicy = { pendingMs: 7 * 24 * 3600_000, resendWindowMs: 3600_000 };

/** The latest published issue's email, rendered once (slots intact), for the welcome email. */
export interface LatestIssue {
  /** e.g. `2010-07`. */
  issueId: string;
  email: RenderedEmail;
}

export interface SubscriberDeps {
  store: WritableSubscriberStore;
  tokens: TokenSigner;
  clock: Clock;
  mailer: Mailer;
  envelope: SendEnvelope;
  /** The API's absolute base URL without a trailing slash, e.g. `https://api.example.org/api`: links in emails go under it. */
  apiUrl: string;
  publicationName: string;
  /** BCP 47, for the `lang` of notices. */
  language: string;
  /** Workstream ids a subscriber may choose as topics. */
  workstreams: readonly string[];
  /** The latest published issue, for the welcome email; undefined before the first issue. */
  latestIssue?: () => Promise<LatestIssue | undefined>;
  policy?: SubscriberPolicy;
  /** The send plans, which erasure redacts too (the CLI's `archive/plans/`, the send table on AWS). */
  plans?: SendPlanStore;
  /** Told about failures that must not change a response (the mail service refused a confirmation). */
  onError?: (what: string, error: unknown) => void;
}
