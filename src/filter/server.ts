/**
 * The part of a filter the APIs can apply themselves, so large accounts don't
 * download rows that would be hidden anyway.
 *
 * The server part is only ever a narrowing: it may drop a row only when the
 * client predicate (match.ts) would drop it too, and the client predicate is
 * always applied afterwards. So the rows on screen are exactly those of
 * client-side filtering alone, whatever the server does with what we can't
 * express (text, negations, statuses it doesn't document). Concretely:
 *
 * - A status goes to the server only when the set of statuses that can pass
 *   the filter is finite (some non-negated status term bounds it) and every
 *   one is documented for that API; otherwise a row with a status the API
 *   added later would vanish server-side although the client would show it.
 *   Negated status terms are never sent, for the same reason.
 * - `is_active=true` (sandboxes) and the absence of `include_deleted` (nodes)
 *   hide ended rows; we rely on that only when no such row could pass the
 *   client filter. The docs say `is_active` excludes TERMINATED; TIMEOUT came
 *   later (the SDK's SandboxStatus) and is as ended, so we assume the server
 *   may exclude it too and send `is_active` only when neither could pass.
 *   The official CLI sends `is_active=true` by default as well.
 * - Labels: the API's `labels` means "has ALL of these", exact match: the
 *   same as non-negated `label:` terms.
 * - Offers: only exact attribute terms go (attributes.ts): `gpu=` as
 *   `gpu_type` and `region=` as `regions` when their values are documented
 *   (the API's `GPUType` and `Regions`, spelled as documented), and `count:`
 *   or `count=` with one number as `gpu_count`. A lenient `gpu:H100` stays
 *   client-side: the server compares whole types.
 *
 * This assumes the statuses we compare are the API's own (upper-case enum
 * values; api/lenient.ts only upper-cases and trims them). If lists are cut
 * at the item cap, narrowing means more of the matching rows fit, never other
 * rows.
 */
import { NODE_STATUSES, type NodeFilters, type NodeListQuery } from '../api/dispersed/client.js';
import type { OfferFilters, SandboxFilters } from '../api/prime/client.js';
import { OFFER_GPU_TYPES, OFFER_REGIONS } from '../api/prime/offers.js';
import type { ResourceKind } from '../views/resource.js';
import { statusCanPass, type FilterOptions } from './match.js';
import type { FilterExpression } from './parse.js';

/**
 * The `SandboxStatus` enum: the docs' six, and TIMEOUT, which the official
 * SDK knows (prime_sandboxes/models.py) and the docs do not list yet.
 */
export const SANDBOX_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'RUNNING',
  'PAUSED',
  'ERROR',
  'TERMINATED',
  'TIMEOUT',
] as const;
/** What `is_active=true` may leave out. */
const INACTIVE_SANDBOX_STATUSES = ['TERMINATED', 'TIMEOUT'] as const;

/**
 * Statuses a row may have and still pass the filter, or null when that set is
 * unbounded (no non-negated status term).
 */
export function passingStatuses(filter: FilterExpression, options: FilterOptions): ReadonlySet<string> | null {
  // Any bounding term will do: statusCanPass checks every status term and the gone rule.
  const bounding = filter.terms.find((term) => term.field === 'status' && !term.negate);
  if (bounding === undefined) return null;
  return new Set(
    bounding.values.map((value) => value.toUpperCase()).filter((status) => statusCanPass(filter, options, status)),
  );
}

function requiredLabels(filter: FilterExpression): string[] {
  const labels = new Set<string>();
  for (const term of filter.terms)
    if (term.field === 'label' && !term.negate && term.values[0] !== undefined) labels.add(term.values[0]);
  // Order is irrelevant to "has ALL"; sorting keeps the query key stable.
  return [...labels].sort();
}

/** What `GET /api/v1/sandbox` can filter: `status`, `labels`, `is_active`. */
export function toSandboxQuery(filter: FilterExpression, options: FilterOptions): SandboxFilters {
  const query: SandboxFilters = {};
  const passing = passingStatuses(filter, options);
  if (passing !== null && passing.size === 1) {
    const [status] = passing;
    if (status !== undefined && (SANDBOX_STATUSES as readonly string[]).includes(status)) query.status = status;
  }
  // is_active=true drops ended sandboxes: safe whenever the client hides them anyway.
  if (INACTIVE_SANDBOX_STATUSES.every((status) => !statusCanPass(filter, options, status))) query.isActive = true;
  const labels = requiredLabels(filter);
  if (labels.length > 0) query.labels = labels;
  return query;
}

/** What `GET /v1/nodes` can filter: `filter[status]` (any of a comma list) and `filter[include_deleted]`. */
export function toNodeQuery(filter: FilterExpression, options: FilterOptions): NodeListQuery {
  const nodeFilter: NodeFilters = {};
  const passing = passingStatuses(filter, options);
  const documented: readonly string[] = NODE_STATUSES;
  if (passing !== null && passing.size > 0 && [...passing].every((status) => documented.includes(status))) {
    nodeFilter.status = documented.filter((status) => passing.has(status)).join(',');
  }
  // Sent even alongside `filter[status]=…DELETED…`, which the simulator takes as enough, in case the live API doesn't.
  if (statusCanPass(filter, options, 'DELETED')) nodeFilter.include_deleted = true;
  return Object.keys(nodeFilter).length > 0 ? { filter: nodeFilter } : {};
}

