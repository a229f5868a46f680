/** The Issue never says twice what the author already wrote: links and contact details in the body, repeated key dates. */
import { beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig, type SiteConfig } from '../../core/content/load-content.js';
import type { Update } from '../../core/content/parse-update.js';
import { addressKey } from '../../core/render/already-said.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { renderText } from '../../core/render/render-text.js';
import { SAMPLE_CONTENT } from '../content/fixture-copy.js';

let config: SiteConfig;
beforeAll(async () => {
  config = (await loadConfig(new FsContentStore(SAMPLE_CONTENT))).config!;
});

const update = (over: Partial<Update>): Update => ({ workstream: 'specials', month: '2010-07', path: 'updates/2010-07/specials.md', body: 'Text.', ...over }) as Update;
const section = (over: Partial<Update>) => buildIssue({ config, month: '2010-07', updates: [update(over)] }).sections[0]!;

describe('a "Links" item', () => {
  it.each([
    ['linked in the body', '[the report](https://www.example.org/report/)', 'https://www.example.org/report/'],
    ['written out in the body', 'See www.example.org/report for more.', 'http://www.example.org/report/'],
    ['an autolink in the body', 'Go to <https://example.org/report>.', 'https://www.example.org/report'],
    ['an email address in the body', 'Write to Panel@Example.org today.', 'mailto:panel@example.org'],
    ['an email link in the body', '[write to us](mailto:panel@example.org)', 'mailto:panel@example.org?subject=Hi'],
  ])('whose address is %s is not repeated', (_what, body, url) => {
    expect(section({ body, links: [{ label: 'Read it', url }] }).links).toEqual([]);
  });

  it('is kept when the body gives another address, and each address is listed once', () => {
    const links = [{ label: 'A', url: 'https://example.org/a' }, { label: 'B', url: 'https://example.org/b' }, { label: 'A again', url: 'https://example.org/a/' }];
    expect(section({ body: 'See https://example.org/ab and https://other.example.org/a.', links }).links.map((l) => l.label)).toEqual(['A', 'B']);
  });
});

describe('a contact block', () => {
  const contact = { lines: ['Civil Liberties Panel', 'MPA', '10 Dean Farrar Street', 'London SW1H 0NY'], email: 'dna@mpa.gov.uk', phone: '020 7202 0202' };

  it('is not shown when the body gives the address, email and phone', () => {
    const body = 'Write to dna@mpa.gov.uk or to:\n\nCivil Liberties Panel,\\\nMPA,\\\n10 Dean Farrar Street,\\\nLondon SW1H 0NY\n\nor call 020-7202-0202.';
    expect(section({ body, contact }).contact).toBeUndefined();
  });

  it('keeps only what the body does not give; a postal address counts only when all of it is there, in order', () => {
    expect(section({ body: 'Email [us](mailto:DNA@mpa.gov.uk).', contact }).contact).toEqual({ lines: contact.lines, phone: contact.phone });
    expect(section({ body: 'The MPA, London SW1H 0NY, 10 Dean Farrar Street.', contact }).contact).toEqual(contact);
  });

  it('agrees in the web page model, the email model and the plain text (one decision)', () => {
    const issue = buildIssue({ config, month: '2010-07', updates: [update({ body: 'Call 020 7202 0202 or write to dna@mpa.gov.uk.', contact, links: [{ label: 'Email the panel', url: 'mailto:dna@mpa.gov.uk' }] })] });
    const text = renderText(issue);
    expect(text).not.toContain('Email the panel');
    expect(text).not.toContain('Email: dna@mpa.gov.uk');
    expect(text).toContain('Contact\nCivil Liberties Panel\nMPA\n10 Dean Farrar Street\nLondon SW1H 0NY\n');
  });
});

it('lists a key date once, even when two sections (or one twice) give it', () => {
  const date = { date: '2010-09-16', label: 'Strategic and Operational Policing Committee' };
  const issue = buildIssue({ config, month: '2010-07', updates: [
    update({ dates: [date, { ...date, label: ' strategic and operational policing committee ' }] }),
    update({ workstream: 'safer-neighbourhoods', path: 'updates/2010-07/safer-neighbourhoods.md', dates: [date, { ...date, label: 'Another meeting' }] }),
  ] });
  expect(issue.keyDates.map((d) => [d.label, d.workstream])).toEqual([[date.label, 'safer-neighbourhoods'], ['Another meeting', 'safer-neighbourhoods']]);
  const text = renderText(issue);
  expect(text.split(date.label).length - 1).toBe(1);
});

it('reduces addresses to what identifies them', () => {
  expect(addressKey('http://www.Example.org/a/')).toBe(addressKey('https://example.org/a'));
  expect(addressKey('example.org/a.')).toBe(addressKey('https://example.org/a'));
  expect(addressKey('https://example.org/a?x=1')).not.toBe(addressKey('https://example.org/a'));
  expect(addressKey('tel:020 7202 0202')).toBe(addressKey('tel:02072020202'));
});
