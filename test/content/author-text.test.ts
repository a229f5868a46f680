/**
 * The author text policy, tested as a class: placeholder syntax in any
 * spelling a renderer or encoder could turn into `%%{name}%%`, and any
 * control or bidi character, in any author-written field of an update, a
 * manifest or the publication config, is one located problem at that field;
 * and no problem line ever carries such a character raw to a terminal.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifest, parsePublication, parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { SAMPLE_CONTENT } from './fixture-copy.js';

const registry = parseWorkstreams('config/workstreams.yaml', await readFile(join(SAMPLE_CONTENT, 'config/workstreams.yaml'))).value!;
const publicationYaml = await readFile(join(SAMPLE_CONTENT, 'config/publication.yaml'), 'utf8');
const encode = (s: string) => new TextEncoder().encode(s);
const P = 'updates/2010-07/civil-liberties.json';

/** Every author-written string of an update (JSON form), with a valid value; `url` fields get the text in a query. */
const FIELDS: Record<string, (text: string) => Record<string, unknown>> = {
  title: (t) => ({ title: `Panel ${t}` }),
  summary: (t) => ({ summary: `Open meeting ${t}` }),
  'links[0].label': (t) => ({ links: [{ label: `Report ${t}`, url: 'https://example.org/' }] }),
  'links[0].url': (t) => ({ links: [{ label: 'Report', url: `https://example.org/?u=${t}` }] }),
  'dates[0].label': (t) => ({ dates: [{ date: '2010-08-31', label: `Closing ${t}` }] }),
  'dates[0].location': (t) => ({ dates: [{ date: '2010-08-31', label: 'Closing', location: `City Hall ${t}` }] }),
  'figures[0].label': (t) => ({ figures: [{ label: `Specials ${t}`, value: 1 }] }),
  'figures[0].unit': (t) => ({ figures: [{ label: 'Specials', value: 1, unit: `hours ${t}` }] }),
  'figures[0].period': (t) => ({ figures: [{ label: 'Specials', value: 1, period: `June ${t}` }] }),
  'contact.lines[0]': (t) => ({ contact: { lines: [`MPA ${t}`] } }),
  'contact.phone': (t) => ({ contact: { phone: `020 ${t}` } }),
  body: (t) => ({ body: `The panel met.\n\nSee ${t} for more.\n` }),
};

const update = (extra: Record<string, unknown>) =>
  JSON.stringify({ workstream: 'civil-liberties', month: '2010-07', summary: 'A meeting', body: 'The panel met.\n', ...extra }, null, 2);

/** `c` as a renderer, browser or URL decoder might later read it back. */
const spelling = (c: '%' | '{' | '}') =>
  fc.constantFrom(
    c,
    `&#${c.charCodeAt(0)};`,
    `&#x${c.charCodeAt(0).toString(16)};`,
    `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    `%25${c.charCodeAt(0).toString(16)}`.replace('%25%', '%'),
    `\\${c}`,
    { '%': '&percnt;', '{': '&lcub;', '}': '&rcub;' }[c],
    { '%': '\uFF05', '{': '\uFF5B', '}': '\uFF5D' }[c],
    `&amp;#${c.charCodeAt(0)};`,
  );

const placeholder = fc
  .tuple(spelling('%'), spelling('%'), spelling('{'), fc.stringMatching(/^[a-z_]{1,16}$/), spelling('}'), spelling('%'), spelling('%'))
  .map((parts) => parts.join(''));

