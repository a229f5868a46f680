/**
 * The ports: every effect the core needs, named for its role. Adapters
 * implement them per technology (filesystem, S3, SES, DynamoDB, outbox …).
 */

/** Read access to the content tree (`content/` locally, the content bucket on AWS). Keys use `/`. */
export interface ContentStore {
  /**
   * Every readable file under `prefix` (e.g. `updates/2010-07/`), sorted —
   * hidden ones (`.draft.md`) included: the core decides what to ignore, and says so.
   */
  list(prefix: string): Promise<string[]>;
  /** The bytes at `key`, or undefined when it does not exist (or is a link: links are never followed). */
  read(key: string): Promise<Uint8Array | undefined>;
  /**
   * Entries under `prefix` that `list` leaves out because they are not files
   * the store reads — symbolic links (never followed) and folders (`key`
   * ends in `/`) — so the core can report them rather than ignore them
   * silently. S3 has no links: an S3 store reports its zero-byte "folder"
   * objects (keys ending in `/`) as folders, and may omit this method.
   */
  unreadable?(prefix: string): Promise<UnreadableEntry[]>;
}

/** Something in the content tree that is not a readable file. */
export interface UnreadableEntry {
  key: string;
  kind: 'symlink' | 'folder' | 'other';
}

/** One file to write through an ArchiveStore: key, body (text unless said otherwise, e.g. a PDF's bytes) and content type. */
export interface OutputFile<Body extends string | Uint8Array = string> {
  key: string;
  body: Body;
  contentType: string;
  /** Files this one links to (an earlier revision's PDF), written just before it. */
  companions?: readonly OutputFile<string | Uint8Array>[];
}

