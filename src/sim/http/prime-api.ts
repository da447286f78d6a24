import { SIM_TEAMS } from '../catalog.js';
import { podStatusEntry } from '../kinds/pods.js';
import { ENDED_SANDBOX_STATUSES } from '../kinds/sandboxes.js';
import { type LogSpan, POD_LOG_DEFAULT_TAIL, POD_LOG_MAX_TAIL, SANDBOX_LOG_MAX_LINES, tailOfLog } from '../logs.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { RecordByKind, World } from '../world.js';
import type {
  BulkDeleteSandboxResponse,
  DiskDeleteResponse,
  PodLogResponse,
  ResourceKind,
  SandboxDeleteResponse,
  SandboxLogsResponse,
  WalletBody,
} from '../wire-types.js';
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
export const SANDBOX_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'RUNNING',
  'PAUSED',
  'ERROR',
  'TERMINATED',
  'TIMEOUT',
] as const;
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

/**
 * `DELETE /sandbox` with `sandbox_ids`: the documented limits, up to 500 ids
 * a call (the official CLI sends 100) and 50 calls a minute per token.
 */
export const SANDBOX_BULK_DELETE_MAX_IDS = 500;
export const SANDBOX_BULK_DELETE_PER_MINUTE = 50;

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
  { pattern: /^\/api\/v1\/pods\/([^/]+)\/log$/, methods: { GET: podLog } },
  { pattern: /^\/api\/v1\/disks\/?$/, methods: { GET: listDisks } },
  { pattern: /^\/api\/v1\/disks\/([^/]+)$/, methods: { GET: getDisk, DELETE: deleteDisk } },
  { pattern: /^\/api\/v1\/sandbox$/, methods: { GET: listSandboxes, DELETE: deleteSandboxes } },
  { pattern: /^\/api\/v1\/sandbox\/([^/]+)$/, methods: { GET: getSandbox, DELETE: deleteSandbox } },
  { pattern: /^\/api\/v1\/sandbox\/([^/]+)\/logs$/, methods: { GET: sandboxLogs } },
  { pattern: /^\/api\/v1\/billing\/wallet\/?$/, methods: { GET: wallet } },
  { pattern: /^\/api\/v1\/user\/teams\/?$/, methods: { GET: userTeams } },
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

/**
 * `GET /billing/wallet?limit=&offset=&teamId=`: the balance as the running
 * resources have drawn it down. `limit` is 1 to 100 as the official CLI
 * enforces; the simulator keeps no billing rows, so `recent_billings` is empty.
 */
function wallet(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  const q = new QueryReader(req.query);
  q.int('limit', { default: 20, min: 1, max: 100 });
  q.int('offset', { default: 0, min: 0 });
  if (q.errors.length) return primeValidationError(q.errors);
  const body: WalletBody = {
    wallet_id: `wallet-${world.seed}`,
    team_id: req.query.get('teamId') || null,
    balance_usd: Math.round(world.wallet.balance * 100) / 100,
    currency: 'USD',
    total_billings: 0,
    recent_billings: [],
  };
  return json(200, body);
}

/** `GET /user/teams?offset=&limit=`: the teams the simulated resources belong to, as `prime teams list` reads them. */
function userTeams(req: ApiRequest): SimResponse {
  return offsetPage(req, () => SIM_TEAMS);
}

function podHistory(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  return offsetPage(req, () => [...world.history].reverse());
}

function getPod(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const pod = world.record('pods', id);
  return pod ? json(200, pod) : primeError(404, 'Pod not found');
}

function getDisk(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const disk = world.record('disks', id);
  return disk ? json(200, disk) : primeError(404, 'Disk not found');
}

