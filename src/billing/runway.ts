/**
 * How long the wallet lasts at the current burn rate, and how worried to
 * be about it.
 */
import { dollars, perHour, span } from '../views/format.js';

/** Below this the header shows the runway in the warning colour. */
export const RUNWAY_WARNING_MS = 24 * 60 * 60_000;
/** Below this `--notify` sends one notification. */
export const RUNWAY_ALERT_MS = 2 * 60 * 60_000;

const HOUR_MS = 60 * 60_000;

/**
 * Milliseconds until `balance` is spent at `perHour`: Infinity when nothing
 * bills, 0 when the balance is already spent (or below zero).
 */
export function runwayMs(balance: number, perHour: number): number {
  if (!(perHour > 0)) return Infinity;
  if (!(balance > 0)) return 0;
  return (balance / perHour) * HOUR_MS;
}

export type RunwayLevel = 'ok' | 'warning' | 'alert';

export function runwayLevel(ms: number): RunwayLevel {
  if (ms < RUNWAY_ALERT_MS) return 'alert';
  if (ms < RUNWAY_WARNING_MS) return 'warning';
  return 'ok';
}

/** `≈ 8d 10h left`, `≈ 45m left`; `nothing billing` and `balance spent` at the edges. */
export function describeRunway(ms: number): string {
  if (ms === Infinity) return 'nothing billing';
  if (ms <= 0) return 'balance spent';
  if (ms < 60_000) return 'under a minute left';
  return `≈ ${span(ms)} left`;
}

/** The `--notify` text for a short runway, e.g. `the wallet ($10.00) runs out in about 29m at $20.03/hr`. */
export function runwayAlertText(balance: number, perHourRate: number, ms: number): string {
  if (ms <= 0) return `the wallet is spent (${dollars(balance)}) and ${perHour(perHourRate)} is still billing`;
  return `the wallet (${dollars(balance)}) runs out in about ${span(ms)} at ${perHour(perHourRate)}`;
}