/** Where rendered output goes (`dist/` locally, the archive bucket on AWS). Keys use `/`. */
export interface ArchiveStore {
  /** Writes `body` at `key`; returns false when the stored bytes were already identical (nothing written). */
  write(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean>;
  /** Creates `key` only if absent; returns false (and writes nothing) when it already exists. */
  create(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean>;
  read(key: string): Promise<Uint8Array | undefined>;
  list(prefix: string): Promise<string[]>;
}

/** Time, injected so the core stays deterministic in tests. */
export interface Clock {
  now(): Date;
}

// ── Send (issue 4) ──────────────────────────────────────────────────────────

/** Where subscribers are kept (`content/subscribers.json` locally, a table on AWS). */
export interface SubscriberStore {
  /** Where the list is, for messages (a file path, a table name). */
  readonly source: string;
  /** Every valid subscriber; invalid entries come back as problems (`[index].field: message`) and are left out. */
  list(): Promise<import('./send/subscriber.js').LoadedSubscribers>;
}

/** A subscriber as the subscribers API reads and writes it: always with its opaque id and a version. */
export type StoredSubscriber = import('./send/subscriber.js').Subscriber & { id: string; version: number };

/**
 * A SubscriberStore the subscribers API can write, one item at a time —
 * the shape of DynamoDB single-item conditional writes (no transactions):
 * `put` and `remove` are compare-and-set on the item's version, so two
 * writers never lose each other's change; the loser re-reads and retries.
 */
export interface WritableSubscriberStore extends SubscriberStore {
  /** The subscriber whose id is `id` (the keyed hash of its address), or undefined. */
  get(id: string): Promise<StoredSubscriber | undefined>;
  /**
   * Writes `record` (replacing every entry for its id) if the stored version
   * is still `expectedVersion` — `undefined` meaning "no such subscriber
   * yet". False, and nothing written, when someone else wrote first.
   */
  put(record: StoredSubscriber, expectedVersion: number | undefined): Promise<boolean>;
  /** Deletes the subscriber `id` if its version is still `expectedVersion`; false when it moved on. */
  remove(id: string, expectedVersion: number): Promise<boolean>;
}

/** One extra header of a message (List-Unsubscribe …): a single line of printable ASCII, from trusted values only. */
export interface MessageHeader {
  name: string;
  value: string;
}

/**
 * A message's personalised parts — what SES v2 `Content.Simple` sends, and
 * what the MIME form carries. Every value is ours or a trusted per-recipient
 * value (address, token URL); author text only ever reaches `subject`,
 * `text` and `html` through the renderer.
 */
export interface MessageContent {
  from: { name?: string; address: string };
  replyTo?: string;
  subject: string;
  /** The Date header of the MIME form (SES stamps its own). */
  date: Date;
  text: string;
  html?: string;
  /** In order, e.g. List-Unsubscribe, List-Unsubscribe-Post, List-Id. */
  headers: readonly MessageHeader[];
}

/**
 * One message ready for the wire: its parts (`content`, for SES) and, for
 * mailers that file bytes (the outbox), either `raw` or `mime` — what lets
 * the MIME be filled from the issue's once-composed buffer
 * (core/send/mime-message.ts `mimeOf`), so no sender pays for MIME it
 * does not need and the send Lambda never bundles a MIME composer.
 */
export interface OutgoingMessage {
  issueId: string;
  /** `test` messages (`--test-to`) never touch the ledger and are filed apart. */
  kind: 'issue' | 'test';
  /** Keyed hash of the address (never the address itself): names files and ledger rows. */
  recipientKey: string;
  /** The Message-ID header, `<…@…>`: the idempotency key, deterministic per (issue, recipient). */
  messageId: string;
  /** Envelope recipient (normalised address). */
  to: string;
  content: MessageContent;
  /** The complete MIME message, CRLF line ends, when the sender composed it itself (notices, reminders). */
  raw?: Uint8Array;
  /** The issue's prepared email and this recipient's slot values, from which `mimeOf` fills the MIME buffer. */
  mime?: { email: import('./send/personalise-message.js').PreparedEmail; values: Readonly<Record<string, string>> };
}

export type MessageRef = Pick<OutgoingMessage, 'issueId' | 'kind' | 'recipientKey' | 'messageId'>;

/**
 * Hands messages to the mail service. `send` resolves once the service has
 * ACCEPTED the message (not delivered it); it throws an error with
 * `retryable: true` for throttling-type failures, any other error otherwise.
 */
export interface Mailer {
  /**
   * True when `send` is idempotent by Message-ID: sending an accepted message
   * again sends nothing and resolves `duplicate` (the outbox). SES is not.
   */
  readonly idempotent: boolean;
  send(message: OutgoingMessage): Promise<{ status: 'accepted' | 'duplicate' }>;
  /** Whether this message was already accepted; `undefined` when the service cannot tell (SES). */
  wasAccepted(ref: MessageRef): Promise<boolean | undefined>;
}

/**
 * The send plans (`archive/plans/` locally, a table on AWS): who each issue's
 * send is for, fixed when the send starts. Create-only: the first plan for
 * an issue wins and is never changed, so re-runs and repairs only finish it.
 */
export interface SendPlanStore {
  /** Stores `plan` unless one exists for its issue; false (nothing written) when it does. */
  create(plan: import('./send/send-plan.js').SendPlan): Promise<boolean>;
  /** The plan for `issueId`, or undefined when its send never started. Throws StateError when it is damaged. */
  read(issueId: string): Promise<import('./send/send-plan.js').SendPlan | undefined>;
  /**
   * Erasure's one exception to create-only: replaces each stored plan that
   * `change` returns a new plan for (same issue, same recipients and keys,
   * only addresses redacted); resolves to how many changed. Each plan is
   * replaced whole or not at all, so re-running after a crash finishes it.
   */
  rewrite?(change: (plan: import('./send/send-plan.js').SendPlan) => import('./send/send-plan.js').SendPlan | undefined): Promise<number>;
}

/** A worker's claim on one (issue, recipient). */
export interface LedgerClaim {
  /** The claiming run, unique per run. */
  owner: string;
  messageId: string;
  /** ISO time from the claimant's Clock: claims older than the claim timeout are taken to be abandoned. */
  claimedAt: string;
}

export interface LedgerDone {
  owner: string;
  messageId: string;
  doneAt: string;
}

/**
 * `version` identifies the claim for a compare-and-swap (`takeOver`, `release`).
 * `damaged`: the row cannot be read (edited by hand, disk trouble) — it says
 * neither "sent" nor "held"; `what` names it and says what to do.
 */
export type ClaimOutcome =
  | { status: 'claimed'; version: number }
  | { status: 'held'; claim: LedgerClaim; version: number }
  | { status: 'done'; done: LedgerDone }
  | { status: 'damaged'; version: number; what: string };

/**
 * One record per (issue, recipient): CLAIMED before sending, DONE after the
 * mailer accepted. Every write is a conditional create, so two workers can
 * never both own a recipient. Keys are recipient keys, never addresses.
 */
export interface SendLedger {
  /** Claims the recipient unless it is done or someone holds it (then says which). */
  claim(issueId: string, recipientKey: string, claim: LedgerClaim): Promise<ClaimOutcome>;
  /** Replaces the claim at `version` with `claim`; the new version, or undefined when someone else moved first. */
  takeOver(issueId: string, recipientKey: string, version: number, claim: LedgerClaim): Promise<number | undefined>;
  /** Marks the recipient done; idempotent (done stays done). */
  markDone(issueId: string, recipientKey: string, done: LedgerDone): Promise<void>;
  /** Gives up the claim at `version` (after a failed send) so a later run retries; no-op if it moved on. */
  release(issueId: string, recipientKey: string, version: number, claim: LedgerClaim): Promise<void>;
}

// ── Queue (issue 8) ─────────────────────────────────────────────────────────

/**
 * Carries work to a later worker (on AWS: one SQS message per send batch).
 * Delivery is at-least-once and unordered, so every receiver must be
 * idempotent (the send ledger makes the send one).
 */
export interface Queue {
  /** Enqueues each message (JSON-serialisable); resolves once all were accepted, throws naming any that were not. */
  send(messages: readonly object[]): Promise<void>;
}

// ── Feedback (issue 8) ──────────────────────────────────────────────────────

/**
 * Where addresses that must never be mailed again are recorded (hard
 * bounces, complaints). Idempotent: suppressing an address twice leaves it
 * suppressed. Once suppressed, the address is blocked for every later send.
 */
export interface SuppressionList {
  suppress(email: string, reason: 'bounce' | 'complaint', at: Date): Promise<void>;
}
