/**
 * The Issue every renderer shares, built from the real sample content:
 * section order, titles, formatted figures and dates, and what is missing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig, loadMonth, type MonthContent, type SiteConfig } from '../../core/content/load-content.js';
import { buildIssue } from '../../core/render/issue-model.js';
import { SAMPLE_CONTENT } from '../content/fixture-copy.js';

let config: SiteConfig;
let july: MonthContent;
beforeAll(async () => {
  const store = new FsContentStore(SAMPLE_CONTENT);
  config = (await loadConfig(store)).config!;
  july = await loadMonth(store, '2010-07', config);
});

describe('buildIssue', () => {
  it('titles the issue "<name>: <tagline> (<Month YYYY>)" and points at its archive page', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: july.updates });

    // Assert
    expect(issue.title).toBe('Met Forward: Monthly progress bulletin (July 2010)');
    expect(issue.url).toBe('https://metforward.example.org/2010/07/');
    expect(issue.path).toBe('2010/07');
    expect(issue.status).toBe('draft');
  });

  it('orders sections by the registry, whatever order the files were read in', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: [...july.updates].reverse() });

    // Assert
    expect(issue.sections.map((s) => s.workstream)).toEqual(config.workstreams.map((w) => w.id));
  });

  it('lets the manifest put some sections first; the rest follow in registry order', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: july.updates, manifest: { status: 'approved', order: ['specials', 'civil-liberties'] } });

    // Assert
    expect(issue.sections.map((s) => s.workstream)).toEqual([
      'specials', 'civil-liberties', 'safer-neighbourhoods', 'anti-violence-panel', 'london-crime-reduction-board', 'race-and-faith-inquiry',
    ]);
  });

  it('formats figures and dates for people, and lists every key date soonest first', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: july.updates });

    // Assert
    const specials = issue.sections.find((s) => s.workstream === 'specials')!;
    expect(specials.figures.map((f) => f.valueLabel)).toEqual(['3,125', '11,300', '516', '900']);
    expect(issue.keyDates.map((d) => `${d.dateLabel}: ${d.workstream}`)).toEqual([
      '31 August 2010: civil-liberties',
      '16 September 2010: safer-neighbourhoods',
    ]);
  });

  it('uses an update\'s own title, else the workstream\'s', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: july.updates });

    // Assert
    expect(issue.sections.find((s) => s.workstream === 'civil-liberties')!.title).toBe('MPA Civil Liberties Panel: DNA - Londoners have their say');
    expect(issue.sections.find((s) => s.workstream === 'specials')!.title).toBe('Specials and Volunteers');
  });

  it('names the workstreams with no update this month', () => {
    // Act
    const issue = buildIssue({ config, month: '2010-07', updates: july.updates.filter((u) => u.workstream !== 'specials') });

    // Assert
    expect(issue.missing).toEqual(['specials']);
  });

  it('adds the manifest\'s title, intro and extra "Getting Involved" items', () => {
    // Act
    const issue = buildIssue({
      config, month: '2010-07', updates: july.updates,
      manifest: { status: 'approved', title: 'Special edition', intro: 'Hello **all**.', gettingInvolved: ['Come to [the meeting](https://example.org/m).'], sample: true },
    });

    // Assert
    expect(issue.title).toBe('Special edition');
    expect(issue.introHtml).toBe('<p>Hello <strong>all</strong>.</p>');
    expect(issue.gettingInvolvedHtml).toHaveLength(4);
    expect(issue.gettingInvolvedHtml.at(-1)).toBe('Come to <a href="https://example.org/m">the meeting</a>.');
    expect(issue.sample).toBe(true);
  });
});