function getSandbox(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const sandbox = world.record('sandboxes', id);
  return sandbox ? json(200, sandbox) : primeError(404, 'Sandbox not found');
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
    return primeValidationError([
      { param: 'pod_ids', details: `At most ${POD_STATUS_MAX_IDS} pod ids per request, got ${ids.length}` },
    ]);
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

  const matching = newestFirst(world, 'sandboxes').filter(
    (sb) =>
      (teamId === undefined || sb.teamId === teamId) &&
      (userId === undefined || sb.userId === userId) &&
      (status === undefined || sb.status === status) &&
      (isActive !== true || !INACTIVE_SANDBOX_STATUSES.includes(sb.status)) &&
      labels.every((label) => sb.labels.includes(label)),
  );
  const start = (page - 1) * perPage;
  return json(200, {
    sandboxes: matching.slice(start, start + perPage),
    total: matching.length,
    page,
    per_page: perPage,
    has_next: start + perPage < matching.length,
  });
}

/**
 * `GET /pods/{id}/log?tail=N`: the last `tail` lines (documented default
 * 100; the docs give no bounds, we take 1..10000). The docs publish no
 * response schema ("Successful Response", `{}`) and the official client
 * never calls it; we answer what FastAPI makes of a route returning the log
 * text, a JSON string of the lines joined by `\n`, which is also the shape
 * that tests a client's lenient reading most (it is not an object, as every
 * other answer is). A pod's log runs from its creation until it stops,
 * fails or terminates.
 */
function podLog(req: ApiRequest, { world, logLinesPerMinute }: PrimeDeps, id: string): SimResponse {
  const q = new QueryReader(req.query);
  const tail = q.int('tail', { default: POD_LOG_DEFAULT_TAIL, min: 1, max: POD_LOG_MAX_TAIL });
  if (q.errors.length) return primeValidationError(q.errors);
  const pod = world.record('pods', id);
  if (!pod) return primeError(404, 'Pod not found');
  const ended = pod.status === 'STOPPED' || pod.status === 'ERROR' || pod.status === 'TERMINATED';
  const span: LogSpan = {
    seed: world.seed,
    id,
    startMs: Date.parse(pod.createdAt),
    endMs: ended ? Date.parse(pod.updatedAt) : null,
    flavour: 'pod',
    finalLine:
      pod.status === 'ERROR' ? `[install] installation failed: ${pod.installationFailure ?? 'unknown error'}` : null,
  };
  return json(200, tailOfLog(span, world.now(), tail, logLinesPerMinute).join('\n') satisfies PodLogResponse);
}

/**
 * `GET /sandbox/{id}/logs` → `{logs: str}` (the SDK's SandboxLogsResponse),
 * the whole log, at most its last SANDBOX_LOG_MAX_LINES lines. A sandbox's
 * log runs from when it started running until it ended or paused; one that
 * never ran has an empty log.
 */
function sandboxLogs(_req: ApiRequest, { world, logLinesPerMinute }: PrimeDeps, id: string): SimResponse {
  const sandbox = world.record('sandboxes', id);
  if (!sandbox) return primeError(404, 'Sandbox not found');
  const failure =
    sandbox.status === 'ERROR' || sandbox.status === 'TIMEOUT'
      ? [sandbox.errorType, sandbox.errorMessage].filter(Boolean).join(': ')
      : '';
  const span: LogSpan = {
    seed: world.seed,
    id,
    startMs: sandbox.startedAt ? Date.parse(sandbox.startedAt) : null,
    endMs: ENDED_SANDBOX_STATUSES.includes(sandbox.status)
      ? Date.parse(sandbox.terminatedAt ?? sandbox.updatedAt)
      : sandbox.status === 'PAUSED'
        ? Date.parse(sandbox.updatedAt)
        : null,
    flavour: 'sandbox',
    finalLine: failure || null,
  };
  return json(200, {
    logs: tailOfLog(span, world.now(), SANDBOX_LOG_MAX_LINES, logLinesPerMinute).join('\n'),
  } satisfies SandboxLogsResponse);
}

/**
 * `DELETE /sandbox/{id}` → `{success: true, message}`, the documented
 * DeleteSandboxResponse (spec/prime/sandbox-delete.openapi.yaml). The SDK
 * returns the answer as it is and needs a JSON object (it has no 204
 * handling). The sandbox is TERMINATED at once and leaves the list shortly
 * after.
 */
