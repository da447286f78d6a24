import { type NodeRecord, lastSeenMs } from '../kinds/node-telemetry.js';
import type { World } from '../world.js';
import type { ApiRequest } from './prime-request.js';
import { QueryReader } from './query-params.js';
import { type SimResponse, dispersedError, json } from './responses.js';

export const NODE_STATUSES = [
  'AVAILABLE',
  'ASSIGNED',
  'PREPARING',
  'WORKING',
  'STOPPING',
  'OFFLINE',
  'DELETED',
  'RESOURCE_BUSY',
  'OUTDATED_CLIENT',
] as const;
export const CONTINENT_CODES = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;
export const COMPLIANCE_TAGS = ['GDPR', 'EEA'] as const;
export const NODE_SORT_KEYS = ['created_at', 'last_seen_at', 'updated_at', 'name', 'reputation'] as const;
/** Undocumented; newest first is what a list of machines is usually wanted in. */
export const DEFAULT_NODE_SORT = '-created_at';
export const DEFAULT_NODE_LIMIT = 20;

const KNOWN_FILTERS = new Set([
  'status',
  'name',
  'created_at',
  'last_seen_at',
  'operator_account_uuid',
  'country_iso_code',
  'continent_code',
  'subdivision_iso_code',
  'compliance_tags',
  'uuid',
  'include_deleted',
]);

type SortKey = (typeof NODE_SORT_KEYS)[number];
interface SortSpec {
  key: SortKey;
  descending: boolean;
}

export function handleDispersed(req: ApiRequest, world: World): SimResponse {
  if (req.path !== '/v1/nodes') return dispersedError(404, `Cannot ${req.method} ${req.path}`);
  if (req.method !== 'GET') return dispersedError(405, 'Method Not Allowed', { allow: 'GET' });
  if (req.auth !== 'valid') return dispersedError(401, req.authProblem ?? 'Unauthorized');
  return listNodes(req, world);
}

function listNodes(req: ApiRequest, world: World): SimResponse {
  const q = new QueryReader(req.query);
  const limit = q.int('limit', { default: DEFAULT_NODE_LIMIT, min: 1, max: 50 });
  const page = q.int('page', { default: 1, min: 1, max: Number.MAX_SAFE_INTEGER });
  const sort = parseSort(q);
  const statuses = q.listOf('filter[status]', NODE_STATUSES);
  const name = q.string('filter[name]')?.toLowerCase();
  const created = q.dateRange('filter[created_at]');
  const lastSeen = q.dateRange('filter[last_seen_at]');
  const operator = q.string('filter[operator_account_uuid]');
  const country = q.string('filter[country_iso_code]')?.toUpperCase();
  const continents = q.listOf('filter[continent_code]', CONTINENT_CODES);
  const subdivision = q.string('filter[subdivision_iso_code]')?.toUpperCase();
  const tags = q.listOf('filter[compliance_tags]', COMPLIANCE_TAGS);
  const uuids = q
    .string('filter[uuid]')
    ?.split(',')
    .map((s) => s.trim());
  const includeDeleted = strictBool(q, 'filter[include_deleted]');
  // A misspelt filter silently matching everything would hide client bugs.
  for (const key of req.query.keys()) {
    const m = /^filter\[(.*)\]$/.exec(key);
    if (m && !KNOWN_FILTERS.has(m[1] ?? '')) q.errors.push({ param: key, details: 'Unknown filter' });
  }
  if (q.errors.length) {
    return dispersedError(422, q.errors.map((e) => `${e.param}: ${e.details}`).join('; '));
  }

  const ctx = world.ctx;
  // DELETED nodes are hidden unless asked for, either directly or by status.
  const showDeleted = includeDeleted === true || (statuses?.includes('DELETED') ?? false);
  const matching: NodeRecord[] = [];
  for (const r of world.records('nodes')) {
    const n = r.node;
    if (n.status === 'DELETED' && !showDeleted) continue;
    if (statuses && !statuses.includes(n.status as (typeof NODE_STATUSES)[number])) continue;
    if (name !== undefined && !n.name.toLowerCase().includes(name)) continue;
    if (created && !within(Date.parse(n.created_at), created)) continue;
    if (lastSeen && !within(lastSeenMs(r, ctx), lastSeen)) continue;
    if (operator !== undefined && n.operator_account_uuid !== operator) continue;
    if (country !== undefined && n.country_iso_code !== country) continue;
    if (continents && !continents.includes(n.continent_code as (typeof CONTINENT_CODES)[number])) continue;
    if (subdivision !== undefined && n.subdivision_iso_code !== subdivision) continue;
    if (tags && !tags.every((t) => n.compliance_tags.includes(t))) continue;
    if (uuids && !uuids.includes(n.uuid)) continue;
    matching.push(r);
  }

  const keyed = matching.map((r) => ({ r, keys: sort.map((s) => sortValue(r, s.key, world)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sort.length; i++) {
      const spec = sort[i] as SortSpec;
      const c = compare(a.keys[i], b.keys[i]);
      if (c !== 0) return spec.descending ? -c : c;
    }
    // uuid tie-break keeps pages stable and non-overlapping.
    return compare(a.r.node.uuid, b.r.node.uuid);
  });
  const start = Math.min((page - 1) * limit, keyed.length);
  const data = keyed.slice(start, start + limit).map((k) => world.wire('nodes', k.r));
  return json(200, { data, limit, page, total: matching.length });
}

function parseSort(q: QueryReader): SortSpec[] {
  const raw = q.string('sort') ?? DEFAULT_NODE_SORT;
  const specs: SortSpec[] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    const descending = part.startsWith('-');
    const key = descending ? part.slice(1) : part;
    if (!(NODE_SORT_KEYS as readonly string[]).includes(key)) {
      q.errors.push({
        param: 'sort',
        details: `Cannot sort by '${part}'; use one of ${NODE_SORT_KEYS.join(', ')}, optionally prefixed with '-'`,
      });
      return [];
    }
    specs.push({ key: key as SortKey, descending });
  }
  return specs;
}

function strictBool(q: QueryReader, name: string): boolean | undefined {
  const raw = q.string(name);
  if (raw === undefined) return undefined;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  q.errors.push({ param: name, details: "Expected 'true' or 'false'" });
  return undefined;
}

function sortValue(r: NodeRecord, key: SortKey, world: World): number | string {
  switch (key) {
    case 'created_at':
      return Date.parse(r.node.created_at);
    case 'updated_at':
      return Date.parse(r.node.updated_at);
    case 'last_seen_at':
      return lastSeenMs(r, world.ctx);
    case 'name':
      return r.node.name;
    case 'reputation':
      return r.node.reputation;
  }
}

function compare(a: number | string | undefined, b: number | string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function within(t: number, range: { from: number; to: number }): boolean {
  return t >= range.from && t <= range.to;
}
