/**
 * The dashboard shell: header, the active tab's table (or an overlay), the
 * events panel, a flash line and the footer. Everything resource-specific
 * comes from the view specs in src/views; the shell routes keys, keeps
 * per-tab state and feeds the generic table.
 */
import { Box, useApp, useInput, useWindowSize, type Key } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useSyncExternalStore, type ReactElement } from 'react';
import type { Pod } from '../api/prime-schemas.js';
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import { layoutColumns } from '../views/table/columns.js';
import { reconcileSelection } from '../views/table/selection.js';
import { Table } from '../views/table/Table.js';
import { sanitize } from '../views/text.js';
import { ConfirmDialog, dialogKey, dialogPageSize, INITIAL_DIALOG_STATE } from './components/ConfirmDialog.js';
import { DetailPane, detailEntryCount, detailPageSize } from './components/DetailPane.js';
import { EventsPanel, eventsPanelHeight } from './components/EventsPanel.js';
import { FilterPrompt, FILTER_PROMPT_HEIGHT, promptKey } from './components/FilterPrompt.js';
import { FlashLine, useFlash } from './components/FlashLine.js';
import { Footer } from './components/Footer.js';
import { Header, HEADER_HEIGHT, type SourceInfo, type TabInfo } from './components/Header.js';
import { HELP_ENTRY_COUNT, HelpOverlay, helpPageSize } from './components/HelpOverlay.js';
import { useRefresh, useResourceQueries, type ResourceState, type ServerQueryState } from './data.js';
import { decoratedRowStyle, decoratedStatusCell, gutterGlyphs, type RowDecorations } from './decorations.js';
import { decorationVersion } from './hooks/decoration-version.js';
import { DeletionQueue, targetFromPod } from './deletion.js';
import { checkApplicable, compileFilter, describeFilter, EMPTY_FILTER, parseFilter, serverQueryFor, serverQueryKey, type FilterExpression } from './filter/index.js';
import { PositionalFilter } from './hooks/positional-filter.js';
import { useTabRows } from './hooks/useTabRows.js';
import { useTracker, useTrackerVersion } from './hooks/useTransitions.js';
import { keyToAction, splitKeys, type Action, type Mode } from './keys.js';
import { FailureTracker, type PollPolicy } from './polling.js';
import type { Fetchers } from './sources.js';
import { initialUiState, uiReducer, type UiEvent, type UiState } from './state.js';
import { isFailureTransition, type Transition } from './transitions.js';

export interface AppProps {
  fetchers: Fetchers;
  source: SourceInfo;
  policy: PollPolicy;
  initialTab: ResourceKind;
  /** The start tab's filter (`--filter`), already parsed and checked. */
  initialFilter?: FilterExpression;
  /** Show terminated / deleted resources from the start (`--all`). */
  showGone?: boolean;
  /** How long a changed, new or removed row stays marked. */
  highlightMs?: number;
  /** Sends one DELETE; absent or with `readOnly`, deletion is disabled. */
  deletePod?: (podId: string) => Promise<void>;
  readOnly?: boolean;
  /** `--notify`: called for each transition into a failed state. */
  onFailure?: (transition: Transition) => void;
  /** Honour NO_COLOR: statuses stay readable as text, selection stays visible. */
  monochrome?: boolean;
  /** One-line warnings from start-up (e.g. a config file others can read), shown on the flash line. */
  notices?: readonly string[];
}

const EMPTY_ROWS: readonly AnyRow[] = [];
const RENDER_BOUND_ACTIONS: ReadonlySet<Action['type']> = new Set(['move', 'cycleSort', 'openDetail', 'toggleMark', 'delete']);
const NO_IDS: ReadonlySet<string> = new Set();
/** The flash line and the footer; the filter prompt takes the same two lines while open. */
const BOTTOM_HEIGHT = 2;
/**
 * How often ages are recomputed. Deliberately not on every poll: a poll that
 * changes nothing must repaint nothing but the update time (bytes over SSH).
 */
const AGE_CLOCK_MS = 15_000;
/** How much longer ages may wait for a render that happens anyway before a timer forces one. */
const AGE_CLOCK_GRACE_MS = 5_000;

