/**
 * Gathering content from a real filesystem store: the sample content is
 * valid; duplicates, stray files, bad manifests and bad config are reported
 * with their file (and line, where there is one) and never stop the rest.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { listMonths, loadConfig, loadMonth, strayFiles, type SiteConfig } from '../../core/content/load-content.js';
import { formatProblem } from '../../core/content/problem.js';
import { copyTree, removeTemp, SAMPLE_CONTENT } from './fixture-copy.js';

let dir: string;
let store: FsContentStore;
beforeEach(async () => {
  dir = await copyTree(SAMPLE_CONTENT, 'content');
  store = new FsContentStore(dir);
});
afterEach(() => removeTemp(dir));

async function put(key: string, text: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(dir, key)), { recursive: true });
  await writeFile(join(dir, key), text);
}

async function config(): Promise<SiteConfig> {
  const loaded = await loadConfig(store);
  expect(loaded.problems.map(formatProblem)).toEqual([]);
  return loaded.config!;
}

const lines = (problems: Parameters<typeof formatProblem>[0][]) => problems.map(formatProblem);

describe('the sample content', () => {
  it('is valid: config, every month, every update, every manifest; nothing stray', async () => {
    // Arrange
    const cfg = await config();

    // Act
    const months = await listMonths(store);
    const loaded = await Promise.all(months.map((m) => loadMonth(store, m, cfg)));

    // Assert
    expect(months).toEqual(['2010-07', '2010-08', '2010-09', '2010-10']);
    expect(loaded.flatMap((m) => lines(m.problems))).toEqual([]);
    expect(await strayFiles(store)).toEqual([]);
    const july = loaded[0]!;
    expect(july.updates.map((u) => u.workstream).sort()).toEqual(cfg.workstreams.map((w) => w.id).sort());
    expect(july.manifest?.status).toBe('approved');
  });

  it('sorts the workstream registry by its order field', async () => {
    // Arrange
    await put('config/workstreams.yaml', (await readFile(join(dir, 'config/workstreams.yaml'), 'utf8')).replace('order: 10', 'order: 99'));

    // Act
    const cfg = await config();

    // Assert
    expect(cfg.workstreams.at(-1)!.id).toBe('safer-neighbourhoods');
  });
});

describe('updates', () => {
  it('accepts a file saved with a UTF-8 byte order mark and Windows (CRLF) line endings, with the same result', async () => {
    // Arrange
    const cfg = await config();
    const key = 'updates/2010-07/civil-liberties.md';
    const original = await readFile(join(dir, key), 'utf8');
    const before = (await loadMonth(store, '2010-07', cfg)).updates.find((u) => u.path === key);
    await put(key, `\uFEFF${original.replace(/\n/g, '\r\n')}`);
    const jsonKey = 'updates/2010-07/race-and-faith-inquiry.json';
    const jsonBefore = (await loadMonth(store, '2010-07', cfg)).updates.find((u) => u.path === jsonKey);
    await put(jsonKey, `\uFEFF${(await readFile(join(dir, jsonKey), 'utf8')).replace(/\n/g, '\r\n')}`);

    // Act
    const after = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(after.problems)).toEqual([]);
    expect((await readFile(join(dir, key)))[0]).toBe(0xef);
    expect(after.updates.find((u) => u.path === key)).toEqual(before);
    expect(after.updates.find((u) => u.path === jsonKey)).toEqual(jsonBefore);
  });

  it('reports the same workstream written twice (x.md and x.json) and keeps only one', async () => {
    // Arrange
    const cfg = await config();
    await put(
      'updates/2010-07/civil-liberties.json',
      JSON.stringify({ workstream: 'civil-liberties', month: '2010-07', body: 'A second copy of the update.\n' }),
    );

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual([
      'updates/2010-07/civil-liberties.md: file: updates/2010-07/civil-liberties.json already holds the civil-liberties update for 2010-07; keep only one of them',
    ]);
    expect(loaded.updates.filter((u) => u.workstream === 'civil-liberties')).toHaveLength(1);
    expect(loaded.updates).toHaveLength(6);
  });

  it('ignores dotfiles that editors and operating systems leave behind', async () => {
    // Arrange
    const cfg = await config();
    await put('updates/2010-07/.DS_Store', new Uint8Array([0, 1, 2, 0xff]));
    await put('updates/2010-07/.civil-liberties.md.swp', 'swap');

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual([]);
    expect(await strayFiles(store)).toEqual([]);
  });
});

describe('stray files', () => {
  it('reports files outside a YYYY-MM folder and a misnamed manifest, one line each', async () => {
    // Arrange
    await put('updates/civil-liberties.md', '---\n---\n');
    await put('updates/2010-7/civil-liberties.md', '---\n---\n');
    await put('updates/2010-07/drafts/civil-liberties.md', '---\n---\n');
    await put('issues/2010-07/notes.md', 'notes');

    // Act
    const problems = await strayFiles(store);
    const july = await loadMonth(store, '2010-07', await config());

    // Assert
    expect(lines(july.problems)).toEqual(['updates/2010-07/drafts/: file: is a folder where a file belongs; move the files out of it and delete the folder']);
    expect(lines(problems)).toEqual([
      'updates/2010-7/civil-liberties.md: file: is not in a month folder; updates live at updates/YYYY-MM/<workstream-id>.md',
      'updates/civil-liberties.md: file: is not in a month folder; updates live at updates/YYYY-MM/<workstream-id>.md',
      'issues/2010-07/notes.md: file: the manifest must be named issue.md or issue.json',
    ]);
  });

  it('does not count a folder that is not a month as a month', async () => {
    // Arrange
    await put('updates/drafts/civil-liberties.md', 'x');

    // Act
    const months = await listMonths(store);

    // Assert
    expect(months).toEqual(['2010-07', '2010-08', '2010-09', '2010-10']);
  });
});

describe('the manifest (issues/YYYY-MM/issue.md|json)', () => {
  it('reports a bad status, unknown workstream ids and a wrong month at their lines, and keeps the updates', async () => {
    // Arrange
    const cfg = await config();
    await put('issues/2010-07/issue.md', '---\nmonth: "2010-08"\nstatus: approved\norder:\n  - specials\n  - specails\nskip: [nobody]\n---\n');

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual([
      'issues/2010-07/issue.md:2:8: month: is 2010-08 but the file is in issues/2010-07/',
      'issues/2010-07/issue.md:6:5: order[1]: "specails" is not in config/workstreams',
      'issues/2010-07/issue.md:7:8: skip[0]: "nobody" is not in config/workstreams',
    ]);
    expect(loaded.manifest).toBeUndefined();
    expect(loaded.updates).toHaveLength(6);
  });

  it('rejects a status other than draft or approved, naming the field', async () => {
    // Arrange
    const cfg = await config();
    await put('issues/2010-07/issue.json', '{\n  "status": "published"\n}\n');
    await rm(join(dir, 'issues/2010-07/issue.md'));

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual(['issues/2010-07/issue.json:2:3: status: must be draft or approved']);
  });

  it('reports raw HTML in the intro at its line in the file', async () => {
    // Arrange
    const cfg = await config();
    await put('issues/2010-07/issue.md', '---\nstatus: draft\n---\n\nAn intro.\n\n<iframe src="https://example.org"></iframe>\n');

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual(['issues/2010-07/issue.md:7: intro: raw HTML is not allowed (<iframe>); use Markdown instead']);
  });

  it('reports an unsafe link in a JSON manifest\'s extra "Getting Involved" item at that item', async () => {
    // Arrange
    const cfg = await config();
    await rm(join(dir, 'issues/2010-07/issue.md'));
    await put('issues/2010-07/issue.json', '{\n  "status": "draft",\n  "gettingInvolved": [\n    "Fine.",\n    "[Click](javascript:alert(1))"\n  ]\n}\n');

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual([
      'issues/2010-07/issue.json:5:5: gettingInvolved[1]: link "javascript:alert(1)" is not allowed; links must be absolute https:, http:, mailto: or tel: URLs',
    ]);
  });

  it('uses a valid JSON manifest: intro, title and order', async () => {
    // Arrange
    const cfg = await config();
    await rm(join(dir, 'issues/2010-07/issue.md'));
    await put('issues/2010-07/issue.json', JSON.stringify({ title: 'A title', intro: 'Hello **all**.', order: ['specials'], status: 'approved' }));

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual([]);
    expect(loaded.manifest).toMatchObject({ title: 'A title', intro: 'Hello **all**.', order: ['specials'], status: 'approved' });
  });

  it('allows only one manifest per month', async () => {
    // Arrange
    const cfg = await config();
    await put('issues/2010-07/issue.json', '{"status": "draft"}');

    // Act
    const loaded = await loadMonth(store, '2010-07', cfg);

    // Assert
    expect(lines(loaded.problems)).toEqual(['issues/2010-07/issue.md: file: only one manifest per month; remove it or the other issue file']);
    expect(loaded.manifest?.status).toBe('draft');
  });
});

describe('config', () => {
  it('a broken publication.yaml gives a located problem and no config', async () => {
    // Arrange
    const text = await readFile(join(dir, 'config/publication.yaml'), 'utf8');
    await put('config/publication.yaml', text.replace('baseUrl: https://metforward.example.org', 'baseUrl: ftp://metforward.example.org'));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(loaded.config).toBeUndefined();
    expect(lines(loaded.problems)).toEqual(["config/publication.yaml:10:10: baseUrl: must be the archive's absolute http(s) URL"]);
  });

  it('a publication.yaml that is not YAML gives a located problem', async () => {
    // Arrange
    await put('config/publication.yaml', 'name: Met Forward\npurpose: [unclosed\n');

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(loaded.problems).toHaveLength(1);
    expect(formatProblem(loaded.problems[0]!)).toMatch(/^config\/publication\.yaml:\d+:\d+: yaml: invalid YAML: \S/);
  });

  it('a missing required field is named, at the top of the file', async () => {
    // Arrange
    const text = await readFile(join(dir, 'config/publication.yaml'), 'utf8');
    await put('config/publication.yaml', text.replace(/^publisher: .*\n/m, ''));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(lines(loaded.problems)).toEqual(['config/publication.yaml:2:1: publisher: is required']);
  });

  it('raw HTML in the standing purpose text is reported at that field', async () => {
    // Arrange
    const text = await readFile(join(dir, 'config/publication.yaml'), 'utf8');
    await put('config/publication.yaml', text.replace('The purpose of this report', '<b>The</b> purpose of this report'));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(lines(loaded.problems)).toEqual(['config/publication.yaml:11:10: purpose: raw HTML is not allowed (<b>); use Markdown instead']);
  });

  it('reports duplicate workstream ids and missing config files', async () => {
    // Arrange
    const text = await readFile(join(dir, 'config/workstreams.yaml'), 'utf8');
    await put('config/workstreams.yaml', text.replace('id: anti-violence-panel', 'id: safer-neighbourhoods'));
    await rm(join(dir, 'config/publication.yaml'));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(loaded.config).toBeUndefined();
    expect(lines(loaded.problems)).toEqual([
      'config/publication.yaml: file: is missing; create config/publication.yaml (see README)',
      'config/workstreams.yaml:10:9: workstreams[1].id: "safer-neighbourhoods" is already the id of workstreams[0]; workstream ids must be unique',
    ]);
  });

  it('allows only one file per config name (yaml or json, not both)', async () => {
    // Arrange
    await put('config/workstreams.json', JSON.stringify({ workstreams: [{ id: 'a', title: 'A', owner: 'a@example.org', order: 1 }] }));

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(loaded.config).toBeUndefined();
    expect(lines(loaded.problems)).toEqual([
      'config/workstreams.yaml: file: only one config/workstreams file may exist; found config/workstreams.json, config/workstreams.yaml',
    ]);
  });

  it('a JSON workstream registry with an unknown field suggests the right one', async () => {
    // Arrange
    await rm(join(dir, 'config/workstreams.yaml'));
    await put('config/workstreams.json', '{\n  "workstreams": [\n    { "id": "a", "title": "A", "ownr": "a@example.org", "order": 1 }\n  ]\n}\n');

    // Act
    const loaded = await loadConfig(store);

    // Assert
    expect(lines(loaded.problems)).toEqual([
      'config/workstreams.json:3:5: workstreams[0].owner: is required',
      'config/workstreams.json:3:32: workstreams[0].ownr: unknown field; did you mean "owner"?',
    ]);
  });
});
