/**
 * The plain-text part, from the real July 2010 content: laid out for a mail
 * client without HTML, wrapped at 76 columns, placeholders left for sending.
 */
import { beforeAll, expect, it } from 'vitest';
import { FsContentStore } from '../../adapters/fs-content-store.js';
import { loadConfig, loadMonth } from '../../core/content/load-content.js';
import { buildIssue, type Issue } from '../../core/render/issue-model.js';
import { renderText } from '../../core/render/render-text.js';
import { SAMPLE_CONTENT } from '../content/fixture-copy.js';

let issue: Issue;
beforeAll(async () => {
  const store = new FsContentStore(SAMPLE_CONTENT);
  const config = (await loadConfig(store)).config!;
  const july = await loadMonth(store, '2010-07', config);
  issue = buildIssue({ config, month: '2010-07', updates: july.updates, manifest: july.manifest! });
});

it('starts with the browser link and the underlined title', () => {
  // Act
  const lines = renderText(issue).split('\n');

  // Assert
  expect(lines.slice(0, 5)).toEqual([
    'Met Forward – July 2010. View this bulletin in your browser:',
    '<https://metforward.example.org/2010/07/>',
    '',
    'Met Forward: Monthly progress bulletin (July 2010)',
    '==================================================',
  ]);
});

/** The July issue with one section given a link and a contact block its text does not already hold. */
function withOwnLinkAndContact(): Issue {
  return {
    ...issue,
    sections: issue.sections.map((s) => (s.workstream === 'specials'
      ? { ...s, links: [{ label: 'Met Volunteer Programme report (Communities, Equalities and People Committee, 8 July 2010)', url: 'http://www.mpa.gov.uk/committees/cep/2010/100708/05/' }], contact: { lines: ['Civil Liberties Panel', 'MPA', '10 Dean Farrar Street', 'London SW1H 0NY'], email: 'dna@mpa.gov.uk' } }
      : s)),
  };
}

it('wraps long generated lines with a hanging indent and never breaks a URL', () => {
  // Act
  const text = renderText(withOwnLinkAndContact());

  // Assert
  expect(text).toContain(
    '- Met Volunteer Programme report (Communities, Equalities and People\n  Committee, 8 July 2010):\n  <http://www.mpa.gov.uk/committees/cep/2010/100708/05/>\n',
  );
  expect(text).toContain('- To find out more about Met Forward and tell us what you think refer to;\n  www.mpa.gov.uk/publications/metforward/\n');
});

it('gives figures, links and the contact block their own labelled lists', () => {
  // Act
  const text = renderText(withOwnLinkAndContact());

  // Assert
  expect(text).toContain('Figures\n- Special Constables: 3,125 (June 2010)\n- Hours of visible patrolling per week: 11,300 hours (June 2010)\n');
  expect(text).toContain('Contact\nCivil Liberties Panel\nMPA\n10 Dean Farrar Street\nLondon SW1H 0NY\nEmail: dna@mpa.gov.uk\n');
});

it('ends with the unsubscribe line and the publisher\'s address, the publisher named once', () => {
  // Act
  const text = renderText(issue);

  // Assert
  expect(text.endsWith(
    'Unsubscribe (one click, no login): <%%{unsubscribe_url}%%>\n\nMetropolitan Police Authority\n10 Dean Farrar Street\nLondon SW1H 0NY\nmetforward@mpa.gov.uk\n',
  )).toBe(true);
});

it('marks a test send and sample data', () => {
  // Act
  const text = renderText({ ...issue, sample: true }, { test: true });

  // Assert
  expect(text).toContain('TEST SEND: this is a test of the email; it has not been sent to subscribers.');
  expect(text).toContain('Sample data: this issue demonstrates the archive and is not an official\npublication.');
  expect(renderText(issue)).not.toMatch(/TEST SEND|Sample data/);
});
