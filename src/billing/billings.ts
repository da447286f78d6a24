/**
 * What the wallet's billing rows say (`recent_billings`, as `prime wallet`
 * reads them): what the last hour cost, set against the burn rate cloudtop
 * adds up from the lists, and what each resource was billed in the rows read.
 *
 * How the service cuts its rows is not documented (spec/README.md): a row
 * may be one charge or a running one, updated as it bills. Either way a row
 * covers `created_at` to its last billing, so the last hour is read as each
 * row's share of it, the row billed evenly over its span: exact for a charge,
 * and for a running row as exact as its rate was steady.
 */
import { billedAt, type BillingEntry, type Wallet } from '../api/prime/account.js';

const HOUR_MS = 3_600_000;

/** Said beside the rate when the last hour's billings and the rate differ by more than this share of the rate. */
export const BILLED_DIFFERENCE = 0.1;

function startOf(row: BillingEntry): number {
  const start = Date.parse(row.created_at ?? '');
  return Number.isNaN(start) ? billedAt(row) : Math.min(start, billedAt(row));
}

/**
 * What the rows say the hour before `now` cost; null when they cannot say:
 * the rows read stop inside the hour with more unread (newest first, so an
 * unread one may hold some of it), or the account's billing began inside it
 * (a young account's hour is not an hour's rate).
 */
export function billedInLastHour(wallet: Wallet, now: number): number | null {
  const rows = wallet.recent_billings;
  const since = now - HOUR_MS;
  const oldest = rows.at(-1);
  const whole = rows.length >= (wallet.total_billings ?? rows.length);
  if (!oldest || (!whole && billedAt(oldest) >= since)) return null;
  if (!rows.some((row) => startOf(row) <= since)) return null;
  let billed = 0;
  for (const row of rows) {
    const from = startOf(row);
    const to = billedAt(row);
    if (to < since) continue;
    billed += to > from ? (row.amount_usd * (Math.min(to, now) - Math.max(from, since))) / (to - from) : row.amount_usd;
  }
  return Math.max(0, billed);
}

/** Whether the last hour's billings and the rate differ enough to say so (and by more than a cent). */
export function differsFromRate(billed: number, rate: number): boolean {
  const gap = Math.abs(billed - rate);
  return gap > 0.01 && gap > BILLED_DIFFERENCE * rate;
}

/** What the rows read billed one resource, and since when. */
export interface Billed {
  amount: number;
  /** The earliest of its rows read. */
  since: number;
  /** Whether those are all its rows: every row of the wallet was read. */
  whole: boolean;
}

/** Each resource the rows name, by id, with what they billed it. */
export function billedByResource(wallet: Wallet): ReadonlyMap<string, Billed> {
  const whole = wallet.recent_billings.length >= (wallet.total_billings ?? 0);
  const billed = new Map<string, Billed>();
  for (const row of wallet.recent_billings) {
    if (!row.resource_id) continue;
    const known = billed.get(row.resource_id);
    const since = startOf(row);
    billed.set(row.resource_id, {
      amount: (known?.amount ?? 0) + row.amount_usd,
      since: Math.min(known?.since ?? since, since),
      whole,
    });
  }
  return billed;
}