/** The documented spelling of `value` among `documented`, in any letter case; undefined when it is not there. */
function documentedAs(value: string, documented: readonly string[]): string | undefined {
  return documented.find((name) => name.toLowerCase() === value.toLowerCase());
}

/** What `GET /availability/gpus` and `/multi-node` can filter: `gpu_type`, `gpu_count`, `regions`. */
export function toOfferQuery(filter: FilterExpression): OfferFilters {
  const query: OfferFilters = {};
  // Terms are ANDed: any one bounding term is a sound narrowing, so the first that can go, goes.
  for (const term of filter.terms) {
    if (term.negate) continue;
    const [only] = term.values;
    if (term.field === 'gpu' && term.op === '=' && term.values.length === 1 && only !== undefined)
      query.gpuType ??= documentedAs(only, OFFER_GPU_TYPES);
    if (term.field === 'count' && (term.op === ':' || term.op === '=') && term.values.length === 1)
      query.gpuCount ??= Number(only);
    if (term.field === 'region' && term.op === '=' && query.regions === undefined) {
      const regions = term.values.map((value) => documentedAs(value, OFFER_REGIONS));
      if (regions.every((region) => region !== undefined)) query.regions = [...new Set(regions)].sort();
    }
  }
  return query;
}

export type ServerQuery =
  | { kind: 'sandboxes'; query: SandboxFilters }
  | { kind: 'nodes'; query: NodeListQuery }
  | { kind: 'availability'; query: OfferFilters }
  | { kind: 'disks' | 'pods' | 'history'; query: null };

/** The server part for any kind; disks, pods and history have no list filters. */
export function serverQueryFor(kind: ResourceKind, filter: FilterExpression, showGone: boolean): ServerQuery {
  switch (kind) {
    case 'sandboxes':
      return { kind, query: toSandboxQuery(filter, { showGone }) };
    case 'nodes':
      return { kind, query: toNodeQuery(filter, { showGone }) };
    case 'availability':
      return { kind, query: toOfferQuery(filter) };
    default:
      return { kind, query: null };
  }
}

/**
 * A react-query key part: equal exactly when the server part is equal, so
 * typing text terms (or toggling `a` where it changes nothing server-side)
 * does not refetch.
 */
export function serverQueryKey(kind: ResourceKind, filter: FilterExpression, showGone: boolean): string {
  const server = serverQueryFor(kind, filter, showGone);
  switch (server.kind) {
    case 'sandboxes': {
      const { status, isActive, labels } = server.query;
      return JSON.stringify([kind, { status: status ?? null, isActive: isActive ?? null, labels: labels ?? [] }]);
    }
    case 'nodes': {
      const { status, include_deleted } = server.query.filter ?? {};
      return JSON.stringify([kind, { status: status ?? null, includeDeleted: include_deleted ?? null }]);
    }
    case 'availability': {
      const { gpuType, gpuCount, regions } = server.query;
      return JSON.stringify([kind, { gpuType: gpuType ?? null, gpuCount: gpuCount ?? null, regions: regions ?? [] }]);
    }
    default:
      return JSON.stringify([kind]);
  }
}

/**
 * Whether rows fetched with `previous` hold every row `next` would fetch, so
 * the client filter applied to them shows exactly the right rows while the
 * `next` query loads (e.g. with `placeholderData: keepPreviousData`). When it
 * doesn't (`label:e` → `label:ev`), previous rows would show too few: show
 * them as loading instead. Sound, not complete: it may say no when the
 * answer is yes.
 */
export function serverQueryCovers(previous: ServerQuery, next: ServerQuery): boolean {
  if (previous.kind === 'sandboxes' && next.kind === 'sandboxes') {
    const before = previous.query;
    const after = next.query;
    const labels = after.labels ?? [];
    if (!(before.labels ?? []).every((label) => labels.includes(label))) return false;
    if (before.status !== undefined && before.status !== after.status) return false;
    const afterExcludesInactive =
      after.isActive === true ||
      (after.status !== undefined && !(INACTIVE_SANDBOX_STATUSES as readonly string[]).includes(after.status));
    return before.isActive !== true || afterExcludesInactive;
  }
  if (previous.kind === 'nodes' && next.kind === 'nodes') {
    const before = previous.query.filter ?? {};
    const after = next.query.filter ?? {};
    const beforeStatuses = before.status?.split(',');
    const afterStatuses = after.status?.split(',');
    if (
      beforeStatuses !== undefined &&
      (afterStatuses === undefined || !afterStatuses.every((status) => beforeStatuses.includes(status)))
    )
      return false;
    const showsDeleted = (filter: NodeFilters, statuses: string[] | undefined) =>
      filter.include_deleted === true || (statuses?.includes('DELETED') ?? false);
    return showsDeleted(before, beforeStatuses) || !showsDeleted(after, afterStatuses);
  }
  if (previous.kind === 'availability' && next.kind === 'availability') {
    // Each filter the previous query sent must be sent, as narrow or narrower, by the next.
    const before = previous.query;
    const after = next.query;
    if (before.gpuType !== undefined && before.gpuType !== after.gpuType) return false;
    if (before.gpuCount !== undefined && before.gpuCount !== after.gpuCount) return false;
    const regions = before.regions;
    return regions === undefined || (after.regions !== undefined && after.regions.every((r) => regions.includes(r)));
  }
  return previous.kind === next.kind;
}
