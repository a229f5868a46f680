/**
 * A figure's values across months as an inline SVG line chart: no script, no
 * external files. The value axis starts at zero unless that would flatten the
 * line; its tick labels always say where it starts. The SVG is an image with
 * an accessible name and description (`role="img"`, `<title>`, `<desc>`); the
 * numbers themselves are in a data table beside it, the accessible equivalent.
 */
import { numberLabel } from './format.js';

/** One value at one month. */
export interface ChartPoint {
  /** `YYYY-MM`: points are placed by month, so gaps show as gaps in time. */
  month: string;
  value: number;
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
const n1 = (v: number) => (Math.round(v * 10) / 10).toString();

/** A "nice" tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` intervals over `span`. */
export function niceStep(span: number, ticks = 4): number {
  const raw = span / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/** The chart's SVG markup. Deterministic: coordinates are rounded to 0.1. */
export function renderLineChart(input: ChartInput): string {
  const { points } = input;
  const values = points.map((p) => p.value);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  // Start at zero unless that would flatten the line: then frame the values with a margin.
  const spread = max - min || Math.abs(max) * 0.1 || 1;
  const lo = min >= 0 && min <= spread * 2 ? 0 : min - spread * 0.25;
  const hiRaw = max + spread * 0.1;
  const step = niceStep(hiRaw - lo);
  const yMin = Math.floor(lo / step) * step;
  const yMax = Math.max(Math.ceil(hiRaw / step) * step, yMin + step);
  const first = monthIndex(points[0]!.month);
  const span = Math.max(1, monthIndex(points.at(-1)!.month) - first);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (m: string) => (points.length === 1 ? PAD.left + plotW / 2 : PAD.left + ((monthIndex(m) - first) / span) * plotW);
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  for (let v = yMin; v <= yMax + step / 1e6; v += step) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${n1(y(v))}" y2="${n1(y(v))}"/>`);
    parts.push(`<text class="tick" x="${PAD.left - 6}" y="${n1(y(v) + 4)}" text-anchor="end">${numberLabel(v)}</text>`);
  }
  const labelCount = Math.min(points.length, 4);
  const labelled = new Set(Array.from({ length: labelCount }, (_, i) => Math.round((i * (points.length - 1)) / Math.max(1, labelCount - 1))));
  for (const i of labelled) {
    const p = points[i]!;
    const anchor = points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
    parts.push(`<text class="tick" x="${n1(x(p.month))}" y="${H - 10}" text-anchor="${anchor}">${shortMonth(p.month)}</text>`);
  }
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${n1(x(p.month))} ${n1(y(p.value))}`).join(' ');
  parts.push(`<path class="line" d="${path}"/>`);
  if (points.length <= 36) {
    for (const p of points) parts.push(`<circle class="point" cx="${n1(x(p.month))}" cy="${n1(y(p.value))}" r="3.5"/>`);
  }
  const last = points.at(-1)!;
  const lx = x(last.month);
  parts.push(`<text class="value" x="${n1(lx)}" y="${n1(Math.max(12, y(last.value) - 9))}" text-anchor="${points.length === 1 ? 'middle' : 'end'}">${numberLabel(last.value)}</text>`);
  return [
    `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" aria-labelledby="${input.id}-title" aria-describedby="${input.id}-desc" focusable="false">`,
    `<title id="${input.id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${input.id}-desc">${escapeXml(input.description)}</desc>`,
    `<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${n1(y(yMin))}" y2="${n1(y(yMin))}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
