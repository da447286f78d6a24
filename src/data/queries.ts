/**
 * One react-query query per resource, all always polling: the visible
 * one at the chosen interval, hidden ones more slowly. Structural sharing
 * keeps unchanged rows (and an unchanged list) the same objects, so a poll
 * that brings no change re-renders nothing but the update time.
 *
 * Every successful poll is also shown to the transition tracker, here rather
 * than in a React effect, so the tracker is current before React sees the
 * list (a ghost and its re-added row can never both appear).
 */
import {
  environmentManager,
  notifyManager,
  QueryClient,
  useQueries,
  useQueryClient,
  type Query,
  type QueryObserverResult,
} from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/errors.js';
import type { ListResult } from '../api/lists/paginate.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import { viewFor, type AnyRow } from '../views/index.js';
import { serverQueryCovers, type ServerQuery } from '../filter/index.js';
import type { Tracker } from '../changes/useTracker.js';
import {
  DOCUMENTED_LIST_LIMITS,
  nextPollDelay,
  rateLimitedInterval,
  type FailureTracker,
  type PollPolicy,
} from './polling.js';
import { alignedDelay, PollRounds } from './poll-rounds.js';
import { fetcherFor, type Fetchers } from './sources.js';
import type { Transition } from '../changes/transition.js';

export function createQueryClient(): QueryClient {
  // TanStack Query takes "no `window`" to mean server-side rendering and then
  // never starts refetchInterval timers. A terminal app is a long-lived client.
  environmentManager.setIsServer(() => false);
  // Tell React about new data in the same task that received it, not a
  // setTimeout later: the transition tracker's (deferred) notification about
  // the same poll then finds the frame already drawn, and a poll with changes
  // costs one render and one frame, not two (see useTrackerVersion).
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The HTTP layer already retries transient failures; polling backs off after that.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        refetchIntervalInBackground: true,
        staleTime: 0,
        gcTime: 60_000,
      },
    },
  });
}

/** `refused`: the API said no (credentials, permission, payment); trying again alone will not help. */
export type PollingState = 'loading' | 'live' | 'paused' | 'retrying' | 'refused';

export interface ResourceState {
  kind: ResourceKind;
  data: ListResult<AnyRow> | undefined;
  /** The last poll's failure; the last good data stays in `data`. */
  error: ApiError | null;
  /**
   * When the data on screen was fetched (0 before the first success). A
   * hidden tab's may lag: its polls re-render only when its data changed.
   */
  updatedAt: number;
  /**
   * Not filled in by useResourceQueries: nothing shows it, and following it
   * would re-render the whole shell twice per poll (start and end).
   */
  fetching?: boolean;
  polling: PollingState;
  consecutiveFailures: number;
}

export interface ServerQueryState {
  query: ServerQuery;
  /** The list without the filter's narrowing, when `query` narrows it: its size is counted too. */
  whole: ServerQuery | null;
  /** Equal exactly when `query` and `whole` are: part of the react-query key. */
  key: string;
}

/** `account`: the account's key (accounts.ts), so that another team's or context's lists are other queries. */
export const queryKeyFor = (kind: ResourceKind, serverKey = '', account = '') =>
  ['resources', kind, account, serverKey] as const;

/** What a poll's list is, beside its rows. */
export interface PolledList {
  /** The first poll of another list (another server query or account): nothing should compare it with the last. */
  fresh: boolean;
  /** Known to be incomplete (cut at the item cap): a row missing from it may still be there. */
  partial: boolean;
}

export interface ResourceQueriesOptions {
  fetchers: Fetchers;
  /** The account's key: part of each query key, so a switch loads afresh. */
  account?: string;
  policy: PollPolicy;
  visibleKind: ResourceKind;
  paused: boolean;
  failures: FailureTracker<ResourceKind>;
  tracker: Tracker;
  server: Record<ResourceKind, ServerQueryState>;
  /** Called with each poll's new transitions (e.g. to notify about failures). */
  onTransitions?: ((transitions: readonly Transition[]) => void) | undefined;
  /**
   * Shown each successful poll's rows, like the tracker, before React sees
   * them (burn rate, trends, watches).
   */
  onPoll?: ((kind: ResourceKind, rows: readonly AnyRow[], at: number, list: PolledList) => void) | undefined;
}

const VISIBLE_PROPS: Array<keyof QueryObserverResult> = ['data', 'error', 'dataUpdatedAt'];
const HIDDEN_PROPS: Array<keyof QueryObserverResult> = ['data', 'error'];

