import fc from 'fast-check';
import { expect, it } from 'vitest';
import { contentChanges, decodeS3Key, s3RecordsOf } from '../../functions/s3-event.js';
import { s3EncodeKey, s3Event, s3TestEventBody } from './s3-events.js';

it('decodes every key S3 can encode back to the original (spaces, "+", "%", unicode)', () => {
  fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1 }), { minLength: 1, maxLength: 4 }), (parts) => {
    const key = parts.join('/');
    expect(decodeS3Key(s3EncodeKey(key))).toBe(key);
  }));
  expect(decodeS3Key('updates/2010-07/civil+liberties%2B.md')).toBe('updates/2010-07/civil liberties+.md');
});

it('collapses duplicate records and keeps only object changes', () => {
  const put = s3Event('b', 'updates/2010-07/a b.md').Records[0]!;
  const removed = s3Event('b', 'updates/2010-07/c.md', 'ObjectRemoved:Delete').Records[0]!;
  const other = { ...put, eventName: 'ObjectRestore:Completed' };
  expect(contentChanges([put, put, removed, other])).toEqual([
    { key: 'updates/2010-07/a b.md', removed: false },
    { key: 'updates/2010-07/c.md', removed: true },
  ]);
});

it('reads S3 records from an SQS body, ignores s3:TestEvent and refuses anything else', () => {
  expect(s3RecordsOf(JSON.stringify(s3Event('b', 'k')))).toHaveLength(1);
  expect(s3RecordsOf(s3TestEventBody('b'))).toEqual([]);
  expect(() => s3RecordsOf('{"hello":1}')).toThrow(/not an S3 event/);
  expect(() => s3RecordsOf('not json')).toThrow();
});
