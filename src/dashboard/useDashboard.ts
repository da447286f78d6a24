/**
 * Everything the dashboard shows, in one value, and what a key does to it.
 * App.tsx only lays this out. The flow, one way:
 *
 *   sources (fetchers) → react-query (data.ts) → transition tracker
 *     → TabModel (sort, filter, ghosts, selection) → decorations → this → App
 *
 * Keys go through the pure reduceKey (key-reducer.ts) with the state the
 * previous key left, so several keys in one read each act, in order.
 */
import { useApp, useStdout, useWindowSize, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../views/index.js';
import { layoutColumns } from '../views/table/columns.js';
import type { Column } from '../views/table/columns.js';
import type { RowDecoration } from '../views/table/decoration.js';
import { thousands } from '../views/format.js';
import type { SparklineScale } from '../views/sparkline.js';
import { sanitize } from '../util/text.js';
import type { Account, AccountSwitcher } from '../data/accounts.js';
import { ActionRunner } from '../data/deletions.js';
import { useBilling, type MoneySummary } from '../billing/useBilling.js';
import type { DialogState } from '../ui/ConfirmDialog.js';
import { detailEntryCount } from '../ui/DetailPane.js';
import { eventsPanelHeight } from '../ui/EventsPanel.js';
import { useFlash, type FlashMessage } from '../ui/FlashLine.js';
import { HEADER_HEIGHT, type SourceInfo, type TabInfo } from '../ui/Header.js';
import { useRefresh, useResourceQueries, type ResourceState } from '../data/queries.js';
import { decorator } from '../changes/row-decorations.js';
import { describeFilterParts, filterFor, type FilterExpression } from '../filter/index.js';
import { DEFAULT_KEYMAP, splitKeys, withKey, type KeyMap, type Mode } from '../input/bindings.js';
import { FailureTracker, type PollPolicy } from '../data/polling.js';
import type { Notifier } from '../terminal/notify.js';
import type { Fetchers, Operations, WalletReader } from '../data/sources.js';
import {
  initialUiState,
  uiReducer,
  type LogsOverlay,
  type Remembered,
  type SortState,
  type TabStarts,
  type UiState,
} from '../model/ui-state.js';
import { isFailureTransition, type Transition } from '../changes/tracker.js';
import { isDeleteAction, type ActionTarget, type CopyText, type DeleteAction } from '../views/actions.js';
import { osc52, MAX_COPY_BYTES } from '../terminal/clipboard.js';
import { describeSsh, missingKey, runSsh, sshCommand, type SshOutcome } from '../terminal/ssh.js';
import { lendTerminal } from '../terminal/guard.js';
import { useAgeClock } from './useAgeClock.js';
import { ServerQueries, TabCounts, ViewColumns, type ColumnChoice } from '../model/derivations.js';
import { modeOf, reduceKey, type Effect, type KeyEnvironment, type TabContext } from '../controllers/index.js';
import { TabModel } from '../model/tab-model.js';
import { useLogPane } from '../data/useLogLines.js';
import { Trends } from '../changes/trends.js';
import { useAccount } from '../data/useAccount.js';
import { useTracker, useTrackerVersion } from '../changes/useTracker.js';

export interface DashboardOptions {
  fetchers: Fetchers;
  /** How declared actions reach the API; a kind without one cannot act. */
  operations?: Operations;
  source: SourceInfo;
  policy: PollPolicy;
  initialTab: ResourceKind;
  /** The start tab's filter (`--filter`), already parsed and checked. */
  initialFilter?: FilterExpression;
  /** Show terminated / deleted resources from the start (`--all`). */
  showGone?: boolean;
  /** How long a changed, new or removed row stays marked. */
  highlightMs?: number;
  /** `--read-only`: destructive actions are refused with a reason. */
  readOnly?: boolean;
  /** `--notify`: told of each transition into a failed state, and once of a wallet about to run out. */
  notifier?: Notifier;
  /** Reads the wallet's balance for the header; without it nothing about money but the burn rate shows. */
  wallet?: WalletReader;
  /** One-line warnings from start-up (e.g. a config file others can read), shown on the flash line. */
  notices?: readonly string[];
  /** Whether sparklines may be drawn (canDrawSparklines: a UTF-8 locale, colours allowed); plain figures otherwise. */
  sparklines?: boolean;
  /** How `:team` and `:ctx` reach another account; without it they say they cannot. */
  switcher?: AccountSwitcher;
  /** What the last run left (remembered.ts). */
  remembered?: Remembered;
  /** Told of the UI state worth remembering whenever it changes (remembered.ts). */
  onRemember?: (state: UiState) => void;
  /** The private key `s` connects with and `c` puts in a pod's ssh command (ssh_key_path / PRIME_SSH_KEY_PATH). */
  sshKeyPath?: string;
  /** The keys in force: the config file's over the defaults (keymap.ts). */
  keymap?: KeyMap;
  /** Each tab's start sort and filter, from the config file's `views` (the start tab's filter is `initialFilter` when given). */
  tabStart?: TabStarts;
  /** Each tab's columns, in order, from the config file's `views`; every column when absent. */
  columnChoice?: ColumnChoice;
}

/** What the area between header and footer shows. */
export type Body =
  | {
      type: 'table';
      view: ResourceView<AnyRow>;
      rows: readonly AnyRow[];
      columns: readonly Column<AnyRow>[];
      selectedId: string | null;
      sort: SortState;
      decoration: (row: AnyRow) => RowDecoration;
      emptyText: string;
    }
  | { type: 'help'; view: ResourceView<AnyRow>; offset: number }
  | {
      type: 'confirm';
      view: ResourceView<AnyRow>;
      action: DeleteAction<AnyRow>;
      targets: readonly ActionTarget[];
      missingIds: ReadonlySet<string>;
      dialog: DialogState;
    }
  | { type: 'detail'; title: string; row: AnyRow; present: boolean; offset: number; trend: DetailTrend | null }
  | { type: 'choose'; title: string; options: readonly string[]; selected: number }
  | {
      type: 'logs';
      title: string;
      pane: LogsOverlay;
      lines: readonly string[];
      first: number;
      version: number;
      error: string | null;
      loading: boolean;
    };

export interface Dashboard {
  width: number;
  height: number;
  header: {
    source: SourceInfo;
    tabs: readonly TabInfo[];
    activeKind: ResourceKind;
    state: ResourceState;
    noun: string;
    filterSummary: string | undefined;
    money: MoneySummary;
    sparklines: boolean;
  };
  body: Body;
  bodyHeight: number;
  /** The age clock: what ages and "running for" are counted against. */
  now: number;
  events: { open: boolean; height: number; list: readonly Transition[]; offset: number };
  /** The filter prompt, the `:` prompt or the log pane's search while open: its sign, what is typed, and the line under it. */
  prompt: { sign: '/' | ':'; draft: string; hint: { text: string; error: boolean } | null } | null;
  flash: FlashMessage | null;
  mode: Mode;
  view: ResourceView<AnyRow>;
  keymap: KeyMap;
  onInput(input: string, key: Key): void;
}

const EMPTY_ROWS: readonly AnyRow[] = [];
/** The flash line and the footer; the filter prompt takes the same two lines while open. */
const BOTTOM_HEIGHT = 2;

export function useDashboard(options: DashboardOptions): Dashboard {
  const {
    policy,
    readOnly = false,
    notifier,
    notices,
    sshKeyPath = DEFAULT_SSH_KEY,
    keymap = DEFAULT_KEYMAP,
  } = options;
  const [initialAccount] = useState<Account>(() => ({
    key: '',
    fetchers: options.fetchers,
    operations: options.operations ?? NO_OPERATIONS,
    wallet: options.wallet,
    source: options.source,
  }));
  const accounts = useAccount(initialAccount, options.switcher);
  const { fetchers, operations, source } = accounts.account;
  const { exit, suspendTerminal } = useApp();
  const { stdout } = useStdout();
  const { columns: width, rows: height } = useWindowSize();

  const [initial] = useState(() =>
    initialUiState({
      tab: options.initialTab,
      filter: options.initialFilter,
      showGone: options.showGone,
      tabs: options.tabStart,
      remembered: options.remembered,
    }),
  );
  const [ui, setUi] = useState(initial);
  // The state the last key left; keys of one read act on it, not on this render's.
  const latest = useRef(initial);

  const { onRemember } = options;
  useEffect(() => onRemember?.(ui), [onRemember, ui]);

  const [flash, showFlash] = useFlash();
  useEffect(() => {
    // Printed to stderr too, but the alternate screen hides that while the dashboard runs.
    if (notices && notices.length > 0) showFlash(notices.join(' · '), 'error', 60_000);
  }, [notices, showFlash]);
  const now = useAgeClock();

  // Plain objects that live as long as the dashboard.
  const [failures] = useState(() => new FailureTracker<ResourceKind>());
  const [models] = useState(
    () =>
      Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, new TabModel(viewFor(kind))])) as Record<
        ResourceKind,
        TabModel
      >,
  );
  const [trends] = useState(() => new Trends());
  const [caches] = useState(() => ({
    counts: new TabCounts(),
    server: new ServerQueries(),
    columns: new ViewColumns(
      (kind) => ({ trend: trends.readerFor(kind), sparklines: options.sparklines ?? false }),
      options.columnChoice,
    ),
  }));
  const runner = useMemo(() => new ActionRunner(operations), [operations]);
  useSyncExternalStore(runner.subscribe, runner.version);

  // Data: five polling queries, each showing the tracker what changed, and the billing and trends what they bring.
  const tracker = useTracker(options.highlightMs ?? 10_000);
  useTrackerVersion(tracker, ui.tab);
  const resources = useResourceQueries({
    fetchers,
    account: accounts.account.key,
    policy,
    visibleKind: ui.tab,
    paused: ui.paused,
    failures,
    tracker,
    server: caches.server.forState(ui),
    onTransitions: notifier
      ? (transitions) => transitions.filter(isFailureTransition).forEach(notifier.failure)
      : undefined,
    onPoll: (kind, rows, at) => {
      billing.observe(kind, rows, at);
      trends.observe(kind, rows, at);
    },
  });
  const billing = useBilling({
    resources,
    account: accounts.account.key,
    wallet: accounts.account.wallet,
    intervalMs: policy.intervalMs,
    paused: ui.paused,
    tracker,
    onAlert: notifier?.alert,
  });
  const refresh = useRefresh();
  const logPane = useLogPane(ui.overlay.type === 'logs' ? ui.overlay : null, operations, policy.intervalMs);

  /** A tab as the screen shows it for `state`: at render, and at key time for the state the last key left. */
  const tabContext = (
    state: UiState,
  ): TabContext & { matched: number; filter: FilterExpression; decorate: (id: string) => RowDecoration } => {
    const kind = state.tab;
    const model = models[kind];
    const resource = resources[kind];
    const items = resource.data?.items ?? EMPTY_ROWS;
    // While the prompt is open the list narrows to what is typed, when it can apply.
    const draft = state.overlay.type === 'filter' ? filterFor(state.overlay.draft, model.view).filter : undefined;
    const filter = draft ?? state.tabs[kind].filter;
    // Marks expire by the wall clock: read as of now, and a timer renders again at the next expiry (useTrackerVersion).
    // eslint-disable-next-line react-hooks/purity
    const clock = Date.now();
    const marks = tracker.marks(kind, clock);
    const deleting = runner.deleting(kind, resource.updatedAt);
    const { rows, ghostIds, matched } = model.rows({
      items,
      filter,
      showGone: state.showGone,
      sort: state.tabs[kind].sort,
      marks,
      ghosts: tracker.ghosts(kind, clock),
      deleting,
    });
    const visibleColumnIds = layoutColumns(caches.columns.get(kind, now), width).map((laidOut) => laidOut.column.id);
    const decorate = decorator({ marks, ghostIds, deleting, marked: state.marked });
    return {
      view: model.view,
      rows,
      items,
      selectedId: model.selected(rows, state.tabs[kind].selectedId),
      ghostIds,
      visibleColumnIds,
      matched,
      filter,
      decorate,
    };
  };

  // Layout.
  const mainHeight = Math.max(2, height - HEADER_HEIGHT - BOTTOM_HEIGHT);
  const eventsHeight = ui.events.open ? Math.min(eventsPanelHeight(mainHeight), mainHeight - 2) : 0;
  const bodyHeight = mainHeight - eventsHeight;

  const run = useCallback(
    (effect: Effect): void => {
      switch (effect.type) {
        case 'quit':
          exit();
          return;
        case 'refresh':
          refresh(effect.kind);
          return;
        case 'flash':
          showFlash(effect.text, effect.tone);
          return;
        case 'run':
          void runner.run(effect.kind, effect.targets).then((outcome) => {
            showFlash(outcome.summary(), outcome.tone, outcome.tone === 'error' ? 10_000 : undefined);
            refresh(effect.kind);
          });
          return;
        case 'ssh': {
          const missing = missingKey(sshKeyPath);
          if (missing) return showFlash(missing, 'error', 10_000);
          // Ink leaves the alternate screen and hands over the keyboard (and Ctrl-C is ssh's until it ends);
          // polling goes on, drawing waits, and the same dashboard comes back.
          let ended: SshOutcome = { code: null, lastError: 'the terminal could not be handed over' };
          void lendTerminal(() =>
            suspendTerminal(async () => {
              ended = await runSsh(sshKeyPath, effect.connection);
            }),
          )
            .catch(() => undefined)
            .then(() => {
              const { text, tone } = describeSsh(effect.name, ended);
              showFlash(text, tone, tone === 'error' ? 10_000 : undefined);
            });
          return;
        }
        case 'copy': {
          const { text, tone } = copyToClipboard(effect.text, sshKeyPath, (sequence) => stdout.write(sequence));
          showFlash(text, tone);
          return;
        }
        case 'switchTeam':
        case 'switchContext': {
          const outcome = effect.type === 'switchTeam' ? accounts.toTeam(effect.name) : accounts.toContext(effect.name);
          // Marks, the selection and open dialogs referred to the old account's resources.
          if (outcome.switched) latest.current = uiReducer(latest.current, { type: 'switchAccount' });
          showFlash(outcome.text, outcome.switched ? 'success' : 'error', outcome.switched ? undefined : 10_000);
          return;
        }
      }
    },
    [accounts, exit, refresh, runner, showFlash, sshKeyPath, stdout, suspendTerminal],
  );

  const env: KeyEnvironment = {
    tab: tabContext,
    bodyHeight,
    detailEntries: (state) => {
      if (state.overlay.type !== 'detail') return 0;
      const detail = models[state.tab].detailRow(state.overlay.id, resources[state.tab].data?.items ?? EMPTY_ROWS);
      return detail ? detailEntryCount(detail.row) : 0;
    },
    eventCount: tracker.events().length,
    readOnly,
    canRun: (kind, action) => runner.canRun(kind, action),
    nameOf: (kind, id) => {
      const row = resources[kind].data?.items.find((item) => item.id === id);
      return row ? viewFor(kind).getName(row) : undefined;
    },
    log: (state) =>
      state.overlay.type === 'logs' && logPane.buffer
        ? { lines: logPane.buffer.lines, first: logPane.buffer.first }
        : null,
    accounts: accounts.names,
    keymap,
  };

  const onInput = (input: string, key: Key): void => {
    for (const [oneInput, oneKey] of splitKeys(input, key, latest.current.overlay.type === 'filter')) {
      const result = reduceKey(latest.current, oneInput, oneKey, env);
      latest.current = result.state;
      result.effects.forEach(run);
    }
    setUi(latest.current);
  };

  // What the screen shows.
  const tab = tabContext(ui);
  const view = tab.view;
  const resource = resources[ui.tab];
  const tabs: TabInfo[] = RESOURCE_KINDS.map((kind) => {
    const data = resources[kind].data;
    const count = data ? caches.counts.count(kind, data.items, ui.tabs[kind].filter, ui.showGone) : null;
    return { kind, title: viewFor(kind).title, count, unseen: tracker.unseen(kind) };
  });

  return {
    width,
    height,
    header: {
      source,
      tabs,
      activeKind: ui.tab,
      state: resource,
      noun: view.title.toLowerCase(),
      filterSummary: tabSummary(tab, ui.showGone, keymap) || undefined,
      money: billing.money,
      sparklines: options.sparklines ?? false,
    },
    body: bodyOf(ui, tab, {
      columns: caches.columns.get(ui.tab, now),
      decoration: (row) => tab.decorate(view.getId(row)),
      loaded: resource.data !== undefined,
      failed: resource.error !== null,
      detail: models[ui.tab],
      log: logPane,
      trend: (id) => trendOf(view, trends.readerFor(ui.tab)?.(id)),
      keymap,
    }),
    bodyHeight,
    now,
    events: { open: ui.events.open, height: eventsHeight, list: tracker.events(), offset: ui.events.offset },
    prompt: promptOf(ui, view, keymap),
    flash,
    mode: modeOf(ui),
    view,
    keymap,
    onInput,
  };
}