export function useResourceQueries(options: ResourceQueriesOptions): Record<ResourceKind, ResourceState> {
  const {
    fetchers,
    account = '',
    policy,
    visibleKind,
    paused,
    failures,
    tracker,
    server,
    onTransitions,
    onPoll,
  } = options;
  // The server query each kind's tracker baseline was taken under: a new one
  // (a changed filter) is a new list, not a story of adds and removes.
  const observedKeys = useRef(new Map<ResourceKind, string>());
  const [rounds] = useState(() => new PollRounds());

  // One state per kind, rebuilt only when a result react-query reports
  // changed (its data, error or update time: notifyOnChangeProps); a kind
  // whose state is as it was keeps its object, and when none changed the
  // whole record is the last one.
  const lastStates = useRef<Record<ResourceKind, ResourceState> | null>(null);
  const combine = useCallback(
    (results: QueryObserverResult[]): Record<ResourceKind, ResourceState> => {
      const previous = lastStates.current;
      const states = new ResourceStates() as Record<ResourceKind, ResourceState>;
      let unchanged = previous !== null;
      RESOURCE_KINDS.forEach((kind, index) => {
        const state = stateOf(kind, results[index]!, paused, failures);
        const before = previous?.[kind];
        if (before && sameState(before, state)) states[kind] = before;
        else {
          states[kind] = state;
          unchanged = false;
        }
      });
      if (unchanged && previous) return previous;
      lastStates.current = states;
      return states;
    },
    [paused, failures],
  );

  const results = useQueries({
    combine,
    queries: RESOURCE_KINDS.map((kind) => ({
      queryKey: queryKeyFor(kind, server[kind].key, account),
      meta: { server: server[kind].query, account },
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const roundEnded = rounds.join();
        try {
          let data: ListResult<AnyRow>;
          try {
            data = await fetcherFor(fetchers, kind)(signal, server[kind].query, server[kind].whole);
          } finally {
            await roundEnded();
          }
          failures.recordSuccess(kind);
          // Another server query or another account is a new list: a baseline, not a story of adds and removes.
          const observedAs = `${account}\u0000${server[kind].key}`;
          const fresh = observedKeys.current.get(kind) !== observedAs;
          if (fresh) {
            tracker.reset(kind);
            observedKeys.current.set(kind, observedAs);
          }
          const view = viewFor(kind);
          const at = Date.now();
          if (view.hasStatus) {
            const transitions = tracker.observe(
              kind,
              {
                rows: data.items,
                partial: data.truncated,
                getId: view.getId,
                getName: view.getName,
                getStatus: view.getStatus,
                tracked: view.tracked,
              },
              at,
            );
            if (transitions.length > 0) onTransitions?.(transitions);
          }
          onPoll?.(kind, data.items, at, { fresh, partial: data.truncated });
          return data;
        } catch (error) {
          failures.recordFailure(kind, error instanceof ApiError ? error.retryAfterMs : undefined);
          throw error;
        }
      },
      // A hidden tab's poll that changed nothing must not re-render (and
      // re-compose a frame that comes out the same): only its data and error
      // matter to the screen. The visible tab's update time is in the header.
      notifyOnChangeProps: kind === visibleKind ? VISIBLE_PROPS : HIDDEN_PROPS,
      structuralSharing: (previous: unknown, next: unknown) =>
        shareRows(previous as ListResult<AnyRow> | undefined, next as ListResult<AnyRow>, viewFor(kind).getId),
      // While a new server query loads, the previous rows (filtered client-side)
      // are exactly right only if the old query fetched a superset.
      placeholderData: (previous: ListResult<AnyRow> | undefined, previousQuery: Query | undefined) => {
        const before = previousQuery?.meta?.server as ServerQuery | undefined;
        // Never another account's rows, not even for a moment.
        if (previousQuery?.meta?.account !== account) return undefined;
        return previous && before && serverQueryCovers(before, server[kind].query) ? previous : undefined;
      },
      refetchInterval: (query: Query) => {
        // The last list's size says how many requests the next poll will take.
        const last = query.state.data as ListResult<AnyRow> | undefined;
        const items = last ? last.items.length + last.skipped : 0;
        const delay = nextPollDelay(
          {
            visible: kind === visibleKind,
            paused,
            consecutiveFailures: failures.consecutiveFailures(kind),
            retryAfterMs: failures.retryAfterMs(kind),
            minIntervalMs: rateLimitedInterval((policy.listLimits ?? DOCUMENTED_LIST_LIMITS)[kind], items, last?.pages),
            slowFactor: viewFor(kind).slowPoll,
            pace: viewFor(kind).pace,
          },
          policy,
          failures.jitter(kind),
        );
        // Backing off keeps its jitter; a healthy list polls on the shared clock, with the others (poll-rounds.ts).
        return delay !== false && failures.consecutiveFailures(kind) === 0
          ? alignedDelay(delay, Date.now(), query.state.dataUpdatedAt, query.state.fetchStatus === 'fetching')
          : delay;
      },
    })),
  });

  return results;
}

