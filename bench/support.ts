/**
 * Shared helpers for `npm run bench`: timing with process.hrtime.bigint,
 * medians, and the aligned table every bench section prints into.
 *
 * A bench section is a `bench/<name>.bench.ts` file exporting
 * `async function run(): Promise<Row[]>`; bench/run.ts finds and runs it.
 */

/** One line of the bench table. */
export interface Row {
  name: string;
  value: string;
  note?: string;
  /** The budget this row is held to, as printed (e.g. `≤ 3 s`). */
  target?: string;
  /** Whether the measured value meets `target`; a miss is marked `MISSED` in the table. */
  met?: boolean;
}

/** Milliseconds `fn` took, measured with the monotonic high-resolution clock. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` `warmup` times unmeasured, then `n` times measured; returns every sample in ms. */
export async function sample(fn: () => unknown, n: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await timeMs(fn));
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** `12.3 ms`, `1.24 s` or `850 µs`, whichever reads best. */
export function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 1) return `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
  return `${(value * 1000).toFixed(0)} µs`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Prints sections of rows as one aligned table. */
export function formatTable(sections: { title: string; rows: Row[] }[]): string {
  const all = sections.flatMap((s) => s.rows);
  const w1 = Math.max(4, ...all.map((r) => r.name.length));
  const w2 = Math.max(5, ...all.map((r) => r.value.length));
  const verdict = (r: Row) => (r.target === undefined ? '' : `${r.target}${r.met === false ? '  MISSED' : r.met ? '  ok' : ''}`);
  const w3 = Math.max(6, ...all.map((r) => verdict(r).length));
  const line = (a: string, b: string, t: string, c: string) => `${a.padEnd(w1)}  ${b.padStart(w2)}  ${t.padEnd(w3)}  ${c}`.trimEnd();
  const out = [line('what', 'value', 'target', 'note'), `${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ${'-'.repeat(w3)}  ${'-'.repeat(4)}`];
  for (const s of sections) {
    out.push(`[${s.title}]`);
    for (const r of s.rows) out.push(line(r.name, r.value, verdict(r), r.note ?? ''));
  }
  const missed = all.filter((r) => r.met === false);
  out.push(missed.length ? `${missed.length} row(s) MISSED their target: ${missed.map((r) => r.name).join('; ')}` : 'every row with a target met it');
  return out.join('\n');
}