function deleteSandbox(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  if (!world.deleteSandbox(id)) return primeError(404, 'Sandbox not found');
  return json(200, { success: true, message: `Sandbox ${id} deleted` } satisfies SandboxDeleteResponse);
}

/**
 * `DELETE /sandbox` with `{sandbox_ids: [...]}` (the documented and SDK's
 * BulkDeleteSandboxRequest; its scoped forms, by `labels` or `all_users`,
 * are not simulated: cloudtop sends ids). 50 calls a minute per token, 1 to
 * 500 string ids a call, else a 422 in the documented ErrorResponse. The
 * answer is the BulkDeleteSandboxResponse: `succeeded` ids, `failed` entries
 * of `{sandbox_id, error}` (the keys the official CLI reads), and a `message`.
 */
function deleteSandboxes(req: ApiRequest, { world, bulkDeleteLimiter }: PrimeDeps): SimResponse {
  const wait = bulkDeleteLimiter.hit(req.token ?? '');
  if (wait > 0) return primeError(429, `Rate limit exceeded: retry in ${wait} s`, { 'retry-after': String(wait) });
  if (req.bodyError !== undefined) return primeValidationError([{ param: 'body', details: req.bodyError }]);
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return primeValidationError([{ param: 'body', details: 'Input should be a JSON object with sandbox_ids' }]);
  }
  const ids = (body as { sandbox_ids?: unknown }).sandbox_ids;
  if (ids === undefined || ids === null)
    return primeValidationError([
      { param: 'sandbox_ids', details: 'Field required (deleting by labels or all_users is not simulated)' },
    ]);
  if (!Array.isArray(ids))
    return primeValidationError([{ param: 'sandbox_ids', details: 'Input should be a valid list' }]);
  if (ids.length === 0)
    return primeValidationError([{ param: 'sandbox_ids', details: 'List should have at least 1 item' }]);
  if (ids.length > SANDBOX_BULK_DELETE_MAX_IDS) {
    return primeValidationError([
      {
        param: 'sandbox_ids',
        details: `At most ${SANDBOX_BULK_DELETE_MAX_IDS} sandbox ids per request, got ${ids.length}`,
      },
    ]);
  }
  const notString = ids.findIndex((id) => typeof id !== 'string');
  if (notString >= 0)
    return primeValidationError([{ param: `sandbox_ids.${notString}`, details: 'Input should be a valid string' }]);
  const succeeded: string[] = [];
  const failed: BulkDeleteSandboxResponse['failed'] = [];
  for (const id of new Set(ids as string[])) {
    if (world.deleteSandbox(id)) succeeded.push(id);
    else failed.push({ sandbox_id: id, error: 'Sandbox not found' });
  }
  const message =
    failed.length === 0
      ? `Deleted ${succeeded.length} sandbox(es)`
      : `Deleted ${succeeded.length} sandbox(es), ${failed.length} failed`;
  return json(200, { succeeded, failed, message } satisfies BulkDeleteSandboxResponse);
}

/**
 * `DELETE /disks/{id}` → `{status}` (the official client's
 * DiskDeleteResponse; the docs give no schema): DELETING, then TERMINATED,
 * then gone. A disk still attached to a pod is refused with a 409 naming the
 * pod: its data is in use.
 */
function deleteDisk(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const result = world.deleteDisk(id);
  if (result === 'missing') return primeError(404, 'Disk not found');
  if ('attached' in result) {
    const { name, pods } = result.attached;
    const which = pods.length === 1 ? `pod ${pods[0]!}` : `pods ${pods.join(', ')}`;
    return primeError(
      409,
      `Disk ${name} is attached to ${which}; detach or delete the ${pods.length === 1 ? 'pod' : 'pods'} first`,
    );
  }
  return json(200, { status: result.disk.status } satisfies DiskDeleteResponse);
}
