/**
 * What the detail pane lists for a resource: the view's summary first (what
 * the official client's own detail command shows: `prime pods status`,
 * `prime sandbox get`), with what the dashboard knows beside it (what the
 * wallet's billings say it cost), then every field as the API sent it,
 * secrets masked. The keys scroll by the same lines the pane draws.
 */
import { detailEntries, maskUrlCredentials, type DetailEntry } from '../views/detail.js';
import { viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../views/index.js';
import { sanitize } from '../util/text.js';
import type { ResourceState } from '../data/queries.js';
import type { Operations } from '../data/sources.js';
import { useWholeRow } from '../data/useWholeRow.js';
import type { TabModel } from '../model/tab-model.js';
import type { UiState } from '../model/ui-state.js';
import type { OpenDetail } from './screen.js';

export interface DetailParts {
  /** The age clock. */
  now: number;
  /** Lines the dashboard adds to the summary (billed so far). */
  extra?: readonly DetailEntry[];
}

/** Between the summary and the raw fields. */
const EVERY_FIELD: readonly DetailEntry[] = [
  { key: '', value: '' },
  { key: 'Every field', value: 'as the API sent it, secrets masked' },
];

export function detailOf(view: ResourceView<AnyRow>, row: AnyRow, { now, extra = [] }: DetailParts): DetailEntry[] {
  let summary: readonly DetailEntry[];
  try {
    summary = view.summary?.(row, { now }) ?? [];
  } catch {
    // A summary that cannot read an odd row leaves the raw fields, which always can.
    summary = [];
  }
  const lines = [...summary, ...extra].map(({ key, value }) => ({
    key: sanitize(key),
    value: sanitize(maskUrlCredentials(value)),
  }));
  const every = detailEntries(row);
  return lines.length === 0 ? every : [...lines, ...EVERY_FIELD, ...every];
}

export interface OpenDetailParts {
  ui: UiState;
  models: Record<ResourceKind, TabModel>;
  resources: Record<ResourceKind, ResourceState>;
  operations: Operations;
  /** The account's key: another account's resource is another fetch. */
  account: string;
  now: number;
  /** Lines the dashboard adds to a resource's summary, by its id. */
  extra?: (kind: ResourceKind, id: string) => readonly DetailEntry[];
}

const EMPTY_ROWS: readonly AnyRow[] = [];

/**
 * The detail a state's overlay opens: the list's row (the last seen copy once
 * it has gone), filled from the whole resource where it lacks what the pane
 * shows (asked for once, for the detail on screen), and the lines the pane
 * lists. A function of the state, as the keys need it for the state the last
 * key left.
 */
export function useOpenDetail(parts: OpenDetailParts): (state: UiState) => OpenDetail | null {
  const { ui, models, resources, now, extra } = parts;
  const listedDetail = (state: UiState) =>
    state.overlay.type === 'detail'
      ? models[state.tab].detailRow(state.overlay.id, resources[state.tab].data?.items ?? EMPTY_ROWS)
      : null;
  const shown = listedDetail(ui);
  const whole = useWholeRow(
    shown && ui.overlay.type === 'detail' ? { kind: ui.tab, id: ui.overlay.id, row: shown.row } : null,
    parts.operations,
    parts.account,
  );
  return (state) => {
    const listed = state === ui ? shown : listedDetail(state);
    if (!listed) return null;
    const view = viewFor(state.tab);
    const fetched = state.tab === ui.tab && state.overlay === ui.overlay;
    const row = (fetched && whole.row) || listed.row;
    const entries = detailOf(view, row, { now, extra: extra?.(state.tab, view.getId(row)) });
    return { row, present: listed.present, entries, notice: fetched ? whole.notice : null };
  };
}
