/**
 * The dashboard shell: header, the active tab's table (or an overlay), footer.
 * Everything resource-specific comes from the view specs in src/views; the
 * shell only routes keys, keeps per-tab state and feeds the generic table.
 */
import { Box, useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import { layoutColumns, sortRows } from '../views/table/columns.js';
import { reconcileSelection } from '../views/table/selection.js';
import { Table } from '../views/table/Table.js';
import { DetailPane, detailEntryCount, detailPageSize } from './components/DetailPane.js';
import { Footer } from './components/Footer.js';
import { Header, HEADER_HEIGHT, type SourceInfo, type TabInfo } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { useRefresh, useResourceQueries } from './data.js';
import { keyToAction, type Action, type Mode } from './keys.js';
import { FailureTracker, type PollPolicy } from './polling.js';
import type { Fetchers } from './sources.js';
import { initialUiState, uiReducer, type UiState } from './state.js';

export interface AppProps {
  fetchers: Fetchers;
  source: SourceInfo;
  policy: PollPolicy;
  initialTab: ResourceKind;
  /** Honour NO_COLOR: statuses stay readable as text, selection stays visible. */
  monochrome?: boolean;
}

const EMPTY: readonly AnyRow[] = [];
/** A textual cursor as well as the inverse bar: visible on terminals without styling, and to screen readers. */
const SELECTED_MARKER = '›';
const FOOTER_HEIGHT = 1;
/**
 * How often ages are recomputed. Deliberately not on every poll: a poll that
 * changes nothing must repaint nothing but the update time (bytes over SSH).
 */
const AGE_CLOCK_MS = 15_000;

export function App({ fetchers, source, policy, initialTab, monochrome = false }: AppProps): ReactElement {
  const { exit } = useApp();
  const { columns: width, rows: height } = useWindowSize();
  const [ui, dispatch] = useReducer(uiReducer, initialTab, initialUiState);
  const tracker = useMemo(() => new FailureTracker<ResourceKind>(), []);
  const resources = useResourceQueries({ fetchers, policy, visibleKind: ui.tab, paused: ui.paused, tracker });
  const refresh = useRefresh();
  const now = useAgeClock();

  const view = viewFor(ui.tab);
  const tab = ui.tabs[ui.tab];
  const bodyHeight = Math.max(1, height - HEADER_HEIGHT - FOOTER_HEIGHT);
  const columns = useMemo(() => view.columns({ now }), [view, now]);
  // Sorting needs no clock; keeping it off `now` means a tick re-renders ages without re-sorting 10,000 rows.
  const sortColumns = useMemo(() => view.columns({ now: 0 }), [view]);
  const items = resources[ui.tab].data?.items ?? EMPTY;
  const rows = useMemo(() => sortRows(items, sortColumns, tab.sort, view.getId), [items, sortColumns, tab.sort, view]);

  const selectedId = useReconciledSelection(ui, rows, view.getId);
  useEffect(() => {
    if (selectedId !== tab.selectedId) dispatch({ type: 'select', tab: ui.tab, id: selectedId });
  }, [selectedId, tab.selectedId, ui.tab]);

  const detail = useDetailRow(ui, items, view.getId);

  const tabs: TabInfo[] = RESOURCE_KINDS.map((kind) => ({
    kind,
    title: viewFor(kind).title,
    count: resources[kind].data ? resources[kind].data.items.length : null,
  }));

  const mode: Mode = ui.overlay.type === 'none' ? 'table' : ui.overlay.type;

  const perform = (action: Action): void => {
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
        if (ui.overlay.type === 'detail') {
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
    }
  };

  useInput((input, key) => {
    const action = keyToAction(input, key, mode);
    if (action) perform(action);
  });

  const body = (() => {
    if (ui.overlay.type === 'help') return <HelpOverlay width={width} height={bodyHeight} />;
    if (ui.overlay.type === 'detail' && detail) {
      return (
        <DetailPane
          title={`${view.singular} ${view.getName(detail.row)} (${view.getId(detail.row)})`}
          row={detail.row}
          present={detail.present}
          offset={ui.overlay.offset}
          width={width}
          height={bodyHeight}
        />
      );
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
        marker={(row) => (view.getId(row) === selectedId ? SELECTED_MARKER : '')}
        monochrome={monochrome}
        emptyText={resources[ui.tab].data ? `No ${view.title.toLowerCase()}` : `Loading ${view.title.toLowerCase()}…`}
      />
    );
  })();

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header
        source={source}
        tabs={tabs}
        activeKind={ui.tab}
        state={resources[ui.tab]}
        width={width}
        noun={view.title.toLowerCase()}
        monochrome={monochrome}
      />
      <Box height={bodyHeight} flexDirection="column">
        {body}
      </Box>
      <Footer mode={mode} width={width} />
    </Box>
  );
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

/** The time ages are computed against, advanced by a slow tick. */
function useAgeClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_CLOCK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
