/** Formatting shared by every output, fixed to en-GB / Europe/London so output never depends on the build machine. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2010-07` → `July 2010`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/** `2010-08-31` → `31 August 2010`. */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** The en-GB formatter made by `make` for these options, made on first use and kept (see `numberFormat`). */
function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, options: object, make: () => T): T {
  const key = `${kind} ${JSON.stringify(options)}`;
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * The en-GB number format with these options, made on first use and kept: making one loads ICU's locale
 * data (≈ 15 ms the first time in a process), which a command that formats no number never pays.
 */
export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return kept('number', options, () => new Intl.NumberFormat('en-GB', options));
}

/** The en-GB date and time format with these options, made on first use and kept (it loads ICU's zone data). */
export function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept('date', options, () => new Intl.DateTimeFormat('en-GB', options));
}

/** `3125` → `3,125`. */
export function numberLabel(n: number): string {
  return numberFormat({ maximumFractionDigits: 2 }).format(n);
}

/** `2010-07` → `2010/07`, the path in the archive. */
export function monthPath(month: string): string {
  return month.replace('-', '/');
}

/** The month before/after `month`, e.g. for "archived after N months". */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** `baseUrl` without trailing slashes, ready for `${base}/path`. */
export function baseOf(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
