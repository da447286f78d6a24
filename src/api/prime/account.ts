/**
 * The account as the official client reads it: the wallet with its recent
 * billing rows (`prime wallet`, prime_cli/api/wallet.py: snake_case, no
 * envelope) and who the key belongs to with what it may do (`prime whoami`,
 * prime_cli/commands/whoami.py: `{data: {...}}`). Read leniently, as every
 * answer is: a row without an amount is left out, not the wallet.
 */
import { z } from 'zod';
import type { HttpClient, RequestOptions } from '../http/client.js';
import { count, list, number, record, text } from '../lenient.js';

/**
 * One row of `recent_billings`, the official client's BillingEntry: what a
 * resource (`resource_type`, `resource_id`) was billed (`amount_usd`), from
 * `created_at` to `last_billed_at` (the client shows `last_billed_at`, else
 * `updated_at`, as the row's time).
 */
export const billingEntrySchema = z.looseObject({
  id: text,
  created_at: text,
  updated_at: text,
  last_billed_at: text,
  amount_usd: z.unknown().transform((value, ctx): number => {
    const amount = number.parse(value);
    if (amount === null) ctx.addIssue({ code: 'custom', message: 'a billing row without an amount' });
    return amount ?? 0;
  }),
  currency: text,
  resource_type: text,
  resource_id: text,
});
export type BillingEntry = z.output<typeof billingEntrySchema>;

/**
 * `GET /billing/wallet`, as the official client's Wallet model reads it
 * (`prime_cli/api/wallet.py`): the balance in `currency`, how many billing
 * rows there are in all, and the newest of them (sorted by `lastBilledAt`,
 * newest first, server side).
 */
export const walletSchema = z.looseObject({
  wallet_id: text,
  team_id: text,
  balance_usd: number,
  currency: text,
  total_billings: count,
  recent_billings: list(billingEntrySchema),
});
export type Wallet = z.output<typeof walletSchema>;

/** What a key may do with one permission. */
export interface Permission {
  read: boolean;
  write: boolean;
}

/**
 * `scope`: a permission's name to `{read, write}`, or null (the official
 * client shows `-` for it: nothing granted). Anything else in it is left out.
 */
const scopeSchema = record.transform((value): Record<string, Permission | null> => {
  const scope: Record<string, Permission | null> = {};
  for (const [name, permission] of Object.entries(value ?? {})) {
    if (permission === null) scope[name] = null;
    else if (typeof permission === 'object' && !Array.isArray(permission)) {
      const { read, write } = permission as Record<string, unknown>;
      scope[name] = { read: read === true, write: write === true };
    }
  }
  return scope;
});

/**
 * `GET /user/whoami`: `{data: WhoamiResponse, status}`. The official client
 * refuses an answer whose `data` is not an object ("Unexpected response from
 * whoami endpoint"); so does this (a failed parse: cloudtop then works as if
 * it had not asked).
 */
export const whoamiSchema = z
  .looseObject({
    data: z.looseObject({ id: text, name: text, email: text, slug: text, role: text, scope: scopeSchema }),
  })
  .transform(({ data }) => data);
export type Whoami = z.output<typeof whoamiSchema>;

/** Billing rows a wallet page asks for: the most the endpoint gives (the CLI's --limit runs to 100). */
const WALLET_PAGE = 100;
/** At most this many pages a read: an account billing hundreds of resources an hour is told what these cover. */
const WALLET_PAGES = 5;
const HOUR_MS = 3_600_000;

/** When a row was last billed, as the official client dates it: `last_billed_at`, else `updated_at`, else `created_at`. */
export function billedAt(row: BillingEntry): number {
  const time = Date.parse(row.last_billed_at ?? row.updated_at ?? row.created_at ?? '');
  return Number.isNaN(time) ? 0 : time;
}

/**
 * `GET /billing/wallet?limit=&offset=&teamId=`, as `prime wallet` asks (with
 * `teamId` when a team is set), page after page until the rows reach back
 * past the last hour (they come newest first) or there are no more: what the
 * last hour cost, and what each resource was billed lately, can then be read
 * from them. Rows a later page repeats (new ones push the rest along) count once.
 */
export async function readWallet(
  http: HttpClient,
  teamId: string | undefined,
  options: RequestOptions = {},
): Promise<Wallet> {
  const page = (offset: number) =>
    http.getJson('/api/v1/billing/wallet', { limit: WALLET_PAGE, offset, teamId }, walletSchema, options);
  const first = await page(0);
  const rows = new Map(first.recent_billings.map((row, index) => [row.id ?? `#${index}`, row]));
  const hourAgo = Date.now() - HOUR_MS;
  for (let n = 1; n < WALLET_PAGES && first.recent_billings.length === WALLET_PAGE; n++) {
    const oldest = [...rows.values()].at(-1);
    if (!oldest || billedAt(oldest) < hourAgo) break;
    const next = (await page(n * WALLET_PAGE)).recent_billings;
    for (const [index, row] of next.entries()) rows.set(row.id ?? `#${n}.${index}`, row);
    if (next.length < WALLET_PAGE) break;
  }
  return { ...first, recent_billings: [...rows.values()] };
}
