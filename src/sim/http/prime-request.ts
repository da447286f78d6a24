/**
 * What every Prime route of the simulator is handed (the request, the world
 * and its limiters), and the list order they share.
 */
import type { RateLimiter } from '../rate-limiter.js';
import type { RecordByKind, World } from '../world.js';
import type { ResourceKind } from '../wire-types.js';
import type { SimResponse } from './responses.js';

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
