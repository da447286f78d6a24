/**
 * What every Prime route of the simulator is handed (the request, the world
 * and its limiters), and the list order they share.
 */
import type { RateLimiter } from '../rate-limiter.js';
import type { RecordByKind, World } from '../world.js';
import type { ResourceKind } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import { type SimResponse, json, primeValidationError } from './responses.js';
import type { SimIdentity } from '../account/identity.js';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: 'none' | 'valid' | 'invalid';
  token: string | undefined;
  /** Why a request was refused, for the 401's message (never quoting a key). */
  authProblem?: string | undefined;
  /** The parsed JSON body: read only for the bulk sandbox delete, undefined for every other request. */
  body: unknown;
  /** Why that body could not be read as JSON (a 422 once the request is authenticated). */
  bodyError?: string | undefined;
}

export interface PrimeDeps {
  world: World;
  /** Who the key is and what it may do (`GET /user/whoami`, and a 403 for the rest). */
  identity: SimIdentity;
  sandboxLimiter: RateLimiter;
  bulkDeleteLimiter: RateLimiter;
  sandboxMaxPerPage: number;
  logLinesPerMinute: number;
}

export type Handler = (req: ApiRequest, deps: PrimeDeps, param: string) => SimResponse;

/**
 * Newest first, id as tie-break so pages never overlap. Sorted once per
 * change of membership, not per page request: listing 20,000 pods is 200
 * page requests, and sorting for each made a poll take seconds.
 */
export function newestFirst<K extends ResourceKind>(world: World, kind: K): readonly RecordByKind[K][] {
  let cache = orderings.get(world);
  if (!cache) orderings.set(world, (cache = new Map()));
  const cached = cache.get(kind);
  if (cached && cached.membership === world.membership(kind)) return cached.records as RecordByKind[K][];
  const items = [...world.records(kind)].map((r) => ({ r, t: world.createdAtMs(kind, r), id: world.idOf(kind, r) }));
  items.sort((a, b) => b.t - a.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const records = items.map((i) => i.r);
  cache.set(kind, { membership: world.membership(kind), records });
  return records;
}

const orderings = new WeakMap<World, Map<ResourceKind, { membership: number; records: readonly unknown[] }>>();

/**
 * The docs give `limit` a default of 100 and no maximum; we assume the server
 * caps it at 100 (its default page) and answer 422 above that, so clients
 * that ask for more are caught here rather than in production.
 */
export const PRIME_MAX_LIMIT = 100;
/**
 * The page of `list()` that the request's `offset` and `limit` ask for, in
 * Prime's offset envelope (pods, disks, pod history), or the 422 for bad
 * values. `list` is called only for a valid request: a rejected one costs no
 * sort or copy.
 */
export function offsetPage<T>(
  req: ApiRequest,
  list: () => readonly T[],
  listed: (item: T) => unknown = (item) => item,
): SimResponse {
  const q = new QueryReader(req.query);
  const offset = q.int('offset', { default: 0, min: 0 });
  const limit = q.int('limit', { default: 100, min: 0, max: PRIME_MAX_LIMIT });
  if (q.errors.length) return primeValidationError(q.errors);
  const items = list();
  return json(200, { total_count: items.length, offset, limit, data: items.slice(offset, offset + limit).map(listed) });
}
