/**
 * One suite over both reminder ledgers — files on disk and the DynamoDB
 * table (dynalite) — so the local and AWS edges keep the same promise:
 * each key is created at most once, even by racing writers; keys that
 * differ in any part are independent; unsafe keys never reach a path or
 * an item.
 */
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoReminderLedger } from '../../adapters/dynamo-reminder-ledger.js';
import { FsReminderLedger } from '../../adapters/fs-reminder-ledger.js';
import { REMINDER_KEY, type ReminderLedger } from '../../core/desk/send-once.js';
import { makeTemp, removeTemp } from '../content/fixture-copy.js';
import { documentClient, freshTable } from './dynamo-table.js';

const temps: string[] = [];
afterAll(() => Promise.all(temps.map(removeTemp)));

const ledgers: [string, () => Promise<ReminderLedger>][] = [
  ['FsReminderLedger', async () => {
    const dir = await makeTemp('reminder-ledger');
    temps.push(dir);
    return new FsReminderLedger(dir);
  }],
  ['DynamoReminderLedger', async () => new DynamoReminderLedger(documentClient(), await freshTable('reminders'))],
];

const record = (to: string) => ({ messageId: `<reminder.2010-10.2010-11-04.specials@list>`, to, sentAt: '2010-11-04T09:00:00.000Z' });
const KEY = 'reminders/2010-10/reminder-2010-11-04/specials';

describe.each(ledgers)('%s', (_, make) => {
  let ledger: ReminderLedger;
  beforeEach(async () => {
    ledger = await make();
  });

  it('creates a key once: the second create returns false, and has() says it is there', async () => {
    // Act / Assert
    expect(await ledger.has(KEY)).toBe(false);
    expect(await ledger.create(KEY, record('a@example.org'))).toBe(true);
    expect(await ledger.create(KEY, record('b@example.org'))).toBe(false);
    expect(await ledger.has(KEY)).toBe(true);
  });

  it('lets exactly one of many racing creates of a key win', async () => {
    // Act
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => ledger.create(KEY, record(`w${i}@example.org`))));

    // Assert
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('keeps keys that differ in month, kind, date or name apart (the digest included)', async () => {
    // Arrange
    const keys = [
      KEY, 'reminders/2010-11/reminder-2010-11-04/specials', 'reminders/2010-10/call-2010-11-04/specials',
      'reminders/2010-10/reminder-2010-11-05/specials', 'reminders/2010-10/reminder-2010-11-04/civil-liberties', 'reminders/2010-10/digest-2010-11-04/editor',
    ];

    // Act
    const created = [];
    for (const key of keys) created.push(await ledger.create(key, record('a@example.org')));

    // Assert
    expect(created).toEqual(keys.map(() => true));
    for (const key of keys) expect(await ledger.has(key)).toBe(true);
  });

  it('refuses any key outside reminders/<month>/<kind>-<date>/<id>, writing nothing', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.string(),
        fc.constantFrom('reminders/2010-10/reminder-2010-11-04/../../x', 'reminders/2010-10/other-2010-11-04/specials', 'reminders/2010-10/reminder-2010-11-04/Specials', 'reminders/2010-10/reminder-2010-11-04/specials/x', '/etc/passwd'),
        fc.string().map((s) => `${KEY}${s}`),
      ).filter((k) => !REMINDER_KEY.test(k)),
      async (key) => {
        // Act / Assert
        await expect(ledger.create(key, record('a@example.org'))).rejects.toThrow(/unsafe reminder key/);
        await expect(ledger.has(key)).rejects.toThrow(/unsafe reminder key/);
      },
    ), { numRuns: 50 });
  });
});