export function App(props: AppProps): ReactElement {
  const { fetchers, source, policy, monochrome = false, readOnly = false } = props;
  const { exit } = useApp();
  const { columns: width, rows: height } = useWindowSize();
  const [ui, dispatchToReact] = useReducer(uiReducer, { tab: props.initialTab, filter: props.initialFilter, showGone: props.showGone }, initialUiState);
  // Several keys can arrive in one read (key repeat, fast typing over SSH).
  // Each must act on the state the previous one left, not on this render's:
  // `latest` follows every dispatch synchronously, and key handlers read it.
  const latest = useRef(ui);
  latest.current = ui;
  const dispatch = (event: UiEvent): void => {
    latest.current = uiReducer(latest.current, event);
    dispatchToReact(event);
  };
  const [flash, showFlash] = useFlash();
  const notices = props.notices;
  useEffect(() => {
    // Printed to stderr too, but the alternate screen hides that while the dashboard runs.
    if (notices && notices.length > 0) showFlash(notices.join(' · '), 'error', 60_000);
  }, [notices, showFlash]);
  const now = useAgeClock();

  // Data: four polling queries, each showing the tracker what changed.
  const failures = useMemo(() => new FailureTracker<ResourceKind>(), []);
  const tracker = useTracker(props.highlightMs ?? 10_000);
  useTrackerVersion(tracker, ui.tab);
  const server = useServerQueries(ui);
  const onFailure = props.onFailure;
  const resources = useResourceQueries({
    fetchers,
    policy,
    visibleKind: ui.tab,
    paused: ui.paused,
    failures,
    tracker,
    server,
    onTransitions: onFailure ? (transitions) => transitions.filter(isFailureTransition).forEach(onFailure) : undefined,
  });
  const refresh = useRefresh();

  // Deletion: one queue for the whole app, so a pod is never sent two DELETEs.
  const queue = useMemo(() => (props.deletePod ? new DeletionQueue(props.deletePod) : null), [props.deletePod]);
  const pendingDeletes = useSyncExternalStore(queue?.subscribe ?? noSubscription, queue?.pendingIds ?? noPending);

  // The active tab's rows.
  const view = viewFor(ui.tab);
  const tab = ui.tabs[ui.tab];
  const state = resources[ui.tab];
  const items = state.data?.items ?? EMPTY_ROWS;
  const draft = useDraftFilter(ui, view);
  const filter = draft?.filter ?? tab.filter;
  const sentToDelete = useMemo(() => new Set<string>(), []);
  const deleting = useDeletingIds(ui.tab === 'pods' ? items : EMPTY_ROWS, queue, pendingDeletes, resources.pods.updatedAt, sentToDelete);
  const marks = tracker.marks(ui.tab, Date.now());
  const ghosts = tracker.ghosts(ui.tab, Date.now());
  const sortColumns = useMemo(() => view.columns({ now: 0 }), [view]);
  const { rows, ghostIds, matched } = useTabRows({ view, items, filter, showGone: ui.showGone, sort: tab.sort, sortColumns, marks, ghosts, deleting });
  const decorations: RowDecorations = useMemo(() => ({ marks, ghostIds, deleting }), [marks, ghostIds, deleting]);
  // The columns stay the same array while marks come and go, so a poll that
  // marks one row re-renders that row, not every row in the window: the status
  // cell reads the current decorations, and `rowVersion` tells the table
  // which rows they changed.
  const currentDecorations = useRef(decorations);
  currentDecorations.current = decorations;
  const columns = useMemo(
    () => view.columns({ now, statusCell: (id, status) => decoratedStatusCell(currentDecorations.current)(id, status) }),
    [view, now],
  );
  const rowVersion = useMemo(() => decorationVersion(decorations, view.getId), [decorations, view]);
  const rowStyle = useMemo(() => decoratedRowStyle(decorations, view.getId), [decorations, view]);

  const selectedId = useReconciledSelection(ui, rows, view.getId);
  useEffect(() => {
    if (selectedId !== tab.selectedId) dispatchToReact({ type: 'select', tab: ui.tab, id: selectedId });
  }, [selectedId, tab.selectedId, ui.tab]);
  const detail = useDetailRow(ui, items, view.getId);

  // Layout.
  const mode: Mode = ui.overlay.type === 'none' ? 'table' : ui.overlay.type;
  const mainHeight = Math.max(2, height - HEADER_HEIGHT - BOTTOM_HEIGHT);
  const eventsHeight = ui.events.open ? Math.min(eventsPanelHeight(mainHeight), mainHeight - 2) : 0;
  const bodyHeight = mainHeight - eventsHeight;

  const counts = useTabCounts(resources, ui);
  const tabs: TabInfo[] = RESOURCE_KINDS.map((kind) => ({ kind, title: viewFor(kind).title, count: counts[kind], unseen: tracker.unseen(kind) }));
  const filterSummary = describeFilter(filter, ui.showGone, { matched, total: items.length }) || undefined;

  const openDelete = (): void => {
    const now = latest.current;
    if (readOnly || !queue) return showFlash('Deletion is disabled: cloudtop was started with --read-only', 'info');
    // In the order the table shows them; marked pods the filter now hides come last, still listed.
    const shownOrder = new Map(rows.map((row, index) => [view.getId(row), index]));
    const pods = [...(items as readonly Pod[])].sort((a, b) => (shownOrder.get(a.id) ?? Infinity) - (shownOrder.get(b.id) ?? Infinity));
    const selected = now.tabs.pods.selectedId ?? selectedId;
    const chosen = now.marked.size > 0 ? pods.filter((pod) => now.marked.has(pod.id)) : pods.filter((pod) => pod.id === selected && !ghostIds.has(pod.id));
    if (chosen.length === 0) return showFlash('No pod selected to delete', 'info');
    dispatch({ type: 'openConfirm', targets: chosen.map(targetFromPod), dialog: INITIAL_DIALOG_STATE });
  };

  const confirmDelete = (): void => {
    const overlay = latest.current.overlay;
    if (overlay.type !== 'confirm' || !queue) return;
    const targets = overlay.targets;
    dispatch({ type: 'closeOverlay' });
    dispatch({ type: 'clearMarks' });
    for (const target of targets) sentToDelete.add(target.id);
    void queue.run(targets).then((outcome) => {
      showFlash(outcome.summary(), outcome.tone, outcome.tone === 'error' ? 10_000 : undefined);
      refresh('pods');
    });
  };

  const perform = (action: Action): void => {
    const ui = latest.current;
    const tab = ui.tabs[ui.tab];
    const selectedId = tab.selectedId;
    // Keys that only make sense on Pods say so at once, whatever has rendered yet.
    if ((action.type === 'delete' || action.type === 'toggleMark') && ui.tab !== 'pods') {
      return showFlash(action.type === 'delete' ? 'Deletion is for pods only: switch to Pods (3) to delete' : 'Marks are for deleting pods: switch to Pods (3)', 'info');
    }
    // Actions that act on this render's rows wait for the render of a tab switched to in the same read.
    if (ui.tab !== view.kind && RENDER_BOUND_ACTIONS.has(action.type)) return;
    switch (action.type) {
      case 'quit':
        exit();
        return;
      case 'switchTab': {
        const kind = RESOURCE_KINDS[action.index];
        if (kind) dispatch({ type: 'switchTab', tab: kind });
        return;
      }
      case 'nextTab':
      case 'previousTab':
        dispatch({ type: 'stepTab', step: action.type === 'nextTab' ? 1 : -1 });
        return;
      case 'move':
        if (ui.overlay.type === 'help') {
          const pageSize = helpPageSize(bodyHeight);
          const delta = { up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity }[action.move];
          dispatch({ type: 'scrollHelp', delta, max: Math.max(0, HELP_ENTRY_COUNT - pageSize) });
        } else if (ui.overlay.type === 'detail') {
          const pageSize = detailPageSize(bodyHeight);
          const delta = { up: -1, down: 1, pageUp: -pageSize, pageDown: pageSize, top: -Infinity, bottom: Infinity }[action.move];
          const max = Math.max(0, (detail ? detailEntryCount(detail.row) : 0) - pageSize);
          dispatch({ type: 'scrollDetail', delta, max });
        } else {
          dispatch({ type: 'moveSelection', tab: ui.tab, move: action.move, rows, getId: view.getId, pageSize: bodyHeight - 1 });
        }
        return;
      case 'openDetail':
        if (selectedId) dispatch({ type: 'openDetail', id: selectedId });
        return;
      case 'close':
        dispatch({ type: 'closeOverlay' });
        return;
      case 'toggleHelp':
        dispatch({ type: 'toggleHelp' });
        return;
      case 'cycleSort':
        // Only the columns a person can see; sorting by a hidden one would look random.
        dispatch({ type: 'cycleSort', tab: ui.tab, columnIds: layoutColumns(columns, width).map((laidOut) => laidOut.column.id) });
        return;
      case 'reverseSort':
        dispatch({ type: 'reverseSort', tab: ui.tab });
        return;
      case 'refresh':
        refresh(ui.tab);
        return;
      case 'togglePause':
        dispatch({ type: 'togglePause' });
        return;
      case 'openFilter':
        dispatch({ type: 'openFilter' });
        return;
      case 'clearFilter':
        if (tab.filter.terms.length > 0) dispatch({ type: 'applyFilter', tab: ui.tab, filter: EMPTY_FILTER });
        return;
      case 'toggleShowGone':
        dispatch({ type: 'toggleShowGone' });
        showFlash(ui.showGone ? 'Hiding terminated and deleted resources' : 'Showing terminated and deleted resources (a hides them)', 'info');
        return;
      case 'toggleMark':
        if (selectedId && !ghostIds.has(selectedId)) dispatch({ type: 'toggleMark', id: selectedId });
        return;
      case 'delete':
        openDelete();
        return;
      case 'toggleEvents':
        dispatch({ type: 'toggleEvents' });
        return;
      case 'scrollEvents':
        dispatch({ type: 'scrollEvents', delta: action.delta, max: tracker.events().length - 1 });
        return;
    }
  };

  const handleModalKey = (input: string, key: Key): void => {
    const ui = latest.current;
    if (ui.overlay.type === 'confirm') {
      const result = dialogKey(ui.overlay.dialog, input, key, ui.overlay.targets.length, dialogPageSize(bodyHeight, ui.overlay.targets.length));
      if ('state' in result) dispatch({ type: 'updateConfirm', dialog: result.state });
      else if (result.action === 'confirm') confirmDelete();
      else dispatch({ type: 'closeOverlay' });
    } else if (ui.overlay.type === 'filter') {
      const result = promptKey(ui.overlay.draft, input, key);
      if ('draft' in result) dispatch({ type: 'editFilter', draft: result.draft });
      else if (result.action === 'cancel') dispatch({ type: 'closeOverlay' });
      else {
        const applied = draftFilter(ui.overlay.draft, view);
        if (applied.filter) dispatch({ type: 'applyFilter', tab: ui.tab, filter: applied.filter });
      }
    }
  };

  const handleKey = (input: string, key: Key): void => {
    const overlay = latest.current.overlay.type;
    const currentMode: Mode = overlay === 'none' ? 'table' : overlay;
    const action = keyToAction(input, key, currentMode);
    if (action?.type === 'quit') return perform(action);
    if (currentMode === 'confirm' || currentMode === 'filter') return handleModalKey(input, key);
    if (action) perform(action);
  };

  useInput((input, key) => {
    for (const [oneInput, oneKey] of splitKeys(input, key, latest.current.overlay.type === 'filter')) handleKey(oneInput, oneKey);
  });

  const body = (() => {
    switch (ui.overlay.type) {
      case 'help':
        return <HelpOverlay width={width} height={bodyHeight} offset={ui.overlay.offset} />;
      case 'confirm':
        return (
          <ConfirmDialog
            targets={ui.overlay.targets}
            missingIds={missingIds(ui.overlay.targets, items, view.getId)}
            focus={ui.overlay.dialog.focus}
            offset={ui.overlay.dialog.offset}
            now={now}
            width={width}
            height={bodyHeight}
            monochrome={monochrome}
          />
        );
      case 'detail':
        if (detail) {
          return (
            <DetailPane
              title={sanitize(`${view.singular} ${view.getName(detail.row)} (${view.getId(detail.row)})`)}
              row={detail.row}
              present={detail.present}
              offset={ui.overlay.offset}
              width={width}
              height={bodyHeight}
            />
          );
        }
        break;
      default:
        break;
    }
    return (
      <Table
        rows={rows}
        columns={columns}
        getId={view.getId}
        selectedId={selectedId}
        width={width}
        height={bodyHeight}
        sort={tab.sort}
        rowStyle={rowStyle}
        marker={(row) => gutterGlyphs(view.getId(row), selectedId, ui.tab === 'pods' ? ui.marked : NO_IDS, decorations)}
        rowVersion={rowVersion}
        monochrome={monochrome}
        emptyText={emptyText(view.title.toLowerCase(), state, filter.terms.length > 0 || !ui.showGone)}
      />
    );
  })();

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        source={source}
        tabs={tabs}
        activeKind={ui.tab}
        state={state}
        width={width}
        noun={view.title.toLowerCase()}
        filterSummary={filterSummary}
        monochrome={monochrome}
      />
      <Box height={bodyHeight} flexDirection="column">
        {body}
      </Box>
      {ui.events.open && (
        <Box height={eventsHeight} flexDirection="column">
          <EventsPanel events={tracker.events()} offset={ui.events.offset} width={width} height={eventsHeight} monochrome={monochrome} />
        </Box>
      )}
      {ui.overlay.type === 'filter' ? (
        <Box height={FILTER_PROMPT_HEIGHT} flexDirection="column">
          <FilterPrompt draft={ui.overlay.draft} hint={draft?.hint ?? null} width={width} monochrome={monochrome} />
        </Box>
      ) : (
        <>
          <FlashLine message={flash} width={width} monochrome={monochrome} />
          <Footer mode={mode} width={width} />
        </>
      )}
    </Box>
  );
}

