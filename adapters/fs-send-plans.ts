/**
 * Send plans in a local folder (the CLI's is `archive/plans/`): one file per
 * issue, `<dir>/<issueId>.json`, created atomically and only if absent
 * (fs-exclusive.ts), mode 0600 — a plan lists addresses.
 */
import { readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SendPlanStore } from '../core/ports.js';
import { parseSendPlan, type SendPlan } from '../core/send/send-plan.js';
import { createExclusive, readIfExists, temporaryName } from './fs-exclusive.js';

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

  /** Replaces each plan `change` redacts by rename of a complete temporary file (0600): whole or not at all. */
  async rewrite(change: (plan: SendPlan) => SendPlan | undefined): Promise<number> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
    let changed = 0;
    for (const name of names.filter((n) => n.endsWith('.json') && SAFE.test(n)).sort()) {
      const plan = await this.read(name.slice(0, -5));
      const next = plan && change(plan);
      if (!next) continue;
      const tmp = join(this.dir, `.${temporaryName(name)}`);
      await writeFile(tmp, `${JSON.stringify(next, null, 1)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(tmp, this.#path(next.issueId)).catch(async (err: unknown) => {
        await unlink(tmp).catch(() => undefined);
        throw err;
      });
      changed++;
    }
    return changed;
  }
}
