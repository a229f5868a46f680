import { beforeAll, expect, it } from 'vitest';
import { workstreamHistories, changedWorkstreams } from '../../core/archive/workstream-history.js';
import { valueScale } from '../../core/render/chart-scale.js';
import { renderLineChart } from '../../core/render/figure-chart.js';
import { sampleArchive, type SampleArchive } from './sample-archive.js';

let sample: SampleArchive;
beforeAll(async () => {
  sample = await sampleArchive();
});

it('gathers each workstream\'s updates newest first, in registry order', () => {
  const histories = workstreamHistories(sample.config.workstreams, sample.entries);
  expect(histories.map((h) => h.workstream.id)).toEqual(['safer-neighbourhoods', 'anti-violence-panel', 'civil-liberties', 'london-crime-reduction-board', 'race-and-faith-inquiry', 'specials']);
  const specials = histories.find((h) => h.workstream.id === 'specials')!;
  expect(specials.updates.map((u) => u.entry.issue.month)).toEqual(['2010-10', '2010-09', '2010-08', '2010-07']);
});

it('makes one series per figure label across months, oldest point first', () => {
  const specials = workstreamHistories(sample.config.workstreams, sample.entries).find((h) => h.workstream.id === 'specials')!;
  const constables = specials.series.find((s) => s.label === 'Special Constables')!;
  expect(constables.points.map((p) => [p.month, p.value])).toEqual([['2010-07', 3125], ['2010-08', 3190], ['2010-09', 3262], ['2010-10', 3301]]);
  expect(specials.series.find((s) => s.label === 'Hours of visible patrolling per week')!.unit).toBe('hours');
});

it('keeps the history of a workstream no longer in the registry', () => {
  const histories = workstreamHistories(sample.config.workstreams.filter((w) => w.id !== 'specials'), sample.entries);
  expect(histories.at(-1)!.workstream).toEqual({ id: 'specials', title: 'Specials and Volunteers', strand: 'Met Streets' });
});

it('tells which workstreams a new version of a month changes', () => {
  const july = sample.entries[0]!;
  const edited = { ...july, issue: { ...july.issue, sections: july.issue.sections.map((s) => (s.workstream === 'specials' ? { ...s, html: `${s.html}<p>More.</p>` } : s)) } };
  expect([...changedWorkstreams(july, edited)]).toEqual(['specials']);
  expect(changedWorkstreams(july, { ...july, draft: true }).size).toBe(july.issue.sections.length);
  expect(changedWorkstreams(undefined, july).size).toBe(july.issue.sections.length);
  expect(changedWorkstreams(july, july).size).toBe(0);
});

it('draws a chart that is an image with a name and description, one point per value', () => {
  const svg = renderLineChart({ id: 'c', title: 'Special Constables, July 2010 to October 2010', description: 'Rising from 3,125 to 3,301.', points: [
    { month: '2010-07', value: 3125 }, { month: '2010-08', value: 3190 }, { month: '2010-10', value: 3301 },
  ] });
  expect(svg).toMatch(/^<svg class="chart" role="img" viewBox="0 0 400 220" aria-labelledby="c-title" aria-describedby="c-desc"/);
  expect(svg).toContain('<title id="c-title">Special Constables, July 2010 to October 2010</title>');
  expect(svg.match(/<circle /g)).toHaveLength(3);
  // September is missing: October sits two months along, not one.
  const xs = [...svg.matchAll(/<circle class="point" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(xs[2]! - xs[1]!).toBeCloseTo(2 * (xs[1]! - xs[0]!), 1);
  expect(svg).toContain('>3,301</text>');
});

it('picks round tick steps', () => {
  const labels = (vs: number[]) => valueScale(vs).ticks.map((t) => t.label);
  expect(labels([4000])).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
  expect(labels([45])).toEqual(['0', '20', '40', '60']);
  expect(labels([0.8])).toEqual(['0', '0.2', '0.4', '0.6', '0.8']);
  expect(labels([900])).toEqual(['0', '250', '500', '750', '1,000']);
});

it('draws a single value and escapes text', () => {
  const svg = renderLineChart({ id: 'd', title: 'A & B <c>', description: 'One value.', points: [{ month: '2010-07', value: 0 }] });
  expect(svg).toContain('A &amp; B &lt;c&gt;');
  expect(svg.match(/<circle /g)).toHaveLength(1);
});

it('labels a figure with the period it covers, not the issue month, in the chart, its description and the table', async () => {
  const { writtenSample } = await import('./site-written.js');
  const { out } = await writtenSample();
  const html = out.text('site/workstreams/specials/index.html');
  // The July 2010 issue reports June 2010's numbers.
  expect(html).toContain('>Jun 2010</text>');
  expect(html).toContain('>Sep 2010</text>');
  expect(html).not.toContain('>Oct 2010</text>');
  expect(html).toMatch(/Line chart of Special Constables: 4 values from 3,125 \(June 2010\)/);
  expect(html).toMatch(/<td class="num">3,125 <span class="period">\(June 2010\)<\/span><\/td>/);
  // Counts start at zero.
  expect(html).toMatch(/<text class="tick"[^>]*>0<\/text>/);
});
