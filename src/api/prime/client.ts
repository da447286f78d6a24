/**
 * Prime Intellect API client: pods (list, get, batch status, log, delete),
 * disks (list, delete) and sandboxes (list, log, delete one, delete in bulk).
 * Lists return every item (see paginate.ts) and never throw on a single bad
 * item; they report it in `skipped`.
 */
import { z } from 'zod';
import { mapWithConcurrency } from '../../util/pool.js';
import { ApiError } from '../errors.js';
import { parseItems } from '../lenient.js';
import {
  bearerToken,
  createHttpClient,
  httpTuning,
  type HttpClient,
  type HttpTuning,
  type Query,
  type RequestOptions,
} from '../http/client.js';
import type { ListPageSpec } from '../lists/list-page.js';
import { PageReader } from '../lists/page-reader.js';
import { DEFAULT_PAGE_CONCURRENCY, readAllPages, type ListResult } from '../lists/paginate.js';
import { isSettled, mergePodStatus, PodStatusMerger } from './pod-status.js';
import { listOffers, type OfferFilters } from './availability.js';
import { readWallet, whoamiSchema, type Wallet, type Whoami } from './account.js';
import type { Offer } from './offers.js';
import {
  diskSchema,
  offsetPageSchema,
  podHistorySchema,
  teamSchema,
  podSchema,
  podStatusResponseSchema,
  podStatusSchema,
  logLinesSchema,
  readBulkDelete,
  sandboxPageSchema,
  sandboxSchema,
  type Disk,
  type Pod,
  type PodHistory,
  type PodStatus,
  type Team,
  type BulkDeleteAnswer,
  type Sandbox,
} from './schemas.js';

export type { BulkDeleteAnswer } from './schemas.js';
export type { OfferFilters } from './availability.js';

export const PRIME_DEFAULT_BASE_URL = 'https://api.primeintellect.ai';
export const PRIME_KEY_HINT = 'Set PRIME_API_KEY or run `prime login` (see README: Configuration).';

/** Documented default; the docs state no maximum, so we ask for no more. */
const OFFSET_PAGE_SIZE = 100;
/**
 * The documented maximum of `per_page`: ten times fewer requests than the
 * official CLI's 100 against the documented rate limit. The SDK sets no
 * maximum and the server's is not published, so a server that refuses it
 * (422) gets SANDBOX_FALLBACK_PAGE_SIZE from then on.
 */
const SANDBOX_PAGE_SIZE = 1000;
/** What the official CLI asks for (`prime sandbox list` pages by 100). */
export const SANDBOX_FALLBACK_PAGE_SIZE = 100;
/**
 * Ids per bulk `DELETE /sandbox`. The official CLI sends batches of 100
 * (`_bulk_delete_and_display` in prime_cli/commands/sandbox.py: `batch_size =
 * 100`), although its own docstring says "up to 500 per request", as does
 * the documented schema today (an older version of the docs said 100). What
 * the official client really sends is what the live service is known to
 * accept, so we follow its code, not its docstring. Callers batch;
 * deleteSandboxes refuses more.
 */
export const SANDBOX_BULK_DELETE_MAX = 100;
/** Pod log lines asked for when the caller names no `tail` (the API's own default is 100). */
export const POD_LOG_DEFAULT_TAIL = 1000;
/** Ids per status request: keeps the URL well under common 8 KB limits. */
const STATUS_BATCH_SIZE = 50;

const byId = (item: { id: string }): string => item.id;
const POD_PAGE: ListPageSpec<typeof offsetPageSchema, typeof podSchema> = {
  envelope: offsetPageSchema,
  itemsKey: 'data',
  item: podSchema,
  getId: byId,
};
const HISTORY_PAGE: ListPageSpec<typeof offsetPageSchema, typeof podHistorySchema> = {
  envelope: offsetPageSchema,
  itemsKey: 'data',
  item: podHistorySchema,
  getId: byId,
};
const TEAM_PAGE: ListPageSpec<typeof offsetPageSchema, typeof teamSchema> = {
  envelope: offsetPageSchema,
  itemsKey: 'data',
  item: teamSchema,
  getId: byId,
};
const DISK_PAGE: ListPageSpec<typeof offsetPageSchema, typeof diskSchema> = {
  envelope: offsetPageSchema,
  itemsKey: 'data',
  item: diskSchema,
  getId: byId,
};
const SANDBOX_PAGE: ListPageSpec<typeof sandboxPageSchema, typeof sandboxSchema> = {
  envelope: sandboxPageSchema,
  itemsKey: 'sandboxes',
  item: sandboxSchema,
  getId: byId,
};
const POD_STATUS_PAGE: ListPageSpec<typeof podStatusResponseSchema, typeof podStatusSchema> = {
  envelope: podStatusResponseSchema,
  itemsKey: 'data',
  item: podStatusSchema,
  getId: (status) => status.podId,
};

