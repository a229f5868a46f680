/**
 * monthStatus on the sample content with edits: each state named correctly,
 * late only after the deadline, readiness and its reasons — and the publish
 * gate giving exactly the same reasons.
 */
import { describe, expect, it } from 'vitest';
import { listMonths, loadConfig, loadMonth, type SiteConfig } from '../../core/content/load-content.js';
import { monthStatus, type MonthStatus } from '../../core/desk/month-status.js';
import { publishBlockers } from '../../core/publish/check-ready.js';
import { EditedContent } from '../publish/edited-content.js';

const MONTH = '2010-10';

async function statusOf(edit: (c: EditedContent) => Promise<void> | void, now?: Date, lastChanged?: Record<string, string>) {
  const store = new EditedContent();
  await edit(store);
  const { config } = await loadConfig(store);
  const content = await loadMonth(store, MONTH, config!);
  return { status: monthStatus({ config: config!, content, ...(now ? { now } : {}), ...(lastChanged ? { lastChanged } : {}) }), config: config!, content };
}

/** Missing specials, invalid civil-liberties, skipped anti-violence-panel. */
async function broken(c: EditedContent) {
  c.edits.set(`updates/${MONTH}/specials.json`, undefined);
  c.edits.set(`updates/${MONTH}/anti-violence-panel.json`, undefined);
  await c.replace(`updates/${MONTH}/civil-liberties.json`, '"title"', '"titel"');
  c.edits.set(`issues/${MONTH}/issue.md`, '---\nstatus: approved\nskip:\n  - anti-violence-panel\n---\n');
}

const states = (s: MonthStatus) => Object.fromEntries(s.workstreams.map((w) => [w.id, w.state]));

describe('monthStatus', () => {
  it('names each workstream missing, invalid, skipped or valid before the deadline, and says why the month is not ready', async () => {
    // Act: 5 November 2010 is the deadline (the 7th is a Sunday); it is the 4th.
    const { status } = await statusOf(broken, new Date('2010-11-04T12:00:00Z'));

    // Assert
    expect(states(status)).toEqual({
      'safer-neighbourhoods': 'valid', 'anti-violence-panel': 'skipped', 'civil-liberties': 'invalid',
      'london-crime-reduction-board': 'missing', 'race-and-faith-inquiry': 'valid', specials: 'missing',
    });
    const civil = status.workstreams.find((w) => w.id === 'civil-liberties')!;
    expect(civil).toMatchObject({ required: true, owner: 'dna@mpa.gov.uk', path: `updates/${MONTH}/civil-liberties.json` });
    expect(civil.problems.join('\n')).toMatch(/^updates\/2010-10\/civil-liberties\.json:\d+:\d+: titel: /);
    expect(status.ready).toBe(false);
    expect(status.reasons).toContain(`updates/${MONTH}/specials.md: file: required workstream "Specials and Volunteers" has no valid update; write one, or add it to "skip:" in the manifest`);
    expect(status.reasons).toContain(civil.problems[0]);
    expect(status.reasons.some((r) => r.includes('anti-violence'))).toBe(false);
    expect(status.dates?.deadline).toEqual({ date: '2010-11-05', at: '2010-11-06T00:00:00.000Z' });
  });

  it('makes required workstreams without a valid update late from the end of the deadline day, and only those', async () => {
    // Act
    const before = await statusOf(broken, new Date('2010-11-05T23:59:59Z'));
    const after = await statusOf(broken, new Date('2010-11-06T00:00:00Z'));

    // Assert
    expect(states(before.status).specials).toBe('missing');
    expect(states(after.status)).toMatchObject({ specials: 'late', 'civil-liberties': 'late', 'london-crime-reduction-board': 'missing', 'anti-violence-panel': 'skipped' });
    expect(after.status.workstreams.find((w) => w.id === 'civil-liberties')!.problems).toHaveLength(1);
  });

  it('is ready with no reasons once the files are fixed and the month approved, and carries when each file changed', async () => {
    // Act
    const changed = { [`updates/${MONTH}/specials.json`]: '2010-11-02T10:00:00.000Z' };
    const { status } = await statusOf((c) => void c.edits.set(`issues/${MONTH}/issue.md`, '---\nstatus: approved\n---\n'), new Date('2010-12-01T00:00:00Z'), changed);

    // Assert
    expect(status).toMatchObject({ ready: true, reasons: [], approved: true });
    expect(status.workstreams.find((w) => w.id === 'specials')!.lastChanged).toBe('2010-11-02T10:00:00.000Z');
  });

  it('gives the publish gate exactly its reasons, for every sample month, whatever the time', async () => {
    // Arrange
    const store = new EditedContent();
    await broken(store);
    const config = (await loadConfig(store)).config as SiteConfig;

    for (const month of await listMonths(store)) {
      // Act
      const content = await loadMonth(store, month, config);
      const late = monthStatus({ config, content, now: new Date('2030-01-01T00:00:00Z') });

      // Assert
      expect(publishBlockers(config, content)).toEqual(late.reasons);
      expect(late.ready).toBe(late.reasons.length === 0);
    }
  });

  it('has no dates and nothing late without a calendar', async () => {
    // Act
    const { config, content } = await statusOf(broken);
    const { calendar: _, ...publication } = config.publication;
    const status = monthStatus({ config: { ...config, publication }, content, now: new Date('2030-01-01T00:00:00Z') });

    // Assert
    expect(status.dates).toBeUndefined();
    expect(status.workstreams.some((w) => w.state === 'late')).toBe(false);
  });
});
