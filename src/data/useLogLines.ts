/**
 * The open log pane's data: one react-query query that fetches the log at
 * the poll interval while the pane follows, and a LogBuffer that keeps what
 * those fetches add, bounded. Closing the pane drops both (gcTime 0); opening
 * it again starts from a fresh fetch.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { oneLine } from '../api/errors.js';
import type { Operations } from './sources.js';
import type { ResourceKind } from '../views/resource.js';
import { LogBuffer } from './log-buffer.js';

export interface LogLines {
  /** The lines so far; null while no pane is open. */
  buffer: LogBuffer | null;
  /** Why the last fetch failed, in one line; the lines already read stay. */
  error: string | null;
  /** No fetch has answered yet. */
  loading: boolean;
}

/** The log the pane shows, and whether it follows new lines; null while no pane is open. */
export interface OpenLog {
  kind: ResourceKind;
  id: string;
  follow: boolean;
}

export function useLogLines(open: OpenLog | null, operations: Operations, intervalMs: number): LogLines {
  const kind = open?.kind;
  const id = open?.id;
  const read = kind ? operations[kind]?.logs : undefined;
  // One buffer per resource the pane is open on.
  const buffer = useMemo(() => (kind && id ? new LogBuffer() : null), [kind, id]);
  const query = useQuery({
    queryKey: ['logs', kind, id],
    queryFn: async ({ signal }) => {
      const lines = await read!(id!, signal);
      buffer!.take(lines);
      // A new value whenever lines were added, so the pane draws them.
      return buffer!.version;
    },
    enabled: Boolean(read && buffer),
    refetchInterval: open?.follow ? intervalMs : false,
    gcTime: 0,
    staleTime: 0,
    // The next poll is the retry; a failure shows at once, over the lines already read.
    retry: false,
  });
  const error = query.error ? oneLine(query.error.message) : null;
  return { buffer, error, loading: query.dataUpdatedAt === 0 && query.isFetching };
}
