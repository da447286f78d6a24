/**
 * The whole resource for the detail pane, when its list row lacks what the
 * view's summary shows (views/resource.ts `detailLacks`: a running pod's
 * ports, which the docs send readers to the status endpoint for). Asked once
 * when the pane opens on it, through the kind's `detail` operation
 * (sources.ts: for a pod, `GET /pods/{id}` and `/pods/status`, as `prime pods
 * status` asks); the list row stays the fresher source for everything it has.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { oneLine } from '../api/errors.js';
import { viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import type { Operations } from './sources.js';

export interface WholeRow {
  /** The row with what it lacked filled in from the whole resource, once that has arrived. */
  row: AnyRow | null;
  /** One line about the fetch, for the pane: on its way, or why it failed; null when there is nothing to say. */
  notice: string | null;
}

export interface DetailTarget {
  kind: ResourceKind;
  id: string;
  /** The list's row (the last seen copy once it has gone). */
  row: AnyRow;
}

const NOTHING: WholeRow = { row: null, notice: null };

export function useWholeRow(target: DetailTarget | null, operations: Operations, account: string): WholeRow {
  const view = target ? viewFor(target.kind) : null;
  const fetch = target ? operations[target.kind]?.detail : undefined;
  const lacks = Boolean(target && view?.detailLacks?.(target.row));
  const query = useQuery({
    queryKey: ['detail', account, target?.kind, target?.id],
    queryFn: ({ signal }) => fetch!(target!.id, signal),
    enabled: lacks && fetch !== undefined,
    // Once per opening: the list's polls keep the rest fresh.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const fetched = query.data;
  const listed = target?.row;
  const row = useMemo(() => (listed && fetched ? fillLacking(listed, fetched) : null), [listed, fetched]);
  if (!target || !view || !lacks || !fetch) return NOTHING;
  if (query.error)
    return { row, notice: `The whole ${view.singular} could not be fetched: ${oneLine(query.error.message)}` };
  if (!fetched) return { row: null, notice: `Fetching the whole ${view.singular} from the API…` };
  return { row, notice: null };
}

/** Blank as a list row leaves a field it does not carry. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The list row, with each field it left blank taken from the whole resource. */
export function fillLacking(row: AnyRow, whole: AnyRow): AnyRow {
  const filled: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(whole)) if (isBlank(filled[key]) && !isBlank(value)) filled[key] = value;
  return filled as AnyRow;
}