function emptyText(noun: string, state: ResourceState, filtered: boolean): string {
  if (!state.data) return state.error ? `No ${noun} loaded: the reason is above` : `Loading ${noun}…`;
  return filtered ? `No ${noun} match the filter (Esc clears it; a shows terminated ones)` : `No ${noun}`;
}

function missingIds(targets: readonly { id: string }[], items: readonly AnyRow[], getId: (row: AnyRow) => string): ReadonlySet<string> {
  const present = new Set(items.map(getId));
  return new Set(targets.filter((target) => !present.has(target.id)).map((target) => target.id));
}

const noSubscription = (): (() => void) => () => undefined;
const noPending = (): ReadonlySet<string> => NO_IDS;

/**
 * Each tab's count is what that tab shows: its filter applied, ended
 * resources hidden unless `a`. Recomputed only when a list or a filter
 * changes, not on every render; and then only rows that changed are matched
 * again (PositionalFilter), so a poll of 20,000 pods does not re-run the
 * filter 20,000 times to count them.
 */
function useTabCounts(resources: Record<ResourceKind, ResourceState>, ui: UiState): Record<ResourceKind, number | null> {
  const caches = useRef(new Map<ResourceKind, { filter: FilterExpression; showGone: boolean; predicate: (row: AnyRow) => boolean; rows: PositionalFilter<AnyRow> }>());
  const inputs = RESOURCE_KINDS.flatMap((kind) => [resources[kind].data, ui.tabs[kind].filter]);
  return useMemo(() => {
    const counts = {} as Record<ResourceKind, number | null>;
    for (const kind of RESOURCE_KINDS) {
      const data = resources[kind].data;
      if (!data) {
        counts[kind] = null;
        continue;
      }
      const filter = ui.tabs[kind].filter;
      let cache = caches.current.get(kind);
      if (!cache || cache.filter !== filter || cache.showGone !== ui.showGone) {
        cache = { filter, showGone: ui.showGone, predicate: compileFilter(filter, viewFor(kind), { showGone: ui.showGone }), rows: cache?.rows ?? new PositionalFilter() };
        caches.current.set(kind, cache);
      }
      counts[kind] = cache.rows.filter(data.items, cache.predicate).length;
    }
    return counts;
    // The lists, the filters and `a` are everything the counts depend on.
  }, [...inputs, ui.showGone]);
}

