/**
 * What the fidelity tests read from the seed bulletin (July 2010): its
 * headings, and every sentence, figure, date, link, email and postal
 * address line, pulled out of its text. Shared by every edition's test.
 */
import { join } from 'node:path';
import { REPO } from '../content/fixture-copy.js';
import { squash, type Heading } from './build-into.js';

// A verbatim copy of ../shared/seeds/004_1717ede401cc7483.txt, the Met Forward bulletin of July 2010.
export const SEED = join(REPO, 'test', 'fixtures', 'seed', 'met-forward-2010-07.txt');

/** The seed's headings, in order (each is checked to be a line of the seed). */
export const HEADINGS: Heading[] = [
  { level: 1, text: 'Met Forward: Monthly progress bulletin (July 2010)' },
  { level: 2, text: '1. Purpose' },
  { level: 2, text: '2. Met Forward Project and Workstream Updates' },
  { level: 3, text: 'Safer Neighbourhoods' },
  { level: 3, text: 'MPA Anti Violence Panel' },
  { level: 3, text: 'MPA Civil Liberties Panel: DNA - Londoners have their say' },
  { level: 3, text: 'London Crime Reduction Board' },
  { level: 3, text: 'Race and Faith Inquiry' },
  { level: 3, text: 'Specials and Volunteers' },
  { level: 4, text: 'Specials' },
  { level: 4, text: 'Met Volunteers' },
  { level: 2, text: 'Getting Involved' },
];

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

/** Everything the seed says, pulled out of its text. */
export interface SeedFacts {
  paragraphs: string[];
  sentences: string[];
  numbers: string[];
  dates: string[];
  quantities: string[];
  urls: string[];
  emails: string[];
  addressLines: string[];
  gettingInvolved: string[];
}

export function seedFacts(seed: string): SeedFacts {
  const blocks = seed.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map((b) => b.trim()).filter(Boolean);
  const isHeading = (b: string) => HEADINGS.some((h) => h.text === b);
  // The postal address: a run of short one-line blocks ending in commas, and the line that ends it.
  const address = new Set<number>();
  blocks.forEach((b, i) => {
    if (/^[^\n]{1,40},$/.test(b)) address.add(i).add(i + 1);
  });
  const giAt = blocks.indexOf('Getting Involved');
  const gettingInvolved = blocks.slice(giAt + 1).join('\n').split(/\n(?=- )/).map((item) => squash(item.replace(/^- /, '')));
  const paragraphs = blocks.filter((b, i) => !isHeading(b) && !address.has(i) && i <= giAt).map(squash);
  const all = squash(blocks.join('\n\n'));
  const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>]+/g;
  const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
  const withoutAddresses = all.replace(urlPattern, ' ').replace(emailPattern, ' ');
  return {
    paragraphs,
    sentences: [...paragraphs, ...gettingInvolved].flatMap((p) => p.split(/(?<=[.?!])\s+(?=[A-Z])/)),
    // "3,125" is one number; "June 2010, 3,125" is two.
    numbers: [...new Set(withoutAddresses.match(/(?<![\w,.])(?:\d{1,3}(?:,\d{3})+|\d+)(?!\w|,\d)/g) ?? [])],
    dates: [...new Set(withoutAddresses.match(new RegExp(`\\b\\d{1,2} (?:${MONTHS})(?: \\d{4})?\\b`, 'g')) ?? [])],
    quantities: [...new Set(withoutAddresses.match(/\b\d[\d,]* [A-Za-z]+/g) ?? [])],
    urls: [...new Set((all.match(urlPattern) ?? []).map((u) => u.replace(/[.,;:)]+$/, '')))],
    emails: [...new Set(all.match(emailPattern) ?? [])],
    addressLines: blocks.filter((_, i) => address.has(i)).map((b) => b.replace(/,$/, '')),
    gettingInvolved,
  };
}

