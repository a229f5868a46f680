/**
 * Parser edges, each as a class: nesting deep enough to overflow a recursive
 * parser (JSON, YAML flow and block, Markdown quotes and lists) is one
 * located problem for that file and the rest of the month still loads;
 * duplicate JSON keys at any depth, YAML tags, non-finite numbers and line
 * breaks in one-line fields are located problems.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { parsePublication, parseWorkstreams } from '../../core/content/parse-config.js';
import { parseUpdate } from '../../core/content/parse-update.js';
import { formatProblem } from '../../core/content/problem.js';
import { parseJson } from '../../core/content/structured.js';
import { copyTree, removeTemp, SAMPLE_CONTENT } from './fixture-copy.js';

const registry = parseWorkstreams('config/workstreams.yaml', await readFile(join(SAMPLE_CONTENT, 'config/workstreams.yaml'))).value!;
const encode = (s: string) => new TextEncoder().encode(s);
const J = 'updates/2010-07/civil-liberties.json';
const M = 'updates/2010-07/civil-liberties.md';
const json = (extra: string) => `{\n  "workstream": "civil-liberties",\n  "month": "2010-07",\n  "body": "Text."${extra}\n}\n`;
const md = (front: string, body = 'Text.\n') => `---\nworkstream: civil-liberties\nmonth: "2010-07"\n${front}---\n${body}`;
const N = 10_000;

const DEEP: [string, string, string][] = [
  ['JSON lists', J, json(`,\n  "figures": ${'['.repeat(N)}${']'.repeat(N)}`)],
  ['JSON objects', J, json(`,\n  "contact": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}`)],
  ['JSON lists left open', J, json(`,\n  "figures": ${'['.repeat(N)}`)],
  ['YAML flow lists', M, md(`figures: ${'['.repeat(N)}${']'.repeat(N)}\n`)],
  ['YAML flow mappings', M, md(`contact: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`)],
  ['YAML compact block lists', M, md(`figures:\n  ${'- '.repeat(N)}x\n`)],
  ['YAML indented mappings', M, md(`contact:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`)],
  ['Markdown block quotes', M, md('', `First.\n\n${'>'.repeat(N)} deep\n\nAfter.\n`)],
  ['Markdown nested lists', M, md('', `First.\n\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n\nAfter.\n`)],
  ['Markdown compact lists', M, md('', `First.\n\n${'- '.repeat(N)}x\n\nAfter.\n`)],
];

describe('deep nesting', () => {
  it.each(DEEP)('%s: one located problem, never a stack overflow', (_, path, text) => {
    // Act
    const { update, problems } = parseUpdate(path, encode(text), registry);

    // Assert
    expect(update).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBeGreaterThan(1);
    expect(formatProblem(problems[0]!)).toMatch(/^updates\/2010-07\/civil-liberties\.(json|md):\d+(:\d+)?: \S.*: .*(nesting is deeper than 64 levels|nested too deeply)/);
  });

  it('in the publication config and the subscriber list (the same JSON parser) too', () => {
    // Act
    const config = parsePublication('config/publication.json', encode(`{"name": ${'['.repeat(N)}${']'.repeat(N)}}`));
    const subscribers = parseJson('subscribers.json', `[${'{"email":'.repeat(N)}`);

    // Assert
    expect(config.problems.map(formatProblem)).toEqual(['config/publication.json:1:73: json: nesting is deeper than 64 levels; no content file needs lists or mappings nested this deep']);
    expect(subscribers.ok).toBe(false);
  });

  it('a deep file in a month is reported and every other update of the month still loads', async () => {
    // Arrange
    const dir = await copyTree(SAMPLE_CONTENT, 'deep');
    try {
      const store = new FsContentStore(dir);
      const { config } = await loadConfig(store);
      const before = await loadMonth(store, '2010-07', config!);
      const victim = before.updates[0]!.path;
      await writeFile(join(dir, victim), `${'['.repeat(N)}${']'.repeat(N)}`);

      // Act
      const after = await loadMonth(store, '2010-07', config!);

      // Assert
      expect(after.problems.map((p) => p.path)).toEqual([victim]);
      expect(after.updates.map((u) => u.path)).toEqual(before.updates.slice(1).map((u) => u.path));
    } finally {
      await removeTemp(dir);
    }
  });

  it('nesting a real update uses (a few levels) is fine', () => {
    // Act
    const { problems } = parseUpdate(M, encode(md('contact:\n  lines: [a, b]\n', '> quoted\n>\n> - a\n>   - b\n>     - c\n')), registry);

    // Assert
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('duplicate JSON keys', () => {
  it.each<[string, string, string]>([
    ['at the top level', json(',\n  "summary": "One",\n  "summary": "Two"'), `${J}:6:3: summary: is written twice (first at line 5); keep only one`],
    ['inside a link', json(',\n  "links": [{"label": "A",\n    "url": "https://a.example/",\n    "url": "https://b.example/"}]'), `${J}:7:5: links[0].url: is written twice (first at line 6); keep only one`],
    ['in the second figure', json(',\n  "figures": [{"label": "A", "value": 1},\n    {"label": "B", "value": 2, "value": 3}]'), `${J}:6:32: figures[1].value: is written twice (first at line 6); keep only one`],
  ])('%s is a located problem', (_, text, expected) => {
    // Act
    const { problems } = parseUpdate(J, encode(text), registry);

    // Assert
    expect(problems.map(formatProblem)).toEqual([expected]);
  });

  it('in the subscriber list too (the same parser)', () => {
    // Act
    const parsed = parseJson('subscribers.json', '[\n  {"email": "a@example.org", "status": "unsubscribed",\n   "status": "active"}\n]');

    // Assert
    expect(parsed.ok ? 'accepted' : formatProblem(parsed.problem)).toBe('subscribers.json:3:4: [0].status: is written twice (first at line 2); keep only one');
  });
});

describe('YAML tags', () => {
  it.each(['!!js/function "function () {}"', '!foo bar', '!!binary aGVsbG8=', '!!set {a}', '!!str plain'])('%s is a problem, not a silent value', (tagged) => {
    // Act
    const { problems } = parseUpdate(M, encode(md(`summary: ${tagged}\n`)), registry);

    // Assert
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toMatch(/^updates\/2010-07\/civil-liberties\.md:4:\d+: front matter: invalid YAML: tags such as ".+" are not supported/);
  });
});

describe('non-finite numbers', () => {
  it.each<[string, string, string]>([
    ['YAML .inf', M, md('figures:\n  - label: X\n    value: .inf\n')],
    ['YAML -.Inf', M, md('figures:\n  - label: X\n    value: -.Inf\n')],
    ['YAML .nan', M, md('figures:\n  - label: X\n    value: .NaN\n')],
    ['JSON 1e999', J, json(',\n  "figures": [{"label": "X", "value": 1e999}]')],
  ])('%s: "must be a finite number"', (_, path, text) => {
    // Act
    const { problems } = parseUpdate(path, encode(text), registry);

    // Assert
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([expect.stringMatching(/^figures\[0\]\.value: must be a finite number, not (-?Infinity|NaN)$/)]);
  });
});

describe('one-line fields', () => {
  it.each([
    ['summary', 'summary: |\n  Two\n  lines\n'],
    ['title', 'title: "A\\nB"\n'],
    ['links[0].label', 'links:\n  - label: "Report\\u2028two"\n    url: https://example.org/\n'],
    ['contact.lines[0]', 'contact:\n  lines: ["10 Dean Farrar Street\\nLondon"]\n'],
    ['links[0].url', 'links:\n  - label: Report\n    url: "https://example.org/\\n.evil.example/"\n'],
  ])('%s with a line break is a problem', (field, front) => {
    // Act
    const { problems } = parseUpdate(M, encode(md(front)), registry);

    // Assert
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.message).toMatch(/one line|line breaks/);
  });

  it('Markdown fields keep their line breaks: the body, the purpose', () => {
    // Act
    const update = parseUpdate(M, encode(md('summary: >-\n  Folded onto\n  one line\n', 'Line one\nline two.\n\nPara.\n')), registry);
    const config = parsePublication('config/publication.json', encode(JSON.stringify({ name: 'N', publisher: 'P', fromAddress: 'a@example.org', baseUrl: 'https://example.org', purpose: 'One\ntwo', contact: { email: 'a@example.org' } })));

    // Assert
    expect(update.problems.map(formatProblem)).toEqual([]);
    expect(update.update!.summary).toBe('Folded onto one line');
    expect(config.problems.map(formatProblem)).toEqual([]);
  });
});