const NO_OPERATIONS: Operations = {};
/** The official client's default (`prime config set-ssh-key-path`). */
const DEFAULT_SSH_KEY = '~/.ssh/id_rsa';

/**
 * Puts the text on the clipboard with OSC 52 and says what was copied. The
 * text is cleaned first: a name or address with a line break in it must not
 * run as a command when pasted into a shell.
 */
function copyToClipboard(
  copy: CopyText,
  sshKeyPath: string,
  write: (sequence: string) => void,
): { text: string; tone: 'info' | 'error' } {
  const text = sanitize('sshConnection' in copy ? sshCommand(sshKeyPath, sanitize(copy.sshConnection)) : copy.text);
  const sequence = osc52(text);
  if (sequence === null)
    return {
      text: `Not copied: ${copy.what} is longer than the ${MAX_COPY_BYTES / 1024} KB terminals accept`,
      tone: 'error',
    };
  write(sequence);
  return { text: `Copied ${copy.what}: ${text}`, tone: 'info' };
}

function bodyOf(
  ui: UiState,
  tab: TabContext & { filter: FilterExpression },
  parts: {
    columns: readonly Column<AnyRow>[];
    decoration: (row: AnyRow) => RowDecoration;
    loaded: boolean;
    failed: boolean;
    detail: TabModel;
    log: ReturnType<typeof useLogPane>;
    trend: (id: string) => DetailTrend | null;
    keymap: KeyMap;
  },
): Body {
  const { view } = tab;
  const overlay = ui.overlay;
  switch (overlay.type) {
    case 'help':
      return { type: 'help', view, offset: overlay.offset };
    case 'confirm': {
      const present = new Set(tab.items.map(view.getId));
      const missingIds = new Set(
        overlay.targets.filter((target) => !present.has(target.id)).map((target) => target.id),
      );
      const action = view.actions.find(isDeleteAction);
      if (action)
        return { type: 'confirm', view, action, targets: overlay.targets, missingIds, dialog: overlay.dialog };
      break;
    }
    case 'choose':
      return { type: 'choose', title: overlay.title, options: overlay.options, selected: overlay.selected };
    case 'logs': {
      const { buffer, error, loading } = parts.log;
      const title = `${viewFor(overlay.kind).singular} ${overlay.name}`;
      return {
        type: 'logs',
        title,
        pane: overlay,
        lines: buffer?.lines ?? [],
        first: buffer?.first ?? 0,
        version: buffer?.version ?? 0,
        error,
        loading,
      };
    }
    case 'detail': {
      const detail = parts.detail.detailRow(overlay.id, tab.items);
      if (detail) {
        const title = sanitize(`${view.singular} ${view.getName(detail.row)} (${view.getId(detail.row)})`);
        return {
          type: 'detail',
          title,
          row: detail.row,
          present: detail.present,
          offset: overlay.offset,
          trend: parts.trend(view.getId(detail.row)),
        };
      }
      break;
    }
    default:
      break;
  }
  const filtered = tab.filter.terms.length > 0 || !ui.showGone;
  const empty = emptyText(view.title.toLowerCase(), parts.loaded, parts.failed, filtered, parts.keymap);
  return {
    type: 'table',
    view,
    rows: tab.rows,
    columns: parts.columns,
    selectedId: tab.selectedId,
    sort: ui.tabs[ui.tab].sort,
    decoration: parts.decoration,
    emptyText: empty,
  };
}