export interface PrimeClientConfig extends HttpTuning {
  baseUrl?: string;
  apiKey?: string | undefined;
  teamId?: string | undefined;
  /** Most items any list returns; beyond it the list is reported truncated. */
  cap?: number;
}

export interface ListOptions extends RequestOptions {
  cap?: number;
}

/** The documented sandbox filters; every one given is sent to the server. */
export interface SandboxFilters {
  teamId?: string | undefined;
  userId?: string | undefined;
  status?: string | undefined;
  isActive?: boolean | undefined;
  /** Sandboxes must carry ALL of these. */
  labels?: readonly string[] | undefined;
}

export interface PrimeClient {
  readonly http: HttpClient;
  listPods(options?: ListOptions): Promise<ListResult<Pod>>;
  /**
   * The pod list enriched with the batch status endpoint (ssh, installation
   * progress and failure) for every pod that is not settled (see isSettled).
   */
  listPodsWithStatus(options?: ListOptions): Promise<ListResult<Pod>>;
  getPod(podId: string, options?: RequestOptions): Promise<Pod>;
  /**
   * One pod as `prime pods status` reads it: `GET /pods/{id}` with the
   * status endpoint's fresher fields (IP, SSH, ports, installation) merged in.
   */
  podDetail(podId: string, options?: RequestOptions): Promise<Pod>;
  podsStatus(podIds: readonly string[], options?: RequestOptions): Promise<PodStatus[]>;
  deletePod(podId: string, options?: RequestOptions): Promise<void>;
  /**
   * The pod log's last `tail` lines (default POD_LOG_DEFAULT_TAIL), oldest
   * first, one line each and otherwise as the API sent them: not sanitized
   * (`GET /pods/{id}/log?tail=N`; see logLinesSchema for the shapes read).
   */
  podLogs(podId: string, options?: PodLogOptions): Promise<string[]>;
  /** Pods that have ended, with what each cost (`GET /pods/history`, as `prime pods history` reads it). */
  listPodHistory(options?: ListOptions): Promise<ListResult<PodHistory>>;
  /**
   * The wallet of the team in use (or the personal one), with its newest
   * billing rows back past the last hour (account.ts readWallet).
   */
  wallet(options?: RequestOptions): Promise<Wallet>;
  /** Who the key belongs to and what it may do (`GET /user/whoami`, as `prime whoami` reads it). */
  whoami(options?: RequestOptions): Promise<Whoami>;
  /** The teams the key's user belongs to (`GET /user/teams`, every page, as `prime teams list` reads them). */
  listTeams(options?: ListOptions): Promise<ListResult<Team>>;
  listDisks(options?: ListOptions): Promise<ListResult<Disk>>;
  /**
   * `DELETE /disks/{id}` (`prime disks terminate`). Its answer, `{status}`,
   * is informational and not returned. A disk still attached to a pod is
   * refused by the API (an ApiError, 409 in the simulator).
   */
  deleteDisk(diskId: string, options?: RequestOptions): Promise<void>;
  listSandboxes(filters?: SandboxFilters, options?: ListOptions): Promise<ListResult<Sandbox>>;
  /** How many sandboxes the list with these filters holds, from its first page of one. */
  countSandboxes(filters?: SandboxFilters, options?: RequestOptions): Promise<number>;
  /**
   * The sandbox log as the API keeps it, oldest first, one line each, not
   * sanitized (`GET /sandbox/{id}/logs` → `{logs: str}`; it has no tail).
   */
  sandboxLogs(sandboxId: string, options?: RequestOptions): Promise<string[]>;
  /** `DELETE /sandbox/{id}`; the answer is not needed. */
  deleteSandbox(sandboxId: string, options?: RequestOptions): Promise<void>;
  /**
   * One bulk `DELETE /sandbox` with body `{sandbox_ids, all_users: false}`,
   * as the official CLI sends it; a RangeError for more than
   * SANDBOX_BULK_DELETE_MAX distinct ids (the caller batches). Every id
   * asked about comes back once, in the order given: in `succeeded`, or in
   * `failed` with the API's error, or with 'no answer for it' when the
   * answer names it in neither list.
   */
  deleteSandboxes(sandboxIds: readonly string[], options?: RequestOptions): Promise<BulkDeleteAnswer>;
  /**
   * The GPU offers to rent, single machines and clusters, as `prime
   * availability list` reads them (availability.ts); the filters go to both
   * endpoints.
   */
  listOffers(filters?: OfferFilters, options?: ListOptions): Promise<ListResult<Offer>>;
}

