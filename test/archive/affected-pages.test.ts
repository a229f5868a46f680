import { expect, it } from 'vitest';
import { affectedMonths } from '../../core/archive/affected-pages.js';

const months = ['2010-01', '2010-02', '2010-03', '2010-04', '2010-05', '2010-06'];
const pub = { archivedAfterMonths: 3 };

it('rewrites everything when nothing says what changed', () => {
  expect(affectedMonths(months, undefined, pub)).toEqual(months);
});

it('rewrites a changed month and its neighbours, whose previous/next links point at it', () => {
  expect(affectedMonths(months, ['2010-03'], pub)).toEqual(['2010-02', '2010-03', '2010-04']);
});

it('for a new newest issue, also rewrites the issues it pushes over the "archived" line', () => {
  // Before: newest 2010-05, archived < 2010-02. After: newest 2010-06, archived < 2010-03 → 2010-02 gains the banner.
  expect(affectedMonths(months, ['2010-06'], pub)).toEqual(['2010-02', '2010-05', '2010-06']);
});

it('ignores changed months that are not in the archive', () => {
  expect(affectedMonths(months, ['2011-01'], pub)).toEqual([]);
});