describe('placeholder syntax', () => {
  it('in any author field of an update, in any spelling, is a problem at that field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(FIELDS)), placeholder, (field, text) => {
        // Act
        const { update: parsed, problems } = parseUpdate(P, encode(update(FIELDS[field]!(text))), registry);

        // Assert
        expect(parsed).toBeUndefined();
        const mine = problems.find((p) => p.field === field && /placeholder syntax/.test(p.message));
        expect(mine, problems.map(formatProblem).join('\n')).toBeDefined();
        expect(mine!.line).toBeGreaterThan(1);
      }),
      { numRuns: 300 },
    );
  });

  it('is found in a Markdown body at its line, and in the manifest and the publication config', () => {
    // Arrange
    const md = '---\nworkstream: civil-liberties\nmonth: "2010-07"\n---\nFirst line.\n\n[Unsubscribe here](https://evil.example/?next=%%{unsubscribe_url}%%)\n';
    const manifest = '---\nstatus: approved\ngettingInvolved:\n  - "Leave: &#37;&#37;{unsubscribe_url}&#37;&#37;"\n---\nIntro.\n';
    const publication = publicationYaml.replace('fromName: Met Forward bulletin', 'fromName: "Met Forward %25%25%7Bunsubscribe_url%7D%25%25"');

    // Act
    const body = parseUpdate('updates/2010-07/civil-liberties.md', encode(md), registry).problems;
    const issue = parseManifest('issues/2010-07/issue.md', encode(manifest), '2010-07', registry).problems;
    const config = parsePublication('config/publication.yaml', encode(publication)).problems;

    // Assert
    expect(body.map(formatProblem)).toEqual(['updates/2010-07/civil-liberties.md:7: body: contains placeholder syntax ("%%{" or "}%%"), which only the email template may use; remove it']);
    expect(issue.map(formatProblem)).toEqual(['issues/2010-07/issue.md:4:5: gettingInvolved[0]: contains placeholder syntax ("%%{" or "}%%"), which only the email template may use; remove it']);
    expect(config.map((p) => `${p.line}: ${p.field}`)).toEqual([`${publication.split('\n').findIndex((l) => l.startsWith('fromName:')) + 1}: fromName`]);
  });

  it('leaves ordinary percentages and braces alone', () => {
    // Act
    const { problems } = parseUpdate(P, encode(update({ summary: 'Up 50% {provisional}', body: 'Recruitment rose 10%% and 20%.\n\n{see} 100%{x\n' })), registry);

    // Assert
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

const CONTROLS = [0x00, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0x9b, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];

describe('control and bidi characters', () => {
  it('in any author field are a problem at that field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(FIELDS)), fc.constantFrom(...CONTROLS), (field, code) => {
        // Act
        const { problems } = parseUpdate(P, encode(update(FIELDS[field]!(`a${String.fromCharCode(code)}b`))), registry);

        // Assert
        const mine = problems.find((p) => p.field === field && /control character U\+/.test(p.message));
        expect(mine, problems.map(formatProblem).join('\n')).toBeDefined();
      }),
    );
  });

  it('raw in a Markdown body are reported at their line; a tab is allowed', () => {
    // Arrange
    const md = '---\nworkstream: civil-liberties\nmonth: "2010-07"\n---\nFine\twith a tab.\n\nRing \u0007 the bell.\n\n\u202Edesrever\n';

    // Act
    const { problems } = parseUpdate('updates/2010-07/civil-liberties.md', encode(md), registry);

    // Assert
    expect(problems.map(formatProblem)).toEqual([
      'updates/2010-07/civil-liberties.md:7: body: contains the invisible control character U+0007 (bell); delete it (retype the text around it if you cannot see it)',
      'updates/2010-07/civil-liberties.md:9: body: contains the invisible control character U+202E (right-to-left override); delete it (retype the text around it if you cannot see it)',
    ]);
  });
});

describe('formatProblem', () => {
  it('never puts a control, bidi or separator character on the terminal, whatever the problem quotes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (path, field, message) => {
        // Act
        const line = formatProblem({ path, line: 1, col: 2, field, message });

        // Assert
        expect(line).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
        expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
    );
  });

  it('shows an escape sequence from an author visibly', () => {
    // Act
    const line = formatProblem({ path: 'updates/2010-07/x\u001b[2J.md', field: 'title', message: 'quoted "\u001b]0;pwned\u0007"' });

    // Assert
    expect(line).toBe('updates/2010-07/x\\u001b[2J.md: title: quoted "\\u001b]0;pwned\\u0007"');
  });
});