/** A view's trend readings for the detail pane, with how to draw them. */
export interface DetailTrend {
  label: string;
  readings: readonly number[];
  scale: SparklineScale;
  format: (value: number) => string;
}

function trendOf(view: ResourceView<AnyRow>, readings: readonly number[] | undefined): DetailTrend | null {
  if (!view.trend || !readings || readings.length === 0) return null;
  return { label: view.trend.label, readings, scale: view.trend.scale, format: view.trend.format };
}

/**
 * Right of the tabs: the filter and what it matches, and the view's total
 * over the rows in view (without the ghosts of removed ones), e.g.
 * `/label:team-a · 7 of 24 · $38.10/hr · terminated hidden (a)`.
 */
function tabSummary(
  tab: TabContext & { filter: FilterExpression; matched: number },
  showGone: boolean,
  keymap: KeyMap,
): string {
  const { terms, note } = describeFilterParts(tab.filter, showGone || !tab.view.hasStatus);
  const parts = terms ? [`/${terms}`, `${thousands(tab.matched)} of ${thousands(tab.items.length)}`] : [];
  const total = tab.view.total;
  if (total) parts.push(total.describe(totalInView(tab, total.of)));
  // The note (GONE_HIDDEN_NOTE) names the key that shows them: here, the one in force, or none.
  if (note) parts.push(`terminated hidden${withKey(keymap, 'toggleAll', (key) => ` (${key})`)}`);
  return parts.join(' · ');
}

