import { podStatusEntry } from '../kinds/pods.js';
import { type LogSpan, POD_LOG_DEFAULT_TAIL, POD_LOG_MAX_TAIL, tailOfLog } from '../logs.js';
import type { DiskDeleteResponse, PodLogResponse } from '../wire-types.js';
import { QueryReader } from './query-params.js';
import { newestFirst, offsetPage, type ApiRequest, type Handler, type PrimeDeps } from './prime-request.js';
import { deleteSandbox, deleteSandboxes, getSandbox, listSandboxes, sandboxLogs } from './prime-sandboxes.js';
import { listGpuOffers, listMultiNodeOffers } from './prime-availability.js';
import { userTeams, wallet, whoami } from './prime-account.js';
import { type SimResponse, json, primeError, primeValidationError } from './responses.js';

/**
 * The simulator's Prime Intellect API: routes, authentication and the key's
 * permissions, and the pod and disk handlers (sandboxes: prime-sandboxes.ts;
 * offers: prime-availability.ts; wallet, teams and whoami: prime-account.ts).
 */

/** Undocumented; a bound keeps URLs sane. More ids than this is a 422. */
export const POD_STATUS_MAX_IDS = 100;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
  /** The key's permission the route needs (account/identity.ts): read for a GET, write for a DELETE. */
  scope?: string;
}

/** Pods and disks answer with and without the trailing slash; the sandbox list only as documented. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/api\/v1\/pods\/?$/, methods: { GET: listPods }, scope: 'instances' },
  { pattern: /^\/api\/v1\/pods\/status\/?$/, methods: { GET: podStatuses }, scope: 'instances' },
  { pattern: /^\/api\/v1\/pods\/history\/?$/, methods: { GET: podHistory }, scope: 'instances' },
  { pattern: /^\/api\/v1\/pods\/([^/]+)\/?$/, methods: { GET: getPod, DELETE: deletePod }, scope: 'instances' },
  { pattern: /^\/api\/v1\/pods\/([^/]+)\/log$/, methods: { GET: podLog }, scope: 'instances' },
  { pattern: /^\/api\/v1\/disks\/?$/, methods: { GET: listDisks }, scope: 'disks' },
  { pattern: /^\/api\/v1\/disks\/([^/]+)$/, methods: { GET: getDisk, DELETE: deleteDisk }, scope: 'disks' },
  { pattern: /^\/api\/v1\/sandbox$/, methods: { GET: listSandboxes, DELETE: deleteSandboxes }, scope: 'sandboxes' },
  {
    pattern: /^\/api\/v1\/sandbox\/([^/]+)$/,
    methods: { GET: getSandbox, DELETE: deleteSandbox },
    scope: 'sandboxes',
  },
  { pattern: /^\/api\/v1\/sandbox\/([^/]+)\/logs$/, methods: { GET: sandboxLogs }, scope: 'sandboxes' },
  { pattern: /^\/api\/v1\/billing\/wallet\/?$/, methods: { GET: wallet }, scope: 'billing' },
  { pattern: /^\/api\/v1\/user\/teams\/?$/, methods: { GET: userTeams }, scope: 'teams' },
  // Any valid key may ask who it is and what it may do.
  { pattern: /^\/api\/v1\/user\/whoami\/?$/, methods: { GET: whoami } },
  { pattern: /^\/api\/v1\/availability\/gpus$/, methods: { GET: listGpuOffers }, scope: 'availability' },
  { pattern: /^\/api\/v1\/availability\/multi-node$/, methods: { GET: listMultiNodeOffers }, scope: 'availability' },
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
    const need = req.method === 'GET' ? 'read' : 'write';
    if (route.scope && !deps.identity.allows(route.scope, need))
      return primeError(403, `This API key does not have ${route.scope} ${need} permission`);
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
 * The docs send readers to the status endpoint "to obtain port mappings and
 * connection details"; whether the list carries the ports is not said, so
 * the simulator's list leaves them out (null, which the pod object allows)
 * and `GET /pods/{id}` and `/pods/status` carry them, as `prime pods status`
 * reads them. A client that wants them must ask, as the official one does.
 */
function listPods(req: ApiRequest, { world }: PrimeDeps): SimResponse {
  return offsetPage(
    req,
    () => newestFirst(world, 'pods'),
    (pod) => ({ ...pod, primePortMapping: null }),
  );
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

function getDisk(_req: ApiRequest, { world }: PrimeDeps, id: string): SimResponse {
  const disk = world.record('disks', id);
  return disk ? json(200, disk) : primeError(404, 'Disk not found');
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
