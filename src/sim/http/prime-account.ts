/**
 * The simulator's account routes: the wallet with its billing rows, the
 * user's teams, and who the key belongs to with what it may do.
 */
import { SIM_TEAMS } from '../catalog.js';
import type { WalletBody } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import { offsetPage, type ApiRequest, type PrimeDeps } from './prime-request.js';
import { type SimResponse, json, primeValidationError } from './responses.js';

/**
 * `GET /billing/wallet?limit=&offset=&teamId=`: the balance as the running
 * resources have drawn it down, and the billing rows that drawing wrote,
 * newest `last_billed_at` first (account/ledger.ts). `limit` is 1 to 100 as
 * the official CLI enforces and the service documents.
 */
export function wallet(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  const q = new QueryReader(req.query);
  const limit = q.int('limit', { default: 20, min: 1, max: 100 });
  const offset = q.int('offset', { default: 0, min: 0 });
  if (q.errors.length) return primeValidationError(q.errors);
  const { ledger } = world.wallet;
  const body: WalletBody = {
    wallet_id: `wallet-${world.seed}`,
    team_id: req.query.get('teamId') || null,
    balance_usd: Math.round(world.wallet.balance * 100) / 100,
    currency: 'USD',
    total_billings: ledger.total,
    recent_billings: ledger.page(offset, limit),
  };
  return json(200, body);
}

/** `GET /user/teams?offset=&limit=`: the teams the simulated resources belong to, as `prime teams list` reads them. */
export function userTeams(req: ApiRequest): SimResponse {
  return offsetPage(req, () => SIM_TEAMS);
}

/** `GET /user/whoami`: `{data, status}`, as `prime whoami` reads it (account/identity.ts). */
export function whoami(_req: ApiRequest, { identity }: PrimeDeps): SimResponse {
  return json(200, identity.body());
}
