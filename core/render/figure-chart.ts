/**
 * A figure's values across months as an inline SVG line chart: no script, no
 * external files. The value axis follows `valueScale` (always includes zero,
 * bounded ticks, finite for any finite values). Points are placed by issue
 * month but labelled with the figure's own `period` when it has one (the July
 * issue reports June's numbers). The SVG is an image with an accessible name
 * and description (`role="img"`, `<title>`, `<desc>`); the numbers themselves
 * are in a data table beside it, the accessible equivalent.
 */
import { valueScale } from './chart-scale.js';
import { numberLabel } from './format.js';

/** One value at one month. */
export interface ChartPoint {
  /** `YYYY-MM` of the issue: points are placed by month, so gaps show as gaps in time. */
  month: string;
  value: number;
  /** The period the value covers ("June 2010"); labels the point instead of the month. */
  period?: string;
  /** The value as the issue printed it; defaults to `numberLabel(value)`. */
  valueLabel?: string;
}

/** A chart: its accessible name and description, and its points. */
export interface ChartInput {
  /** Unique on the page; prefixes the title/desc ids. */
  id: string;
  title: string;
  description: string;
  /** Oldest first; at least one. */
  points: readonly ChartPoint[];
}

const W = 400;
const H = 220;
const PAD = { left: 58, right: 18, top: 18, bottom: 34 };
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const shortMonth = (m: string) => `${SHORT[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
const FULL = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;
/** The x-axis label of a point: its period (month names shortened to fit), else its issue month. */
const xLabel = (p: ChartPoint) => (p.period ? p.period.replace(FULL, (name) => name.slice(0, 3)) : shortMonth(p.month));
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** The chart's SVG markup. Deterministic: coordinates are rounded to 0.1. */
export function renderLineChart(input: ChartInput): string {
  const { points } = input;
  const scale = valueScale(points.map((p) => p.value));
  const first = monthIndex(points[0]!.month);
  const span = Math.max(1, monthIndex(points.at(-1)!.month) - first);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (m: string) => (points.length === 1 ? PAD.left + plotW / 2 : PAD.left + ((monthIndex(m) - first) / span) * plotW);
  const atY = (fraction: number) => PAD.top + (1 - fraction) * plotH;
  const y = (v: number) => atY(scale.position(v));
  const parts: string[] = [];
  for (const t of scale.ticks) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${n1(atY(t.at))}" y2="${n1(atY(t.at))}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${n1(atY(t.at) + 4)}" text-anchor="end">${t.label}</text>`);
  }
  const labelCount = Math.min(points.length, 4);
  const labelled = new Set(Array.from({ length: labelCount }, (_, i) => Math.round((i * (points.length - 1)) / Math.max(1, labelCount - 1))));
  for (const i of labelled) {
    const p = points[i]!;
    const anchor = points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${n1(x(p.month))}" y="${H - 10}" text-anchor="${anchor}">${escapeXml(xLabel(p))}</text>`);
  }
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${n1(x(p.month))} ${n1(y(p.value))}`).join(' ');
  parts.push(`<path class="line" d="${path}"/>`);
  if (points.length <= 36) {
    for (const p of points) parts.push(`<circle class="point" cx="${n1(x(p.month))}" cy="${n1(y(p.value))}" r="3.5"/>`);
  }
  const last = points.at(-1)!;
  const lx = x(last.month);
  parts.push(`<text class="value" x="${n1(lx)}" y="${n1(Math.max(12, y(last.value) - 9))}" text-anchor="${points.length === 1 ? 'middle' : 'end'}">${escapeXml(last.valueLabel ?? numberLabel(last.value))}</text>`);
  return [
    `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" aria-labelledby="${input.id}-title" aria-describedby="${input.id}-desc" focusable="false">`,
    `<title id="${input.id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${input.id}-desc">${escapeXml(input.description)}</desc>`,
    `<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${n1(atY(0))}" y2="${n1(atY(0))}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
