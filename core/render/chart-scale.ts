/**
 * The value axis of a figure chart, safe for any finite numbers.
 *
 * Rule: the axis always includes zero. Non-negative values (counts, the
 * usual case) start at zero, so a small change never looks like a plunge;
 * non-positive values end at zero; mixed values span it. All zeros get 0–1.
 *
 * The tick step is kept as a mantissa (1, 2, 2.5 or 5) and a power of ten,
 * never as one floating-point number: ticks are integer multiples `k` of the
 * step, counted by index (no `v += step` that can stall), and positions are
 * computed in step units, so neither a span that underflows (5e-324) nor one
 * that overflows (1e308 − −1e308) can produce NaN or Infinity.
 */
import { numberFormat } from './format.js';

/** At most this many ticks, whatever the input (the rule above gives 2–7). */
export const MAX_TICKS = 12;

/** One tick: its position as a fraction of the axis (0 bottom, 1 top) and its label. */
export interface Tick {
  at: number;
  label: string;
}

/** The axis for a set of values: where each value sits (0–1) and the ticks. */
export interface ValueScale {
  ticks: Tick[];
  /** Position of a value as a fraction of the axis; within [0, 1] for every value given to `valueScale`. */
  position(value: number): number;
}

const NICE = [1, 2, 2.5, 5, 10];

/** `v / (f × 10^e)` without forming `10^e` (which may be 0 or Infinity at the extremes). */
function inSteps(v: number, f: number, e: number): number {
  const a = Math.trunc(-e / 2);
  return (v * 10 ** a * 10 ** (-e - a)) / f;
}

/** log10 of `hi − lo` (hi > lo), also when the difference overflows. */
function log10Span(lo: number, hi: number): number {
  const span = hi - lo;
  return Number.isFinite(span) ? Math.log10(span) : Math.log10(hi / 2 - lo / 2) + Math.LOG10E * Math.LN2;
}

const fixed = (digits: number) => numberFormat({ maximumFractionDigits: digits });
const compact = () => numberFormat({ notation: 'compact', maximumSignificantDigits: 4 });
const scientific = () => numberFormat({ notation: 'scientific', maximumSignificantDigits: 4 });

/**
 * The label of tick `m × 10^e`, short enough for the axis margin: plain
 * ("3,500", "0.25"), compact from a million ("2.5M", "10T"), scientific
 * beyond ("2E308", "5E-324"), where the value may not even be a double.
 */
function tickLabel(m: number, e: number, f: number): string {
  if (m === 0) return '0';
  const digits = Math.max(0, -e + (f === 2.5 ? 1 : 0));
  const value = e >= -6 && e <= 14 ? (e < 0 ? m / 10 ** -e : m * 10 ** e) : undefined;
  if (value !== undefined && Math.abs(value) < 1e6) return fixed(digits).format(value);
  if (value !== undefined && e >= 0 && Math.abs(value) < 1e15) return compact().format(value);
  // Normalise the small mantissa by hand: the value itself may not exist as a double (2e308).
  let mant = Math.abs(m);
  let exp = e;
  while (mant >= 10) [mant, exp] = [mant / 10, exp + 1];
  while (mant < 1) [mant, exp] = [mant * 10, exp - 1];
  return `${m < 0 ? '-' : ''}${scientific().format(Number(mant.toPrecision(4))).replace(/E0$/, '')}E${exp}`;
}

/**
 * The scale for `values` (finite, at least one) with about `target` intervals.
 * Invariants: 2 ≤ ticks ≤ MAX_TICKS; the first tick is at 0 and the last at 1,
 * their values enclosing every value; every position is finite; equal input,
 * equal output.
 */
export function valueScale(values: readonly number[], target = 4): ValueScale {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (lo === hi) hi = 1;
  const raw = log10Span(lo, hi) - Math.log10(target);
  let e = Math.floor(raw);
  let f = NICE.find((n) => n >= 10 ** (raw - e) * (1 - 1e-12)) ?? 10;
  if (f === 10) [f, e] = [1, e + 1];
  let kMin = Math.floor(inSteps(lo, f, e));
  let kMax = Math.ceil(inSteps(hi, f, e));
  // Unreachable for finite input (|value| / step ≤ 4 × target); kept so a bug can never loop or draw NaN.
  if (!Number.isFinite(kMin) || !Number.isFinite(kMax)) throw new Error(`chart scale: cannot place ${lo}..${hi}`);
  // Guards against rounding at the extremes: never fewer than one interval, never more than the cap.
  if (kMax <= kMin) kMax = kMin + 1;
  let stride = 1;
  while ((kMax - kMin) / stride + 1 > MAX_TICKS) stride *= 2;
  kMin = Math.floor(kMin / stride) * stride;
  kMax = Math.ceil(kMax / stride) * stride;
  const intervals = kMax - kMin;
  const ticks: Tick[] = [];
  for (let i = 0; i <= intervals; i += stride) {
    const k = kMin + i;
    ticks.push({ at: i / intervals, label: tickLabel(k * f, e, f) });
  }
  return {
    ticks,
    position: (v) => (inSteps(v, f, e) - kMin) / intervals,
  };
}
