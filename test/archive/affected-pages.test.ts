import { expect, it } from 'vitest';
import { affectedMonths } from '../../core/archive/affected-pages.js';

const months = ['2010-01', '2010-02', '2010-03', '2010-04', '2010-05', '2010-06'];

it('rewrites everything when nothing says what changed', () => {
  expect(affectedMonths(months, undefined)).toEqual(months);
});

it('rewrites a changed month and its neighbours, whose previous/next links point at it', () => {
  expect(affectedMonths(months, ['2010-03'])).toEqual(['2010-02', '2010-03', '2010-04']);
});

it('for a new newest issue, rewrites only it and the issue before it (no banner moves with the newest issue)', () => {
  expect(affectedMonths(months, ['2010-06'])).toEqual(['2010-05', '2010-06']);
});

it('ignores changed months that are not in the archive', () => {
  expect(affectedMonths(months, ['2011-01'])).toEqual([]);
});