/** The server part of each tab's applied filter; its key changes only when what the server is asked changes. */
function useServerQueries(ui: UiState): Record<ResourceKind, ServerQueryState> {
  const keys = RESOURCE_KINDS.map((kind) => serverQueryKey(kind, ui.tabs[kind].filter, ui.showGone));
  return useMemo(() => {
    const result = {} as Record<ResourceKind, ServerQueryState>;
    RESOURCE_KINDS.forEach((kind, index) => {
      result[kind] = { key: keys[index]!, query: serverQueryFor(kind, ui.tabs[kind].filter, ui.showGone) };
    });
    return result;
    // The keys say everything that matters; recomputing on every render would refetch nothing but churn objects.
  }, keys);
}

/**
 * While the prompt is open, the filter being typed: the list narrows to it
 * live when it parses and applies to this tab; otherwise its hint says why
 * and the applied filter stays in force.
 */
interface DraftFilter {
  filter: FilterExpression | undefined;
  hint: { text: string; error: boolean } | null;
}

function useDraftFilter(ui: UiState, view: { title: string; kind: ResourceKind }): DraftFilter | null {
  const text = ui.overlay.type === 'filter' ? ui.overlay.draft : null;
  return useMemo(() => (text === null ? null : draftFilter(text, view)), [text, view]);
}

