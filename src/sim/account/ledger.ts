/**
 * The simulated wallet's billing rows, as `GET /billing/wallet` sends them in
 * `recent_billings` (the official client's BillingEntry, prime_cli/api/wallet.py).
 * How the live service cuts its rows is not documented; the simulator keeps
 * one row per resource per hour it billed in, updated as it bills
 * (`last_billed_at` moves, `amount_usd` grows), so that the rows add up to
 * exactly what the wallet was charged, and the newest rows tell what the
 * last hour cost. Rows before the simulator started are made up from each
 * resource's price at start (seedHistory), so the first hour is not empty.
 */
import { HOUR, isoMillis } from '../time.js';

/** What one resource bills now. */
export interface Charge {
  id: string;
  /** The row's `resource_type`: `compute` for a pod, `disks` for a disk (the official client's values). */
  type: string;
  perHour: number;
  /** When it was created: nothing before that is billed. */
  since: number;
}

/** One row on the wire. */
export interface BillingEntry {
  id: string;
  created_at: string;
  updated_at: string;
  last_billed_at: string | null;
  amount_usd: number;
  currency: string;
  resource_type: string;
  resource_id: string | null;
}

interface Row {
  seq: number;
  resourceId: string;
  type: string;
  hour: number;
  createdAt: number;
  lastBilledAt: number;
  amount: number;
}

/** Rows kept at most: a large world bills thousands of resources an hour, and old rows are read by nobody. */
export const MAX_ROWS = 5_000;

// Rows billed at the same moment (every open row, each step): the larger first, as a person reads a bill.
const newestFirst = (a: Row, b: Row): number => b.lastBilledAt - a.lastBilledAt || b.amount - a.amount || b.seq - a.seq;

export class BillingLedger {
  private readonly rows: Row[] = [];
  /** Each resource's row of the hour it last billed in. */
  private readonly open = new Map<string, Row>();
  private seq = 0;
  /** Every row ever made, the dropped ones too: `total_billings`. */
  private made = 0;
  private sorted: Row[] | null = null;

  constructor(private readonly idPrefix: string) {}

  /** Bills `charge` from `from` to `to`, split at the hours it crosses; returns the amount. */
  bill(charge: Charge, from: number, to: number): number {
    const start = Math.max(from, charge.since);
    if (!(charge.perHour > 0) || to <= start) return 0;
    let billed = 0;
    for (let at = start; at < to;) {
      const hour = Math.floor(at / HOUR);
      const end = Math.min(to, (hour + 1) * HOUR);
      const amount = (charge.perHour * (end - at)) / HOUR;
      const row = this.rowFor(charge, hour, at);
      row.amount += amount;
      row.lastBilledAt = end;
      billed += amount;
      at = end;
    }
    this.sorted = null;
    return billed;
  }

  /** `total_billings`. */
  get total(): number {
    return this.made;
  }

  /** The rows as `GET /billing/wallet` lists them: newest `last_billed_at` first, `offset` and `limit` applied. */
  page(offset: number, limit: number): BillingEntry[] {
    this.sorted ??= [...this.rows].sort(newestFirst).slice(0, MAX_ROWS);
    return this.sorted.slice(offset, offset + limit).map((row) => this.wire(row));
  }

  private rowFor(charge: Charge, hour: number, at: number): Row {
    const current = this.open.get(charge.id);
    if (current?.hour === hour) return current;
    const row: Row = {
      seq: ++this.seq,
      resourceId: charge.id,
      type: charge.type,
      hour,
      createdAt: at,
      lastBilledAt: at,
      amount: 0,
    };
    this.made += 1;
    this.open.set(charge.id, row);
    this.rows.push(row);
    // In batches: a large world makes thousands of rows an hour, and sorting for each would be quadratic.
    if (this.rows.length >= 2 * MAX_ROWS) this.dropOldest();
    return row;
  }

  private dropOldest(): void {
    this.rows.sort(newestFirst);
    for (const row of this.rows.splice(MAX_ROWS))
      if (this.open.get(row.resourceId) === row) this.open.delete(row.resourceId);
  }

  private wire(row: Row): BillingEntry {
    return {
      id: `${this.idPrefix}-${row.seq}`,
      created_at: isoMillis(row.createdAt),
      updated_at: isoMillis(row.lastBilledAt),
      last_billed_at: isoMillis(row.lastBilledAt),
      // To the hundredth of a cent, as the official client's `format_usd` shows amounts under a cent.
      amount_usd: Math.round(row.amount * 10_000) / 10_000,
      currency: 'USD',
      resource_type: row.type,
      resource_id: row.resourceId,
    };
  }
}
