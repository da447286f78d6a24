/**
 * The wallet pane (`$`, `:wallet`): what `prime wallet` shows, the balance
 * and the newest billing rows, with what only cloudtop knows beside it: the
 * burn rate, how long the balance lasts at it, what the last hour billed set
 * against the rate, and each billed resource by its name where a list names
 * it. And, in a pod's or disk's detail, what the rows read billed it.
 */
import { billedAt, type Wallet } from '../api/prime/account.js';
import type { DetailEntry } from '../views/detail.js';
import { dollars, MISSING, perHour, span, thousands } from '../views/format.js';
import { billedInLastHour, differsFromRate, type Billed } from './billings.js';
import { describeRunway } from './runway.js';
import type { MoneySummary } from './useBilling.js';

/** How a list names the resource a row bills: `pod llama3-70b-serve`; undefined when no list has it. */
export type NameOfResource = (id: string) => string | undefined;

export interface WalletPane {
  wallet: Wallet | null;
  money: MoneySummary;
  nameOf: NameOfResource;
  now: number;
}

/** `$0.0042` under a cent, as the official client writes small amounts; `$12.40` otherwise. */
export function amount(usd: number): string {
  return usd !== 0 && Math.abs(usd) < 0.01 ? `$${usd.toFixed(4)}` : dollars(usd);
}

/** What the last hour's rows came to, and how that stands against the rate. */
function lastHour(wallet: Wallet, burn: number | null, now: number): string {
  const billed = billedInLastHour(wallet, now);
  if (billed === null) return 'the billing rows do not cover a whole hour yet';
  if (burn === null) return `${amount(billed)} billed`;
  if (!differsFromRate(billed, burn)) return `${amount(billed)} billed, as the rate says`;
  const more = billed > burn;
  const share = burn > 0 ? ` (${Math.round((Math.abs(billed - burn) / burn) * 100)}% ${more ? 'more' : 'less'})` : '';
  return `${amount(billed)} billed, ${more ? 'more' : 'less'} than the ${perHour(burn)} the lists add up to${share}`;
}

export function walletEntries({ wallet, money, nameOf, now }: WalletPane): DetailEntry[] {
  const entries: DetailEntry[] = [];
  if (money.burn !== null) {
    const runway = money.runwayMs === null ? '' : `, ${describeRunway(money.runwayMs)}`;
    entries.push({ key: 'Burn rate', value: `${perHour(money.burn)}${runway}` });
  }
  if (!wallet) {
    entries.push({ key: 'Wallet', value: 'not read: the key may not read it, or it has not answered yet' });
    return entries;
  }
  entries.unshift({
    key: 'Balance',
    value: `${wallet.balance_usd === null ? MISSING : dollars(wallet.balance_usd)} ${wallet.currency ?? ''}`.trim(),
  });
  entries.push({ key: 'Last hour', value: lastHour(wallet, money.burn, now) });
  const rows = wallet.recent_billings;
  const total = wallet.total_billings ?? rows.length;
  entries.push(
    { key: 'Billing rows', value: `the newest ${thousands(rows.length)} of ${thousands(total)}` },
    { key: 'Wallet id', value: wallet.wallet_id ?? MISSING },
  );
  if (rows.length === 0) return [...entries, { key: '', value: '' }, { key: 'Billings', value: 'none yet' }];
  entries.push({ key: '', value: '' }, { key: 'Last billed', value: 'amount and what it billed' });
  for (const row of rows) {
    const type = row.resource_type ?? 'billing';
    const what = row.resource_id ? (nameOf(row.resource_id) ?? `${type} ${row.resource_id}`) : type;
    entries.push({ key: `${span(now - billedAt(row))} ago`, value: `${amount(row.amount_usd).padStart(9)}  ${what}` });
  }
  return entries;
}

/** A pod's or disk's `Billed so far`, when the rows read name it. */
export function billedEntries(billed: Billed | undefined, now: number): DetailEntry[] {
  if (!billed) return [];
  const since = billed.whole ? 'in all' : `in the billing rows read, since ${span(now - billed.since)} ago`;
  return [{ key: 'Billed so far', value: `${amount(billed.amount)} ${since}` }];
}