/** A typed filter: parsed and checked against the tab, or the one-line reason it cannot apply. */
function draftFilter(text: string, view: { title: string; kind: ResourceKind }): DraftFilter {
  const parsed = parseFilter(text);
  if (!parsed.ok) return { filter: undefined, hint: { text: parsed.error, error: true } };
  const notApplicable = checkApplicable(parsed.filter, { title: view.title, hasLabels: view.kind === 'sandboxes' });
  if (notApplicable) return { filter: undefined, hint: { text: notApplicable, error: true } };
  return { filter: parsed.filter, hint: null };
}


/**
 * Pods shown as DELETING: a DELETE in flight, or sent and not yet contradicted
 * by a newer poll. Only pods ever handed to the queue can be, so only those
 * are asked about: a poll of 20,000 pods costs a few lookups here, not 20,000.
 */
function useDeletingIds(pods: readonly AnyRow[], queue: DeletionQueue | null, pending: ReadonlySet<string>, updatedAt: number, sent: Set<string>): ReadonlySet<string> {
  return useMemo(() => {
    if (!queue || pods.length === 0) return NO_IDS;
    const ids: string[] = [];
    for (const id of sent) {
      if (queue.showsDeleting(id, updatedAt)) ids.push(id);
      // Neither pending nor remembered as deleted: the queue is done with it, and so are we.
      else if (!queue.showsDeleting(id, 0)) sent.delete(id);
    }
    return ids.length === 0 ? NO_IDS : new Set(ids);
  }, [pods, queue, pending, updatedAt, sent]);
}

