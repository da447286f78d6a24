/**
 * The data sources behind the tabs: which client call fills each one,
 * with the part of the tab's filter the server can apply, and which client
 * call carries out each action a view declares. No React here; the query
 * layer (data.ts) decides when to call them.
 */
import type { DispersedClient } from '../api/dispersed/client.js';
import type { ListResult } from '../api/lists/paginate.js';
import { SANDBOX_BULK_DELETE_MAX, type PrimeClient } from '../api/prime/client.js';
import type { Wallet, Whoami } from '../api/prime/account.js';
import type { ActionId } from '../views/actions.js';
import type { ResourceKind } from '../views/resource.js';
import type { AnyRow, RowByKind } from '../views/index.js';
import type { BulkRemove } from './deletion-queue.js';
import type { ServerQuery } from '../filter/index.js';

export interface Clients {
  prime: PrimeClient;
  dispersed: DispersedClient;
}

/**
 * A tab's list. `server`: what the server is asked to narrow it to; `whole`:
 * the list without that narrowing, whose size the fetcher counts too
 * (`wholeTotal`) when given.
 */
export type Fetcher<Row> = (
  signal: AbortSignal,
  server: ServerQuery,
  whole?: ServerQuery | null,
) => Promise<ListResult<Row>>;

export type Fetchers = { readonly [K in ResourceKind]: Fetcher<RowByKind[K]> };

export function createFetchers(clients: Clients, cap?: number): Fetchers {
  const options = (signal: AbortSignal) => ({ signal, ...(cap !== undefined && { cap }) });
  return {
    disks: (signal) => clients.prime.listDisks(options(signal)),
    sandboxes: (signal, server, whole) =>
      withWholeTotal(
        clients.prime.listSandboxes(server.kind === 'sandboxes' ? server.query : {}, options(signal)),
        whole?.kind === 'sandboxes' ? () => clients.prime.countSandboxes(whole.query, { signal }) : null,
      ),
    pods: (signal) => clients.prime.listPodsWithStatus(options(signal)),
    nodes: (signal, server, whole) =>
      withWholeTotal(
        clients.dispersed.listNodes(server.kind === 'nodes' ? server.query : {}, options(signal)),
        whole?.kind === 'nodes' ? () => clients.dispersed.countNodes(whole.query, { signal }) : null,
      ),
    history: (signal) => clients.prime.listPodHistory(options(signal)),
    availability: (signal, server) =>
      clients.prime.listOffers(server.kind === 'availability' ? server.query : {}, options(signal)),
  };
}

/** The list, and beside it (one request of one item) the size of the list without the server's narrowing. */
async function withWholeTotal<Row>(
  list: Promise<ListResult<Row>>,
  count: (() => Promise<number>) | null,
): Promise<ListResult<Row>> {
  if (!count) return list;
  const [result, wholeTotal] = await Promise.all([list, count()]);
  // The count is one more request per poll, which the rate-limit planner counts.
  return { ...result, wholeTotal, pages: (result.pages ?? 1) + 1 };
}

export function fetcherFor(fetchers: Fetchers, kind: ResourceKind): Fetcher<AnyRow> {
  return fetchers[kind] as Fetcher<AnyRow>;
}

export type WalletReader = (signal: AbortSignal) => Promise<Wallet>;

/** The wallet's balance, for the header (`GET /billing/wallet`). */
export function createWalletReader(clients: Clients): WalletReader {
  return (signal) => clients.prime.wallet({ signal });
}

export type WhoamiReader = (signal: AbortSignal) => Promise<Whoami>;

/** Who the key belongs to and what it may do (`GET /user/whoami`). */
export function createWhoamiReader(clients: Clients): WhoamiReader {
  return (signal) => clients.prime.whoami({ signal });
}

/** How one kind's declared actions reach the API. SSH and copying need no API call, so they have no entry. */
export interface KindOperations {
  /** One DELETE. */
  delete?: (id: string) => Promise<void>;
  /** Several in one request, when the API has it (sandboxes). */
  deleteMany?: BulkRemove;
  /** The log's lines as the API gives them now (the last N for a pod, all for a sandbox). */
  logs?: (id: string, signal: AbortSignal) => Promise<readonly string[]>;
  /** The whole resource, for a detail whose list row lacks what it shows (data/useWholeRow.ts). */
  detail?: (id: string, signal: AbortSignal) => Promise<AnyRow>;
}

/** The one registry an action touches beside its view. */
export type Operations = { readonly [K in ResourceKind]?: KindOperations };

/** Which operations an action needs; an action with none always runs. */
export const NEEDS: Partial<Record<ActionId, keyof KindOperations>> = { delete: 'delete', logs: 'logs' };

/** `readOnly`: no destructive operation exists at all, whatever a key or a bug asks for. */
export function createOperations(clients: Clients, { readOnly = false } = {}): Operations {
  const { prime } = clients;
  const destructive = (operations: KindOperations): KindOperations => (readOnly ? {} : operations);
  return {
    pods: {
      // The last POD_LOG_DEFAULT_TAIL lines each time: history at first, and a follow loses nothing unless more arrive between two polls.
      logs: (id, signal) => prime.podLogs(id, { signal }),
      detail: (id, signal) => prime.podDetail(id, { signal }),
      ...destructive({ delete: (id) => prime.deletePod(id) }),
    },
    sandboxes: {
      logs: (id, signal) => prime.sandboxLogs(id, { signal }),
      ...destructive({
        delete: (id) => prime.deleteSandbox(id),
        // The API's limits, as the official client keeps them (SANDBOX_BULK_DELETE_MAX; one bulk request a second is well inside 50 a minute).
        deleteMany: { max: SANDBOX_BULK_DELETE_MAX, minIntervalMs: 1_200, run: (ids) => prime.deleteSandboxes(ids) },
      }),
    },
    disks: destructive({ delete: (id) => prime.deleteDisk(id) }),
  };
}
