/**
 * The data sources behind the four tabs: which client call fills each one,
 * with the part of the tab's filter the server can apply, and which client
 * call carries out each action a view declares. No React here; the query
 * layer (data.ts) decides when to call them.
 */
import type { DispersedClient } from '../api/dispersed.js';
import type { ListResult } from '../api/paginate.js';
import type { PrimeClient } from '../api/prime.js';
import type { ActionId } from '../views/actions.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import { VIEWS, type AnyRow, type RowByKind } from '../views/index.js';
import type { ServerQuery } from './filter/index.js';

export interface Clients {
  prime: PrimeClient;
  dispersed: DispersedClient;
}

export type Fetcher<Row> = (signal: AbortSignal, server: ServerQuery) => Promise<ListResult<Row>>;

export type Fetchers = { readonly [K in ResourceKind]: Fetcher<RowByKind[K]> };

export function createFetchers(clients: Clients, cap?: number): Fetchers {
  const options = (signal: AbortSignal) => ({ signal, ...(cap !== undefined && { cap }) });
  return {
    disks: (signal) => clients.prime.listDisks(options(signal)),
    sandboxes: (signal, server) => clients.prime.listSandboxes(server.kind === 'sandboxes' ? server.query : {}, options(signal)),
    pods: (signal) => clients.prime.listPodsWithStatus(options(signal)),
    nodes: (signal, server) => clients.dispersed.listNodes(server.kind === 'nodes' ? server.query : {}, options(signal)),
  };
}

export function fetcherFor(fetchers: Fetchers, kind: ResourceKind): Fetcher<AnyRow> {
  return fetchers[kind] as Fetcher<AnyRow>;
}

/** One action on one resource, by id. */
export type Operation = (id: string) => Promise<void>;

/** How each kind's declared actions reach the API: the one registry an action touches beside its view. */
export type Operations = { readonly [K in ResourceKind]?: Partial<Record<ActionId, Operation>> };

/** `readOnly`: no destructive operation exists at all, whatever a key or a bug asks for (the views say which are). */
export function createOperations(clients: Clients, { readOnly = false } = {}): Operations {
  const all: Operations = {
    pods: { delete: (id) => clients.prime.deletePod(id) },
  };
  if (!readOnly) return all;
  const kept: { [K in ResourceKind]?: Partial<Record<ActionId, Operation>> } = {};
  for (const kind of RESOURCE_KINDS) {
    const destructive = new Set(VIEWS[kind].actions.filter((action) => action.destructive).map((action) => action.id));
    kept[kind] = Object.fromEntries(Object.entries(all[kind] ?? {}).filter(([id]) => !destructive.has(id as ActionId)));
  }
  return kept;
}