/**
 * The record of every kind's state, as a class so that react-query passes it
 * over: it compares a combined result with the last one deep
 * (replaceEqualDeep) unless it is not plain JSON-like data, and this one
 * holds every row of every list. Deep, that compare walked all of them
 * whenever one query's result changed: 400 ms of CPU a minute, an eighth of
 * the idle dashboard's (1,000 of each kind, cpu-idle). combine keeps what did
 * not change instead, kind by kind (sameState).
 */
class ResourceStates {
  [kind: string]: ResourceState;
}

function stateOf(
  kind: ResourceKind,
  result: QueryObserverResult,
  paused: boolean,
  failures: FailureTracker<ResourceKind>,
): ResourceState {
  const error = result.error ? toApiErrorValue(result.error, kind) : null;
  return {
    kind,
    data: result.data as ListResult<AnyRow> | undefined,
    error,
    updatedAt: result.dataUpdatedAt,
    polling: paused ? 'paused' : error ? (error.isRefusal ? 'refused' : 'retrying') : result.data ? 'live' : 'loading',
    consecutiveFailures: failures.consecutiveFailures(kind),
  };
}

/** Rows are compared by identity: shareRows keeps an unchanged list the same object. */
function sameState(a: ResourceState, b: ResourceState): boolean {
  return (
    a.data === b.data &&
    a.error === b.error &&
    a.updatedAt === b.updatedAt &&
    a.polling === b.polling &&
    a.consecutiveFailures === b.consecutiveFailures
  );
}

/**
 * react-query's structural sharing, specialised for a list of rows: a row
 * equal to the one with the same id last time is that same object (so the
 * table skips it), and an unchanged list is the same list (so nothing
 * renders). The generic replaceEqualDeep copies every object while comparing
 * (about 30 ms and as much garbage for 5,000 pods, 150 ms for 20,000); this
 * compares without allocating, a few times faster.
 */
export function shareRows(
  previous: ListResult<AnyRow> | undefined,
  next: ListResult<AnyRow>,
  getId: (row: AnyRow) => string,
): ListResult<AnyRow> {
  if (!previous || !next || !Array.isArray(previous.items) || !Array.isArray(next.items)) return next;
  const before = previous.items;
  let byId: Map<string, AnyRow> | undefined;
  let allSame = before.length === next.items.length;
  const items = next.items.map((row, index) => {
    const id = getId(row);
    let old: AnyRow | undefined = before[index];
    if (old === undefined || getId(old) !== id) {
      byId ??= new Map(before.map((r) => [getId(r), r]));
      old = byId.get(id);
      allSame = false;
    }
    if (old !== undefined && deepEqual(old, row)) return old;
    allSame = false;
    return row;
  });
  if (
    allSame &&
    previous.total === next.total &&
    previous.truncated === next.truncated &&
    previous.skipped === next.skipped &&
    previous.pages === next.pages &&
    previous.wholeTotal === next.wholeTotal
  )
    return previous;
  return { ...next, items };
}

/** Equality of JSON-like values (what the schemas produce), without allocating. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    count++;
    if (!Object.hasOwn(right, key) || !deepEqual(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--;
  return count === 0;
}

/** A Date, Map or class instance is never "equal" here unless identical: only plain data is compared. */
function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Anything thrown by a fetcher becomes an ApiError value for display. */
function toApiErrorValue(error: unknown, kind: ResourceKind): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    kind: 'bad-response',
    api: viewFor(kind).api,
    message: `Unexpected error while loading ${kind}`,
  });
}

export function useRefresh(): (kind: ResourceKind) => void {
  const client = useQueryClient();
  return useCallback((kind) => void client.refetchQueries({ queryKey: ['resources', kind] }), [client]);
}
