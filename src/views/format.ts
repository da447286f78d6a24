/**
 * Formatting for table cells. Every function accepts the null a lenient
 * schema may produce and returns '-' for it, so a missing value is visible
 * as missing rather than as a blank or a crash.
 */

export const MISSING = '-';

/**
 * Every span of time cloudtop shows, said one way, in its two largest units
 * without spaces: `45s`, `12m`, `5h12m`, `7d21h`, `2y45d` (so `44h` reads
 * `1d20h`, in a list, a dialog or History alike). `-` when unknown.
 */
export function span(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return MISSING;
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return pair(hours, 'h', minutes % 60, 'm');
  const days = Math.floor(hours / 24);
  if (days < 365) return pair(days, 'd', hours % 24, 'h');
  return pair(Math.floor(days / 365), 'y', days % 365, 'd');
}

const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
  small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit}${small}${smallUnit}`;

/** How long ago `timestamp` was, as `span` says it: a list's AGE. Unparseable dates show '-'. */
export function age(timestamp: string | null | undefined, now: number): string {
  const then = parseTime(timestamp);
  return then === null ? MISSING : span(now - then);
}

/** The same for dialogs ("running for"). */
export const duration = age;

/** A span of time to come, as `span` says it; under a minute is `<1m`, not a countdown of seconds. */
export function remaining(ms: number): string {
  return ms < 60_000 ? '<1m' : span(ms);
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

/**
 * A size as the APIs give it, in gigabytes, exactly: `500 GB`, `2,100 GB`,
 * `0.5 GB`. Never converted to a larger unit, where rounding would make
 * 2,100 and 2,200 GB read alike.
 */
export function gigabytes(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const tenths = Math.round(value * 10);
  const whole = thousands(Math.trunc(tenths / 10));
  return `${tenths % 10 === 0 ? whole : `${whole}.${Math.abs(tenths % 10)}`} GB`;
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

/**
 * A moment as the official client prints one (`YYYY-MM-DD HH:MM:SS UTC`)
 * with how long ago it was, e.g. `2026-08-19 14:03:07 UTC (3h12m ago)`.
 */
export function moment(timestamp: string | null | undefined, now: number): string {
  const then = parseTime(timestamp);
  if (then === null) return plain(timestamp);
  const utc = new Date(then).toISOString().replace('T', ' ').slice(0, 19);
  return `${utc} UTC (${then <= now ? `${span(now - then)} ago` : `in ${span(then - now)}`})`;
}

/** Wall-clock time for the header, e.g. `14:03:07`. */
export function clockTime(epochMs: number): string {
  // Built by hand: toLocaleTimeString with options builds a formatter per call (~0.5 ms), and the header asks on every frame.
  const date = new Date(epochMs);
  return `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');
