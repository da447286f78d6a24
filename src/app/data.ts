/**
 * One react-query query per resource, all four always polling: the visible
 * one at the chosen interval, hidden ones more slowly. Structural sharing
 * keeps unchanged rows (and an unchanged list) the same objects, so a poll
 * that brings no change re-renders nothing but the update time.
 */
import { environmentManager, QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiError } from '../api/errors.js';
import type { ListResult } from '../api/paginate.js';
import { RESOURCE_KINDS, type ResourceKind } from '../views/resource.js';
import type { AnyRow } from '../views/index.js';
import { nextPollDelay, type FailureTracker, type PollPolicy } from './polling.js';
import { fetcherFor, type Fetchers } from './sources.js';

export function createQueryClient(): QueryClient {
  // TanStack Query takes "no `window`" to mean server-side rendering and then
  // never starts refetchInterval timers. A terminal app is a long-lived client.
  environmentManager.setIsServer(() => false);
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The HTTP layer already retries transient failures; polling backs off after that.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        refetchIntervalInBackground: true,
        staleTime: 0,
        gcTime: Infinity,
      },
    },
  });
}

export type PollingState = 'loading' | 'live' | 'paused' | 'retrying';

export interface ResourceState {
  kind: ResourceKind;
  data: ListResult<AnyRow> | undefined;
  /** The last poll's failure; the last good data stays in `data`. */
  error: ApiError | null;
  /** When the data on screen was fetched (0 before the first success). */
  updatedAt: number;
  fetching: boolean;
  polling: PollingState;
  consecutiveFailures: number;
}

export const queryKeyFor = (kind: ResourceKind) => ['resources', kind] as const;

export interface ResourceQueriesOptions {
  fetchers: Fetchers;
  policy: PollPolicy;
  visibleKind: ResourceKind;
  paused: boolean;
  tracker: FailureTracker<ResourceKind>;
}

export function useResourceQueries(options: ResourceQueriesOptions): Record<ResourceKind, ResourceState> {
  const { fetchers, policy, visibleKind, paused, tracker } = options;
  const results = useQueries({
    queries: RESOURCE_KINDS.map((kind) => ({
      queryKey: queryKeyFor(kind),
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          const data = await fetcherFor(fetchers, kind)(signal);
          tracker.recordSuccess(kind);
          return data;
        } catch (error) {
          tracker.recordFailure(kind, error instanceof ApiError ? error.retryAfterMs : undefined);
          throw error;
        }
      },
      refetchInterval: () =>
        nextPollDelay(
          {
            visible: kind === visibleKind,
            paused,
            consecutiveFailures: tracker.consecutiveFailures(kind),
            retryAfterMs: tracker.retryAfterMs(kind),
          },
          policy,
        ),
    })),
  });

  return useMemo(() => {
    const states = {} as Record<ResourceKind, ResourceState>;
    RESOURCE_KINDS.forEach((kind, index) => {
      const result = results[index]!;
      const failures = tracker.consecutiveFailures(kind);
      const error = result.error ? toApiErrorValue(result.error, kind) : null;
      states[kind] = {
        kind,
        data: result.data as ListResult<AnyRow> | undefined,
        error,
        updatedAt: result.dataUpdatedAt,
        fetching: result.isFetching,
        polling: paused ? 'paused' : error ? 'retrying' : result.data ? 'live' : 'loading',
        consecutiveFailures: failures,
      };
    });
    return states;
    // `results` is a new array on every render; its members' fields are what matter.
  }, [paused, tracker, ...results.flatMap((r) => [r.data, r.error, r.dataUpdatedAt, r.isFetching])]);
}

/** Anything thrown by a fetcher becomes an ApiError value for display. */
function toApiErrorValue(error: unknown, kind: ResourceKind): ApiError {
  if (error instanceof ApiError) return error;
  const api = kind === 'nodes' ? 'Dispersed' : 'Prime Intellect';
  return new ApiError({ kind: 'bad-response', api, message: `Unexpected error while loading ${kind}` });
}

export function useRefresh(): (kind: ResourceKind) => void {
  const client = useQueryClient();
  return useCallback((kind) => void client.refetchQueries({ queryKey: queryKeyFor(kind) }), [client]);
}
