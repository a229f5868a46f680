import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TICKS, valueScale } from '../../core/render/chart-scale.js';
import { renderLineChart, type ChartPoint } from '../../core/render/figure-chart.js';

// Any finite doubles, the extremes and float-step neighbours included (fast-check biases towards them).
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const values = fc.array(finite, { minLength: 1, maxLength: 40 });
const nearby = finite.map((v) => [v, v + Math.abs(v) * Number.EPSILON, v]).filter((vs) => vs.every(Number.isFinite));
const extremes = fc.array(fc.constantFrom(1e308, -1e308, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 0, -0, 1.1, 1.1000000000000003), { minLength: 1, maxLength: 8 });
const anyValues = fc.oneof(values, nearby, extremes);

const months = (n: number) => Array.from({ length: n }, (_, i) => `${2010 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const chart = (vs: readonly number[]) => renderLineChart({ id: 'c', title: 't', description: 'd', points: vs.map((value, i): ChartPoint => ({ month: months(vs.length)[i]!, value })) });
const attr = (svg: string) => [...svg.matchAll(/\b(x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);

describe('chart value scale, for any finite values', () => {
  it('has a bounded number of ticks, evenly placed from 0 to 1, labelled without NaN or Infinity', () => {
    fc.assert(fc.property(anyValues, (vs) => {
      const { ticks } = valueScale(vs);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(MAX_TICKS);
      expect(ticks[0]!.at).toBe(0);
      expect(ticks.at(-1)!.at).toBe(1);
      ticks.forEach((t, i) => i && expect(t.at).toBeGreaterThan(ticks[i - 1]!.at));
      for (const t of ticks) expect(t.label).not.toMatch(/NaN|Infinity|∞/);
    }));
  });

  it('places every value inside the ticks (the ticks cover the data) and zero on the axis', () => {
    fc.assert(fc.property(anyValues, (vs) => {
      const scale = valueScale(vs);
      for (const v of [...vs, 0]) {
        const at = scale.position(v);
        expect(Number.isFinite(at)).toBe(true);
        expect(at).toBeGreaterThanOrEqual(-1e-9);
        expect(at).toBeLessThanOrEqual(1 + 1e-9);
      }
    }));
  });

  it('starts at zero for non-negative values and ends at zero for negative ones', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), { minLength: 1 }), (vs) => {
      expect(valueScale(vs).ticks[0]!.label).toBe('0');
      // Negated, the data is non-positive. All zero (0 and -0 alike: CI once drew [0]) is no negative data:
      // its axis runs from 0 up, as for the values themselves.
      const negated = vs.map((v) => -v);
      const scale = valueScale(negated);
      if (negated.some((v) => v < 0)) expect(scale.ticks.at(-1)!.label).toBe('0');
      else expect(scale.ticks.map((t) => t.label)).toEqual(valueScale(vs).ticks.map((t) => t.label));
    }));
  });

  it('does not make a small change among counts look like a plunge', () => {
    const scale = valueScale([3125, 3190, 3262, 3301]);
    expect(scale.ticks[0]!.label).toBe('0');
    expect(scale.position(3301) - scale.position(3125)).toBeLessThan(0.1);
  });

  it('handles values one floating-point step apart', () => {
    const { ticks } = valueScale([1.1, 1.1000000000000003]);
    expect(ticks.map((t) => t.label)).toEqual(['0', '0.5', '1', '1.5']);
  });
});

describe('chart SVG, for any finite values', () => {
  it('has every coordinate finite and inside the viewBox, no NaN or Infinity anywhere, and is deterministic', () => {
    fc.assert(fc.property(anyValues, (vs) => {
      const svg = chart(vs);
      expect(svg).not.toMatch(/NaN|Infinity|∞/);
      const d = /<path class="line" d="([^"]*)"/.exec(svg)![1]!;
      const pathNumbers = d.split(/[ML ]+/).filter(Boolean).map(Number);
      for (const [name, raw] of attr(svg)) {
        const n = Number(raw);
        expect(Number.isFinite(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(name.startsWith('x') || name === 'cx' ? 400 : 220);
      }
      for (const n of pathNumbers) expect(n >= 0 && n <= 400).toBe(true);
      expect(svg.match(/<line class="grid"/g)!.length).toBeLessThanOrEqual(MAX_TICKS);
      expect(chart(vs)).toBe(svg);
    }));
  });

  it('labels each point with its period when it has one, else its issue month', () => {
    const svg = renderLineChart({ id: 'p', title: 't', description: 'd', points: [
      { month: '2010-07', value: 3125, period: 'June 2010' },
      { month: '2010-08', value: 3190, period: 'Q2 <2010> & more' },
      { month: '2010-09', value: 3262 },
    ] });
    expect(svg).toContain('>Jun 2010</text>');
    expect(svg).toContain('>Q2 &lt;2010&gt; &amp; more</text>');
    expect(svg).toContain('>Sep 2010</text>');
    expect(svg).not.toContain('>Jul 2010</text>');
  });
});
