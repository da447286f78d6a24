/**
 * The account's burn rate: what every resource that bills costs per hour,
 * summed from the rows the lists already bring (no request of its own).
 *
 * `sumRates` is what the header and the tab line show; `BurnRateHistory`
 * watches the total as polls arrive, to say when it changed (an event, with
 * the difference) and to keep the last hour for the header's sparkline. Like
 * the transition tracker it is plain TypeScript and takes the time as an
 * argument.
 */
import type { ResourceKind } from '../views/resource.js';

/** The sum of `rate` over `rows`, remembered per list: a render asks again for the same list many times. */
export function sumRates<Row>(rows: readonly Row[], rate: (row: Row) => number): number {
  let byRate = sums.get(rows);
  if (!byRate) {
    byRate = new WeakMap();
    sums.set(rows, byRate);
  }
  let sum = byRate.get(rate as (row: unknown) => number);
  if (sum === undefined) {
    sum = 0;
    for (const row of rows) sum += rate(row);
    byRate.set(rate as (row: unknown) => number, sum);
  }
  return sum;
}

const sums = new WeakMap<readonly unknown[], WeakMap<(row: unknown) => number, number>>();

/** A change of the total between two polls. */
export interface BurnChange {
  /** The kind whose poll changed it. */
  kind: ResourceKind;
  from: number;
  to: number;
}

/** The sparkline covers the last hour in steps of this: 12 glyphs. */
export const TREND_STEP_MS = 5 * 60_000;
export const TREND_STEPS = 12;

export class BurnRateHistory {
  private readonly byKind = new Map<ResourceKind, number>();
  /** The total at the end of each step, oldest first; at most TREND_STEPS. */
  private readonly steps: { step: number; total: number }[] = [];
  private trendView: readonly number[] | null = null;

  /**
   * A poll of `kind` whose rows bill `subtotal` per hour. Returns the change
   * of the account's total, or null: on the kind's first poll (that is the
   * total being learnt, not changing), and when it moved by less than a cent.
   */
  observe(kind: ResourceKind, subtotal: number, at: number): BurnChange | null {
    const before = this.total();
    const known = this.byKind.get(kind);
    this.byKind.set(kind, subtotal);
    const after = this.total() ?? 0;
    this.remember(after, at);
    if (known === undefined || before === null) return null;
    return Math.round(before * 100) === Math.round(after * 100) ? null : { kind, from: before, to: after };
  }

  /** Null until some kind that bills has been polled. */
  total(): number | null {
    if (this.byKind.size === 0) return null;
    let total = 0;
    for (const subtotal of this.byKind.values()) total += subtotal;
    return total;
  }

  /** The total at the end of each step of the last hour, oldest first (one value per step seen). */
  trend(): readonly number[] {
    // The same array until a poll changes it: the header is drawn again only when something in it changed.
    this.trendView ??= this.steps.map((entry) => entry.total);
    return this.trendView;
  }

  private remember(total: number, at: number): void {
    const step = Math.floor(at / TREND_STEP_MS);
    const last = this.steps.at(-1);
    if (last?.step === step && last.total === total) return;
    this.trendView = null;
    if (last?.step === step) last.total = total;
    else this.steps.push({ step, total });
    while (this.steps.length > 0 && this.steps[0]!.step <= step - TREND_STEPS) this.steps.shift();
  }
}
