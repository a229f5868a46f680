/**
 * iCalendar line folding: the quick path for ASCII lines gives exactly what
 * the octet-counting fold gives, and every folded line is at most 75 octets
 * and unfolds back to the original.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { fold, foldByOctets } from '../../core/render/calendar.js';

const line = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 0, max: 300 }).map((n) => 'x'.repeat(n)),
);

it('folds every line as the octet-counting fold does, at most 75 octets a line, unfolding to the original', () => {
  fc.assert(fc.property(line, (text) => {
    const folded = fold(text);
    expect(folded).toBe(foldByOctets(text));
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(text);
  }), { numRuns: 1000 });
});