/** The rows' sum, once per list on screen: a render that changes nothing else must not add up 20,000 rows again. */
function totalInView(tab: TabContext, of: (row: AnyRow) => number): number {
  const known = totals.get(tab.rows);
  if (known && known.ghostIds === tab.ghostIds && known.of === of) return known.sum;
  let sum = 0;
  for (const row of tab.rows) if (!tab.ghostIds.has(tab.view.getId(row))) sum += of(row);
  totals.set(tab.rows, { ghostIds: tab.ghostIds, of, sum });
  return sum;
}

const totals = new WeakMap<
  readonly AnyRow[],
  { ghostIds: ReadonlySet<string>; of: (row: AnyRow) => number; sum: number }
>();

function emptyText(noun: string, loaded: boolean, failed: boolean, filtered: boolean, keymap: KeyMap): string {
  if (!loaded) return failed ? `No ${noun} loaded: the reason is above` : `Loading ${noun}…`;
  if (!filtered) return `No ${noun}`;
  const hints = [
    withKey(keymap, 'clearFilter', (key) => `${key} clears it`),
    withKey(keymap, 'toggleAll', (key) => `${key} shows terminated ones`),
  ].filter((hint) => hint !== '');
  return `No ${noun} match the filter${hints.length > 0 ? ` (${hints.join('; ')})` : ''}`;
}