/**
 * The selection after the rows changed: the same id if it is still there,
 * else the row now nearest to where it was. Previous rows are kept per tab so
 * switching tabs never reconciles against another tab's list.
 */
function useReconciledSelection(ui: UiState, rows: readonly AnyRow[], getId: (row: AnyRow) => string): string | null {
  const previous = useRef<Partial<Record<ResourceKind, readonly AnyRow[]>>>({});
  const selected = ui.tabs[ui.tab].selectedId;
  const reconciled = useMemo(
    () => reconcileSelection(previous.current[ui.tab] ?? rows, rows, getId, selected),
    [rows, selected, getId, ui.tab],
  );
  useEffect(() => {
    previous.current[ui.tab] = rows;
  }, [rows, ui.tab]);
  return reconciled;
}

/** The resource the detail pane shows, live by id, or the last seen copy once it has gone. */
function useDetailRow(ui: UiState, items: readonly AnyRow[], getId: (row: AnyRow) => string): { row: AnyRow; present: boolean } | null {
  const lastSeen = useRef<AnyRow | null>(null);
  const id = ui.overlay.type === 'detail' ? ui.overlay.id : null;
  const live = useMemo(() => (id === null ? undefined : items.find((row) => getId(row) === id)), [items, id, getId]);
  if (id === null) {
    lastSeen.current = null;
    return null;
  }
  if (live) lastSeen.current = live;
  return lastSeen.current ? { row: lastSeen.current, present: Boolean(live) } : null;
}

/**
 * The time ages are computed against. It moves on at most every AGE_CLOCK_MS,
 * and only during a render that happens anyway (the visible tab's poll renders
 * every few seconds for its update time), so ages never cost a frame of their
 * own. A timer renders only when nothing else has for a while (paused, or a
 * failing API backing off): ages are then at most AGE_CLOCK_MS + AGE_CLOCK_GRACE_MS old.
 */
function useAgeClock(): number {
  const advanced = useRef(Date.now());
  const [, forceRender] = useReducer((n: number) => n + 1, 0);
  const current = Date.now();
  if (current - advanced.current >= AGE_CLOCK_MS) advanced.current = current;
  useEffect(() => {
    const timer = setInterval(() => {
      if (Date.now() - advanced.current >= AGE_CLOCK_MS + AGE_CLOCK_GRACE_MS) forceRender();
    }, AGE_CLOCK_GRACE_MS);
    return () => clearInterval(timer);
  }, []);
  return advanced.current;
}
