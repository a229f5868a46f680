/**
 * A state file the pipeline wrote (a published record, a send plan, a
 * ledger row) cannot be read. Never guessed around: a damaged record is not
 * "unpublished" and a damaged ledger row is not "sent". The message names
 * the file and what to do; nothing irreversible happens after it is thrown.
 */
export class StateError extends Error {
  override readonly name = 'StateError';
  readonly code = 'STATE_DAMAGED';
  constructor(readonly key: string, problem: string, advice: string, options: { cause?: unknown } = {}) {
    super(`${key}: ${problem}; ${advice}`, options);
  }
}
