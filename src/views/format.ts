/**
 * Formatting for table cells. Every function accepts the null a lenient
 * schema may produce and returns '-' for it, so a missing value is visible
 * as missing rather than as a blank or a crash.
 */

export const MISSING = '-';

/** Compact age like kubectl/k9s: `45s`, `12m`, `3h`, `9d`, `1y`. Unparseable dates show '-'. */
export function age(timestamp: string | null | undefined, now: number): string {
  const then = parseTime(timestamp);
  if (then === null) return MISSING;
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 365) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

/** Longer form for dialogs: `3h 12m`, `2d 4h`. */
export function duration(timestamp: string | null | undefined, now: number): string {
  const then = parseTime(timestamp);
  return then === null ? MISSING : span(now - then);
}

/** A span of time to come, compact: `<1m`, `42m`, `3h05m`, `2d04h`. */
export function remaining(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${twoDigits(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d${twoDigits(hours % 24)}h`;
}

export function parseTime(timestamp: string | null | undefined): number | null {
  if (!timestamp) return null;
  const value = Date.parse(timestamp);
  return Number.isNaN(value) ? null : value;
}

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return value >= 100 ? `$${value.toFixed(0)}` : `$${value.toFixed(2)}`;
}

/**
 * An amount of money for totals and the wallet: cents always, thousands
 * grouped, e.g. `$1,204.50`, `-$3.10`. (`money` is the compact cell form.)
 */
export function dollars(value: number): string {
  const cents = Math.round(Math.abs(value) * 100);
  const sign = value < 0 && cents > 0 ? '-' : '';
  return `${sign}$${thousands(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, '0')}`;
}

/** A rate of spending, e.g. `$143.20/hr`. */
export function perHour(value: number): string {
  return `${dollars(value)}/hr`;
}

/** A change of a rate with its sign, e.g. `+$3.20/hr`, `-$0.45/hr`. */
export function signedPerHour(delta: number): string {
  return `${delta >= 0 ? '+' : '-'}${perHour(Math.abs(delta))}`;
}

/** A span of time, e.g. `45m`, `3h 12m`, `2d 4h`; `-` when unknown. */
export function span(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A date and time of day for past events, e.g. `Nov 28 14:02` (local time). */
export function dateTime(timestamp: string | null | undefined): string {
  const then = parseTime(timestamp);
  if (then === null) return MISSING;
  const date = new Date(then);
  return `${MONTHS[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function gigabytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  if (value >= 1024) return `${(value / 1024).toFixed(value % 1024 === 0 ? 0 : 1)} TB`;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GB`;
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return `${Math.round(value)}%`;
}

export function plain(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  return String(value);
}

/**
 * A count with thousands separators, e.g. `10,000`. Built by hand:
 * Intl.NumberFormat loads ICU's number data, about 6 MB of resident memory
 * for a comma.
 */
export function thousands(value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${grouped}` : grouped;
}

/** Wall-clock time for the header, e.g. `14:03:07`. */
export function clockTime(epochMs: number): string {
  // Built by hand: toLocaleTimeString with options builds a formatter per call (~0.5 ms), and the header asks on every frame.
  const date = new Date(epochMs);
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');
