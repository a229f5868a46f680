/**
 * `parseUpdate` on the sample updates and on the mistakes authors make that
 * the fixtures do not cover: it never throws, and every problem is one
 * located line.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem, type Problem } from '../../core/content/problem.js';
import type { Workstream } from '../../core/content/schema.js';
import { SAMPLE_CONTENT } from './fixture-copy.js';

let registry: Workstream[];
beforeAll(async () => {
  const key = 'config/workstreams.yaml';
  registry = parseWorkstreams(key, await readFile(join(SAMPLE_CONTENT, key))).value!;
});

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (path: string, text: string | Uint8Array) => parseUpdate(path, typeof text === 'string' ? bytes(text) : text, registry);
const lines = (problems: readonly Problem[]) => problems.map(formatProblem);
const md = (front: string, body = 'Text.\n') => `---\nworkstream: civil-liberties\nmonth: "2010-07"\n${front}---\n${body}`;
const P = 'updates/2010-07/civil-liberties.md';

describe('sample updates', () => {
  it('every sample update parses to the fields it was written with', async () => {
    // Arrange
    const keys: string[] = [];
    for (const month of await readdir(join(SAMPLE_CONTENT, 'updates'))) {
      for (const name of await readdir(join(SAMPLE_CONTENT, 'updates', month))) keys.push(`updates/${month}/${name}`);
    }

    // Act
    const results = await Promise.all(keys.map(async (k) => ({ k, r: parseUpdate(k, await readFile(join(SAMPLE_CONTENT, k)), registry) })));

    // Assert
    expect(results.flatMap(({ r }) => lines(r.problems))).toEqual([]);
    for (const { k, r } of results) {
      expect(r.update!.path).toBe(k);
      expect(k).toContain(`/${r.update!.month}/${r.update!.workstream}.`);
      expect(r.update!.body.trim().length).toBeGreaterThan(20);
    }
  });

  it('keeps the Markdown body exactly as written after the front matter', async () => {
    // Arrange
    const key = 'updates/2010-07/specials.md';
    const text = await readFile(join(SAMPLE_CONTENT, key), 'utf8');

    // Act
    const { update } = parse(key, text);

    // Assert
    expect(update!.body).toBe(text.slice(text.indexOf('\n---\n') + 5));
    expect(update!.figures).toEqual([
      { label: 'Special Constables', value: 3125, period: 'June 2010' },
      { label: 'Hours of visible patrolling per week', value: 11300, unit: 'hours', period: 'June 2010' },
      { label: 'Officers in training', value: 516, period: 'June 2010' },
      { label: 'Applications received per month', value: 900, period: 'June 2010' },
    ]);
  });
});

describe('mistakes, each one located line', () => {
  it.each<[string, string, string, string[]]>([
    ['a front matter block never closed', P, '---\nworkstream: civil-liberties\nmonth: "2010-07"\nText.\n',
      [`${P}:1:1: front matter: the front matter block that starts here is never closed; end it with a line "---" before the text`]],
    ['no front matter at all', P, 'Just text.\n',
      [`${P}:1:1: front matter: the file must start with a front matter block between two "---" lines (see README: "Writing an update")`]],
    ['a file of only white space', P, ' \n\n',
      [`${P}:1: file: file has only white space; write the content, or delete it`]],
    ['an alias to an anchor that does not exist', P, '---\nworkstream: *civil\nmonth: "2010-07"\n---\nText.\n',
      [`${P}:2:13: front matter: invalid YAML: Unresolved alias (the anchor must be set before the alias): civil`]],
    ['a YAML alias bomb', P, `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nText.\n`,
      [`${P}:3:8: front matter: invalid YAML: Excessive alias count indicates a resource exhaustion attack`]],
    ['a field written twice', P, md('workstream: civil-liberties\n'),
      [`${P}:4:1: front matter: invalid YAML: Map keys must be unique`]],
    ['front matter that is a list', P, '---\n- workstream\n---\nText.\n',
      [`${P}:2:1: (top level): must be a mapping of fields, not a list`]],
    ['a missing required field', P, '---\nmonth: "2010-07"\n---\nText.\n',
      [`${P}:2:1: workstream: is required`]],
    ['an empty body', P, md('', '\n\n'),
      [`${P}:5: body: is empty; write the update text`]],
    ['a figure written with a comma', P, md('figures:\n  - label: Special Constables\n    value: 3,125\n'),
      [`${P}:6:12: figures[0].value: must be a number, e.g. 3125 (no commas or units) (got "3,125")`]],
    ['a link with no url', P, md('links:\n  - label: Report\n'),
      [`${P}:5:5: links[0].url: is required`]],
    ['an empty contact block', P, md('contact: {}\n'),
      [`${P}:4:10: contact: needs at least lines, email or phone`]],
    ['an invalid contact email', P, md('contact:\n  email: dna at mpa.gov.uk\n'),
      [`${P}:5:10: contact.email: must be an email address`]],
    ['a 24-hour time written wrongly', P, md('dates:\n  - date: "2010-08-31"\n    label: Meeting\n    time: 2pm\n'),
      [`${P}:7:11: dates[0].time: must be a 24-hour time HH:MM, e.g. 14:00`]],
    ['a workstream id with capitals', 'updates/2010-07/Civil Liberties.md', '---\nworkstream: Civil Liberties\nmonth: "2010-07"\n---\nText.\n',
      ['updates/2010-07/Civil Liberties.md:2:13: workstream: must be lower-case letters, digits and single hyphens, e.g. civil-liberties',
        'updates/2010-07/Civil Liberties.md:2:13: workstream: "Civil Liberties" is not in config/workstreams; known ids: safer-neighbourhoods, anti-violence-panel, civil-liberties, london-crime-reduction-board, race-and-faith-inquiry, specials']],
    ['a file named for another workstream', 'updates/2010-07/specials.md', md(''),
      ['updates/2010-07/specials.md:2:13: workstream: is "civil-liberties" but the file is named specials; name the file civil-liberties.md']],
    ['an image, raw HTML and a relative link in the body', P, md('', 'Intro.\n\n![map](https://example.org/map.png) <b>bold</b> [papers](/committees/)\n'),
      [`${P}:7: body: images are not supported in updates; link to the image instead`,
        `${P}:7: body: raw HTML is not allowed (<b>); use Markdown instead`,
        `${P}:7: body: link "/committees/" is not allowed; links must be absolute https:, http:, mailto: or tel: URLs`]],
    ['a file outside a month folder', 'updates/civil-liberties.md', md(''),
      ['updates/civil-liberties.md: file: updates live at updates/YYYY-MM/<workstream-id>.md (or .json)']],
    ['a folder that is not a month', 'updates/2010-7/civil-liberties.md', md(''),
      ['updates/2010-7/civil-liberties.md: file: folder "2010-7" is not a month; use updates/YYYY-MM/']],
    ['a file with no extension', 'updates/2010-07/civil-liberties', md(''),
      ['updates/2010-07/civil-liberties: file: unsupported file type; use .md or .json']],
  ])('%s', (_, path, text, expected) => {
    // Act
    const result = parse(path, text);

    // Assert
    expect(result.update).toBeUndefined();
    expect(lines(result.problems)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['a tab inside a string', '{"workstream": "civil-liberties", "month": "2010-07", "body": "a\tb"}',
      'json: invalid JSON: a control character (such as a tab or line break) inside a string; write it as \\t or \\n'],
    ['a number with a leading zero', '{"workstream": "civil-liberties", "month": "2010-07", "body": "x", "figures": [{"label": "a", "value": 01}]}',
      'json: invalid JSON: a comma is missing'],
    ['a bad escape', '{"workstream": "civil-liberties", "month": "2010-07", "body": "C:\\x"}',
      'json: invalid JSON: an invalid escape after \\ in a string (write \\\\ for a backslash)'],
    ['a comment', '{\n  // note\n  "workstream": "civil-liberties"\n}',
      'json: invalid JSON: comments are not allowed in JSON'],
    ['single quotes', "{'workstream': 'civil-liberties'}",
      'json: invalid JSON: unexpected symbol (strings need "double quotes")'],
  ])('JSON with %s is one located line, never an exception', (_, text, message) => {
    // Act
    const result = parse('updates/2010-07/civil-liberties.json', text);

    // Assert
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0]!)).toMatch(new RegExp(`^updates/2010-07/civil-liberties\\.json:\\d+:\\d+: `));
    expect(formatProblem(result.problems[0]!)).toContain(message);
  });

  it('points a raw-HTML problem in a JSON body at the body field', () => {
    // Act
    const result = parse('updates/2010-07/civil-liberties.json', '{\n  "workstream": "civil-liberties",\n  "month": "2010-07",\n  "body": "Hi.\\n\\n<img src=x onerror=alert(1)>\\n"\n}\n');

    // Assert
    expect(lines(result.problems)).toEqual(['updates/2010-07/civil-liberties.json:4: body: raw HTML is not allowed (<img>); use Markdown instead']);
  });

  it('reports every problem in a file at once, in line order', () => {
    // Act
    const result = parse(P, '---\nworkstream: civil-liberties\nmonth: "2010-08"\nsumary: x\nlinks:\n  - label: x\n    url: javascript:alert(1)\n---\nText <script>alert(1)</script>\n');

    // Assert
    expect(lines(result.problems)).toEqual([
      `${P}:3:8: month: is 2010-08 but the file is in updates/2010-07/; move the file or fix the month`,
      `${P}:4:1: sumary: unknown field; did you mean "summary"?`,
      `${P}:7:10: links[0].url: must be an absolute https:, http:, mailto: or tel: URL`,
      `${P}:9: body: raw HTML is not allowed (<script>); use Markdown instead`,
    ]);
  });
});

describe('encodings', () => {
  it('rejects a UTF-16 file as not UTF-8, at the first byte', () => {
    // Arrange
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'---\n'].flatMap((c) => [c.charCodeAt(0), 0])]);

    // Act
    const result = parse(P, utf16);

    // Assert
    expect(lines(result.problems)).toEqual([`${P}:1:1: encoding: file is not UTF-8 (invalid byte 0xff at offset 0); save it as UTF-8`]);
  });

  it.each([
    ['a truncated multi-byte sequence at the end', [0xe2, 0x80], 'invalid byte 0xe2 at offset'],
    ['an overlong encoding', [0xc0, 0xaf], 'invalid byte 0xc0 at offset'],
    ['a stray continuation byte', [0x80], 'invalid byte 0x80 at offset'],
  ])('finds %s and points at its line and column', (_, bad, message) => {
    // Arrange
    const text = md('', 'First line.\nSecond: ');
    const file = new Uint8Array([...bytes(text), ...bad, 0x0a]);

    // Act
    const result = parse(P, file);

    // Assert
    expect(result.problems).toHaveLength(1);
    const p = result.problems[0]!;
    expect([p.field, p.line, p.col]).toEqual(['encoding', 6, 9]);
    expect(p.message).toContain(message);
  });

  it('accepts correct multi-byte UTF-8 and keeps it', () => {
    // Act
    const result = parse(P, md('', 'café – £5 · naïve ‘quotes’ 😀\n'));

    // Assert
    expect(result.update?.body).toBe('café – £5 · naïve ‘quotes’ 😀\n');
  });
});
