/**
 * Send plans in a local folder (the CLI's is `archive/plans/`): one file per
 * issue, `<dir>/<issueId>.json`, created atomically and only if absent
 * (fs-exclusive.ts), mode 0600 — a plan lists addresses.
 */
import { join } from 'node:path';
import type { SendPlanStore } from '../core/ports.js';
import { parseSendPlan, type SendPlan } from '../core/send/send-plan.js';
import { createExclusive, readIfExists } from './fs-exclusive.js';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** SendPlanStore over a local folder; `label` is how messages name it (e.g. `archive/plans`). */
export class FsSendPlanStore implements SendPlanStore {
  constructor(readonly dir: string, readonly label = dir) {}

  #path(issueId: string): string {
    if (!SAFE.test(issueId)) throw new Error(`unsafe send plan name "${issueId}"`);
    return join(this.dir, `${issueId}.json`);
  }

  create(plan: SendPlan): Promise<boolean> {
    return createExclusive(this.#path(plan.issueId), `${JSON.stringify(plan, null, 1)}\n`, 0o600);
  }

  async read(issueId: string): Promise<SendPlan | undefined> {
    const text = await readIfExists(this.#path(issueId));
    return text === undefined ? undefined : parseSendPlan(`${this.label}/${issueId}.json`, issueId, text);
  }
}