export interface PodLogOptions extends RequestOptions {
  /** How many of the newest lines; a positive integer, default POD_LOG_DEFAULT_TAIL. */
  tail?: number | undefined;
}

/** A list's first page read for its total only. */
const LIST_TOTAL = z.object({ total: z.number().int().nonnegative() });

export function createPrimeClient(config: PrimeClientConfig): PrimeClient {
  const http = createHttpClient({
    ...httpTuning(config),
    api: 'Prime Intellect',
    baseUrl: config.baseUrl ?? PRIME_DEFAULT_BASE_URL,
    credentials: config.apiKey ? bearerToken(config.apiKey) : undefined,
    keyHint: PRIME_KEY_HINT,
  });
  const pages = new PageReader(http);

  const listByOffset = <T extends { id: string }>(
    path: string,
    spec: ListPageSpec<typeof offsetPageSchema, z.ZodType<T>>,
    options: ListOptions,
  ) =>
    readAllPages(pages, {
      path,
      spec,
      queryFor: (index, size) => ({ offset: index * size, limit: size }),
      sizes: (envelope) => ({ total: envelope.total_count, pageSize: envelope.limit }),
      pageSize: OFFSET_PAGE_SIZE,
      cap: options.cap ?? config.cap,
      options,
    });

  const podsStatus = async (podIds: readonly string[], options: RequestOptions = {}): Promise<PodStatus[]> => {
    const batches: string[][] = [];
    for (let i = 0; i < podIds.length; i += STATUS_BATCH_SIZE) batches.push(podIds.slice(i, i + STATUS_BATCH_SIZE));
    const results = await mapWithConcurrency(batches, DEFAULT_PAGE_CONCURRENCY, async (batch, index) => {
      const page = await pages.read('/api/v1/pods/status', { pod_ids: batch }, POD_STATUS_PAGE, {
        signal: options.signal,
        rememberAs: `pods/status#${index}`,
      });
      return page.items;
    });
    return results.flat();
  };

  const merger = new PodStatusMerger();
  // Paths as the official client writes them, without a trailing slash: a
  // server that redirects `/pods/` to `/pods` would cost a round trip a poll.
  const listPods = (options: ListOptions = {}) => listByOffset('/api/v1/pods', POD_PAGE, options);

  let sandboxPageSize = SANDBOX_PAGE_SIZE;
  const sandboxQuery = (filters: SandboxFilters): Query => ({
    team_id: filters.teamId ?? config.teamId,
    user_id: filters.userId,
    status: filters.status,
    is_active: filters.isActive,
    labels: filters.labels && filters.labels.length > 0 ? filters.labels : undefined,
  });
  const listSandboxPages = (query: Query, pageSize: number, options: ListOptions) =>
    readAllPages(pages, {
      path: '/api/v1/sandbox',
      spec: SANDBOX_PAGE,
      queryFor: (index, size) => ({ ...query, page: index + 1, per_page: size }),
      sizes: (envelope) => ({ total: envelope.total, pageSize: envelope.per_page }),
      pageSize,
      cap: options.cap ?? config.cap,
      options,
    });

  return {
    http,
    listPods,
    async listPodsWithStatus(options = {}) {
      const list = await listPods(options);
      const unsettled = list.items.filter((pod) => !isSettled(pod)).map((pod) => pod.id);
      if (unsettled.length === 0) return list;
      const statuses = await podsStatus(unsettled, options);
      return { ...list, items: merger.merge(list.items, statuses) };
    },
    async getPod(podId, options = {}) {
      return http.getJson(`/api/v1/pods/${encodeURIComponent(podId)}`, {}, podSchema, options);
    },
    async podDetail(podId, options = {}) {
      // Not through the list's page reader: one pod's answer must not displace what it remembers of the list's.
      const [pod, statuses] = await Promise.all([
        http.getJson(`/api/v1/pods/${encodeURIComponent(podId)}`, {}, podSchema, options),
        http.getJson('/api/v1/pods/status', { pod_ids: [podId] }, podStatusResponseSchema, options),
      ]);
      const live = parseItems(podStatusSchema, statuses.data).items.find((status) => status.podId === podId);
      return live ? mergePodStatus(pod, live) : pod;
    },
    podsStatus,
    async deletePod(podId, options = {}) {
      await http.delete(`/api/v1/pods/${encodeURIComponent(podId)}`, options);
    },
    async podLogs(podId, { tail = POD_LOG_DEFAULT_TAIL, signal } = {}) {
      if (!Number.isSafeInteger(tail) || tail < 1) throw new RangeError(`tail must be a positive integer, not ${tail}`);
      const lines = await http.getJson(`/api/v1/pods/${encodeURIComponent(podId)}/log`, { tail }, logLinesSchema, {
        signal,
      });
      // A server that ignores `tail` must not flood the caller.
      return lines.length > tail ? lines.slice(-tail) : lines;
    },
    listPodHistory: (options = {}) => listByOffset('/api/v1/pods/history', HISTORY_PAGE, options),
    wallet: (options = {}) => readWallet(http, config.teamId, options),
    async whoami(options = {}) {
      return http.getJson('/api/v1/user/whoami', {}, whoamiSchema, options);
    },
    listTeams: (options = {}) => listByOffset('/api/v1/user/teams', TEAM_PAGE, options),
    listDisks: (options = {}) => listByOffset('/api/v1/disks', DISK_PAGE, options),
    async deleteDisk(diskId, options = {}) {
      await http.delete(`/api/v1/disks/${encodeURIComponent(diskId)}`, options);
    },
    async sandboxLogs(sandboxId, { signal } = {}) {
      return http.getJson(`/api/v1/sandbox/${encodeURIComponent(sandboxId)}/logs`, {}, logLinesSchema, { signal });
    },
    async deleteSandbox(sandboxId, options = {}) {
      await http.delete(`/api/v1/sandbox/${encodeURIComponent(sandboxId)}`, options);
    },
    async deleteSandboxes(sandboxIds, { signal } = {}) {
      // The CLI drops repeated ids too; a server need not answer one twice.
      const ids = [...new Set(sandboxIds)];
      if (ids.length > SANDBOX_BULK_DELETE_MAX)
        throw new RangeError(`at most ${SANDBOX_BULK_DELETE_MAX} sandboxes per bulk delete, got ${ids.length}`);
      if (ids.length === 0) return { succeeded: [], failed: [] };
      // As `prime sandbox delete ID ID…` sends it: `bulk_delete(sandbox_ids=batch)`
      // dumped with exclude_none, so the ids and `all_users` (always sent), and no team.
      const answer = readBulkDelete(
        await http.delete('/api/v1/sandbox', { signal, json: { sandbox_ids: ids, all_users: false } }),
      );
      return outcomeOf(ids, answer);
    },
    async countSandboxes(filters = {}, options = {}) {
      const page = { ...sandboxQuery(filters), page: 1, per_page: 1 };
      return (await http.getJson('/api/v1/sandbox', page, LIST_TOTAL, options)).total;
    },
    listOffers: (filters = {}, options = {}) =>
      listOffers(pages, filters, { signal: options.signal, cap: options.cap ?? config.cap }),
    async listSandboxes(filters = {}, options = {}) {
      const query = sandboxQuery(filters);
      try {
        return await listSandboxPages(query, sandboxPageSize, options);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 422 && sandboxPageSize > SANDBOX_FALLBACK_PAGE_SIZE))
          throw error;
        const list = await listSandboxPages(query, SANDBOX_FALLBACK_PAGE_SIZE, options);
        sandboxPageSize = SANDBOX_FALLBACK_PAGE_SIZE;
        return list;
      }
    },
  };
}

/**
 * Each id asked about, once, in the order asked: an id the answer lists as
 * succeeded is deleted, one it lists as failed keeps its error, one it does
 * not name at all failed too (its fate is unknown; the next poll shows it).
 * Ids the answer names that were not asked about are left out.
 */
function outcomeOf(ids: readonly string[], answer: BulkDeleteAnswer): BulkDeleteAnswer {
  const ok = new Set(answer.succeeded);
  const errors = new Map<string, string>();
  for (const { id, error } of answer.failed) if (!errors.has(id)) errors.set(id, error);
  const outcome: BulkDeleteAnswer = { succeeded: [], failed: [] };
  for (const id of ids) {
    if (ok.has(id)) outcome.succeeded.push(id);
    else outcome.failed.push({ id, error: errors.get(id) ?? 'no answer for it' });
  }
  return outcome;
}
