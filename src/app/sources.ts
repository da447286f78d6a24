/**
 * The data sources behind the four tabs: which client call fills each one,
 * with the part of the tab's filter the server can apply. No React here; the
 * query layer (data.ts) decides when to call them.
 */
import type { DispersedClient } from '../api/dispersed.js';
import type { ListResult } from '../api/paginate.js';
import type { PrimeClient } from '../api/prime.js';
import type { ResourceKind } from '../views/resource.js';
import type { AnyRow, RowByKind } from '../views/index.js';
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
