import { podStatusEntry } from '../kinds/pods.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { RecordByKind, World } from '../world.js';
import type { ResourceKind } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import { type SimResponse, json, primeError, primeValidationError } from './responses.js';

/**
 * The docs give `limit` a default of 100 and no maximum; we assume the server
 * caps it at 100 (its default page) and answer 422 above that, so clients
 * that ask for more are caught here rather than in production.
 */
export const PRIME_MAX_LIMIT = 100;
/** Undocumented; a bound keeps URLs sane. More ids than this is a 422. */
export const POD_STATUS_MAX_IDS = 100;
/** The docs' SandboxStatus, and TIMEOUT, which the official SDK knows and the docs do not list yet. */
export const SANDBOX_STATUSES = ['PENDING', 'PROVISIONING', 'RUNNING', 'PAUSED', 'ERROR', 'TERMINATED', 'TIMEOUT'] as const;
/** What `is_active=true` leaves out: "terminated" sandboxes, which a timed-out one is too. */
const INACTIVE_SANDBOX_STATUSES: readonly string[] = ['TERMINATED', 'TIMEOUT'];
/** The documented maximum of `per_page`; a simulator may be started with a lower one (a server that refuses large pages). */
export const SANDBOX_MAX_PER_PAGE = 1000;

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: 'none' | 'valid' | 'invalid';
  token: string | undefined;
  /** Why a request was refused, for the 401's message (never quoting a key). */
  authProblem?: string | undefined;
}

export interface PrimeDeps {
  world: World;
  sandboxLimiter: RateLimiter;
  sandboxMaxPerPage: number;
}

type Handler = (req: ApiRequest, deps: PrimeDeps, param: string) => SimResponse;
interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/** Pods and disks answer with and without the trailing slash; the sandbox list only as documented. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/api\/v1\/pods\/?$/, methods: { GET: listPods } },
  { pattern: /^\/api\/v1\/pods\/status\/?$/, methods: { GET: podStatuses } },
  { pattern: /^\/api\/v1\/pods\/history\/?$/, methods: { GET: podHistory } },
  { pattern: /^\/api\/v1\/pods\/([^/]+)\/?$/, methods: { GET: getPod, DELETE: deletePod } },
  { pattern: /^\/api\/v1\/disks\/?$/, methods: { GET: listDisks } },
  { pattern: /^\/api\/v1\/sandbox$/, methods: { GET: listSandboxes } },
];

export function handlePrime(req: ApiRequest, deps: PrimeDeps): SimResponse {
  for (const route of ROUTES) {
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    const handler = route.methods[req.method];
    if (!handler) return primeError(405, 'Method Not Allowed', { allow: Object.keys(route.methods).join(', ') });
    // Routing before auth, as FastAPI does: unknown paths are 404 with or without a key.
    if (req.auth === 'none') return primeError(401, 'Not authenticated', { 'www-authenticate': 'Bearer' });
    if (req.auth === 'invalid') return primeError(401, 'Invalid API key', { 'www-authenticate': 'Bearer' });
    return handler(req, deps, safeDecode(m[1] ?? ''));
  }
  return primeError(404, 'Not Found');
}

/** A malformed escape cannot name an existing resource; keep it as is (it will 404). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Newest first, id as tie-break so pages never overlap. Sorted once per
 * change of membership, not per page request: listing 20,000 pods is 200
 * page requests, and sorting for each made a poll take seconds.
 */
function newestFirst<K extends ResourceKind>(world: World, kind: K): readonly RecordByKind[K][] {
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
 * The page of `list()` that the request's `offset` and `limit` ask for, in
 * Prime's offset envelope (pods, disks, pod history), or the 422 for bad
 * values. `list` is called only for a valid request: a rejected one costs no
 * sort or copy.
 */
function offsetPage(req: ApiRequest, list: () => readonly unknown[]): SimResponse {
  const q = new QueryReader(req.query);
  const offset = q.int('offset', { default: 0, min: 0 });
  const limit = q.int('limit', { default: 100, min: 0, max: PRIME_MAX_LIMIT });
  if (q.errors.length) return primeValidationError(q.errors);
  const items = list();
  return json(200, { total_count: items.length, offset, limit, data: items.slice(offset, offset + limit) });
}

function listPods(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  return offsetPage(req, () => newestFirst(world, 'pods'));
}

function listDisks(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  return offsetPage(req, () => newestFirst(world, 'disks'));
}

function podHistory(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  return offsetPage(req, () => [...world.history].reverse());
}

function getPod(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const pod = world.record('pods', id);
  return pod ? json(200, pod) : primeError(404, 'Pod not found');
}

/**
 * The docs promise "a small JSON body"; the official client ignores it and
 * only needs a JSON object (or an empty 204), so clients must not rely on it.
 */
function deletePod(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  if (!world.deletePod(id)) return primeError(404, 'Pod not found');
  return json(200, { status: 'ok', data: { id, status: world.record('pods', id)?.status ?? 'TERMINATED' } });
}

function podStatuses(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  const ids = req.query.getAll('pod_ids');
  if (ids.length > POD_STATUS_MAX_IDS) {
    return primeValidationError([{ param: 'pod_ids', details: `At most ${POD_STATUS_MAX_IDS} pod ids per request, got ${ids.length}` }]);
  }
  const seen = new Set<string>();
  const data = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const pod = world.record('pods', id);
    if (pod) data.push(podStatusEntry(pod));
  }
  return json(200, { status: 'ok', data });
}

function listSandboxes(req: ApiRequest, { world, sandboxLimiter, sandboxMaxPerPage }: PrimeDeps): SimResponse {
  const wait = sandboxLimiter.hit(req.token ?? '');
  if (wait > 0) {
    return primeError(429, `Rate limit exceeded: retry in ${wait} s`, { 'retry-after': String(wait) });
  }
  const q = new QueryReader(req.query);
  const teamId = q.string('team_id');
  const userId = q.string('user_id');
  const status = q.oneOf('status', SANDBOX_STATUSES);
  const isActive = q.bool('is_active');
  const labels = q.strings('labels');
  const page = q.int('page', { default: 1, min: 1 });
  const perPage = q.int('per_page', { default: 50, min: 1, max: sandboxMaxPerPage });
  if (q.errors.length) return primeValidationError(q.errors);

  const matching = newestFirst(world, 'sandboxes').filter((sb) =>
    (teamId === undefined || sb.teamId === teamId) &&
    (userId === undefined || sb.userId === userId) &&
    (status === undefined || sb.status === status) &&
    (isActive !== true || !INACTIVE_SANDBOX_STATUSES.includes(sb.status)) &&
    labels.every((label) => sb.labels.includes(label)));
  const start = (page - 1) * perPage;
  return json(200, {
    sandboxes: matching.slice(start, start + perPage),
    total: matching.length,
    page,
    per_page: perPage,
    has_next: start + perPage < matching.length,
  });
}