/** Under the log search prompt; Enter and Esc are the prompt's own, n and N the key map's. */
function searchHint(keymap: KeyMap): { text: string; error: boolean } {
  const keys = [
    withKey(keymap, 'logNext', (key) => `${key} older`),
    withKey(keymap, 'logPrevious', (key) => `${key} newer`),
  ].filter((hint) => hint !== '');
  return {
    text: `Enter finds the newest line that contains it${keys.length > 0 ? ` (${keys.join(', ')})` : ''} · Esc cancel`,
    error: false,
  };
}

const COMMAND_HINT = {
  text: 'pods sandboxes disks nodes history · team NAME · ctx NAME · filter EXPR · sort COLUMN · help · q — Tab completes · ↑↓ history',
  error: false,
};

function promptOf(ui: UiState, view: ResourceView<AnyRow>, keymap: KeyMap): Dashboard['prompt'] {
  const { overlay } = ui;
  if (overlay.type === 'filter') return { sign: '/', draft: overlay.draft, hint: promptHint(overlay.draft, view) };
  if (overlay.type === 'logs' && overlay.searching !== null)
    return { sign: '/', draft: overlay.searching, hint: searchHint(keymap) };
  if (overlay.type === 'command') {
    const candidates = overlay.completing?.candidates;
    // Several candidates: the one shown first, the rest after it, as Tab will go through them.
    const hint =
      candidates && candidates.length > 1
        ? { text: `Tab: ${sanitize(candidates.map((line) => `:${line}`).join('  '))}`, error: false }
        : COMMAND_HINT;
    return { sign: ':', draft: overlay.draft, hint };
  }
  return null;
}

/** Under the prompt: why what is typed cannot apply (the list then keeps the applied filter), else the default help. */
function promptHint(draft: string, view: ResourceView<AnyRow>): { text: string; error: boolean } | null {
  const { error } = filterFor(draft, view);
  return error === null ? null : { text: error, error: true };
}
