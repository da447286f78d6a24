/**
 * Everything the dashboard shows, in one value, and what a key does to it.
 * ui/App.tsx only lays this out. The flow, one way:
 *
 *   data/sources (fetchers) → data/queries (react-query) → changes/tracker
 *     → model/tab-model (sort, filter, ghosts, selection)
 *     → changes/row-decorations → dashboard/screen → ui/App
 *
 * A read from the terminal becomes keys (input/read-keys.ts); each goes
 * through the controllers (src/controllers/) with the state the previous key
 * left, so several keys in one read act in order, and their effects are
 * carried out (effects.ts).
 */
import { useWindowSize, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind, type ResourceView } from '../views/index.js';
import { layoutColumns } from '../views/table/columns.js';
import { detailEntries } from '../views/detail.js';
import { DEFAULT_KEYMAP, type KeyMap, type Mode } from '../input/bindings.js';
import { readKeys } from '../input/read-keys.js';
import { filterFor, type FilterExpression } from '../filter/index.js';
import { decorator } from '../changes/row-decorations.js';
import { isFailureTransition, type Transition } from '../changes/transition.js';
import { Trends } from '../changes/trends.js';
import { useTracker, useTrackerVersion } from '../changes/useTracker.js';
import type { Account, AccountSwitcher, SourceInfo } from '../data/accounts.js';
import { Deletions } from '../data/deletions.js';
import { FailureTracker, type PollPolicy } from '../data/polling.js';
import { useRefresh, useResourceQueries, type ResourceState } from '../data/queries.js';
import type { Fetchers, Operations, WalletReader } from '../data/sources.js';
import { useAccount } from '../data/useAccount.js';
import { useLogLines } from '../data/useLogLines.js';
import { useBilling, type MoneySummary } from '../billing/useBilling.js';
import type { Notifier } from '../terminal/notify.js';
import { ServerQueries, TabCounts, ViewColumns, type ColumnChoice } from '../model/derivations.js';
import { screenLayout } from '../model/layout.js';
import { TabModel } from '../model/tab-model.js';
import {
  initialUiState,
  modeOf,
  switchAccount,
  type Remembered,
  type TabStarts,
  type UiState,
} from '../model/ui-state.js';
import { reduceKey, type KeyEnvironment } from '../controllers/index.js';
import { useEffects } from './effects.js';
import {
  bodyOf,
  promptOf,
  tabSummary,
  trendOf,
  type Body,
  type Prompt,
  type ShownTab,
  type TabInfo,
} from './screen.js';
import { useAgeClock } from './useAgeClock.js';
import { useFlash, type FlashMessage } from './useFlash.js';
import { Watching } from './watching.js';

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
  /** What the last run left (config/remembered.ts). */
  remembered?: Remembered;
  /** Told of the UI state worth remembering whenever it changes (config/remembered.ts). */
  onRemember?: (state: UiState) => void;
  /** The private key `s` connects with and `c` puts in a pod's ssh command (ssh_key_path / PRIME_SSH_KEY_PATH). */
  sshKeyPath?: string;
  /** The keys in force: the config file's over the defaults (config/custom-keys.ts). */
  keymap?: KeyMap;
  /** Each tab's start sort and filter, from the config file's `views` (the start tab's filter is `initialFilter` when given). */
  tabStart?: TabStarts;
  /** Each tab's columns, in order, from the config file's `views`; every column when absent. */
  columnChoice?: ColumnChoice;
  /** The config file's watches, checked (model/watches.ts). */
  watches?: readonly FilterExpression[];
}

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
  prompt: Prompt | null;
  flash: FlashMessage | null;
  mode: Mode;
  view: ResourceView<AnyRow>;
  keymap: KeyMap;
  onInput(input: string, key: Key): void;
}

const EMPTY_ROWS: readonly AnyRow[] = [];
const NO_OPERATIONS: Operations = {};
/** The official client's default (`prime config set-ssh-key-path`). */
const DEFAULT_SSH_KEY = '~/.ssh/id_rsa';

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
  const { columns: width, rows: height } = useWindowSize();

  const [initial] = useState(() =>
    initialUiState({
      tab: options.initialTab,
      filter: options.initialFilter,
      showGone: options.showGone,
      tabs: options.tabStart,
      remembered: options.remembered,
      watches: options.watches,
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
  const [models] = useState(() => {
    const byKind = RESOURCE_KINDS.map((kind) => [kind, new TabModel(viewFor(kind))]);
    return Object.fromEntries(byKind) as Record<ResourceKind, TabModel>;
  });
  const [trends] = useState(() => new Trends());
  const [derived] = useState(() => ({
    counts: new TabCounts(),
    server: new ServerQueries(),
    columns: new ViewColumns(
      (kind) => ({ trend: trends.readerFor(kind), sparklines: options.sparklines ?? false }),
      options.columnChoice,
    ),
  }));
  const deletions = useMemo(() => new Deletions(operations), [operations]);
  useSyncExternalStore(deletions.subscribe, deletions.version);

  // Data: every tab's polling query, each showing the tracker what changed, and the billing and trends what they bring.
  const tracker = useTracker(options.highlightMs ?? 10_000);
  useTrackerVersion(tracker, ui.tab);
  const watching = useMemo(() => new Watching(tracker, notifier), [tracker, notifier]);
  const resources = useResourceQueries({
    fetchers,
    account: accounts.account.key,
    policy,
    visibleKind: ui.tab,
    paused: ui.paused,
    failures,
    tracker,
    server: derived.server.forState(ui),
    onTransitions: notifier
      ? (transitions) => transitions.filter(isFailureTransition).forEach(notifier.failure)
      : undefined,
    onPoll: (kind, rows, at, list) => {
      billing.observe(kind, rows, at);
      trends.observe(kind, rows, at);
      // The watches the last key left, not this render's: a poll may land between the two.
      watching.observe(kind, rows, at, list, latest.current.watches);
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
  const logLines = useLogLines(ui.overlay.type === 'logs' ? ui.overlay : null, operations, policy.intervalMs);

  /** A tab as the screen shows it for `state`: at render, and at key time for the state the last key left. */
  const shownTab = (state: UiState): ShownTab => {
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
    const deleting = deletions.deleting(kind, resource.updatedAt);
    const ghosts = tracker.ghosts(kind, clock);
    const { sort } = state.tabs[kind];
    const { rows, ghostIds, matched } = model.rows({
      items,
      filter,
      showGone: state.showGone,
      sort,
      marks,
      ghosts,
      deleting,
    });
    const columns = layoutColumns(derived.columns.get(kind, now), width);
    return {
      view: model.view,
      rows,
      items,
      selectedId: model.selected(rows, state.tabs[kind].selectedId),
      ghostIds,
      visibleColumnIds: columns.map((laidOut) => laidOut.column.id),
      matched,
      filter,
      decorate: decorator({ marks, ghostIds, deleting, marked: state.marked }),
    };
  };

  const { bodyHeight, eventsHeight } = screenLayout(height, ui.events.open);

  const onAccountSwitch = useCallback(() => {
    // Marks, the selection and open dialogs referred to the old account's resources.
    latest.current = switchAccount(latest.current);
  }, []);
  const run = useEffects({ deletions, accounts, refresh, showFlash, sshKeyPath, onAccountSwitch });

  const env: KeyEnvironment = {
    tab: shownTab,
    bodyHeight,
    detailEntries: (state) => {
      if (state.overlay.type !== 'detail') return 0;
      const detail = models[state.tab].detailRow(state.overlay.id, resources[state.tab].data?.items ?? EMPTY_ROWS);
      return detail ? detailEntries(detail.row).length : 0;
    },
    eventCount: tracker.events().length,
    readOnly,
    canRun: (kind, action) => deletions.canRun(kind, action),
    nameOf: (kind, id) => {
      const row = resources[kind].data?.items.find((item) => item.id === id);
      return row ? viewFor(kind).getName(row) : undefined;
    },
    log: (state) =>
      state.overlay.type === 'logs' && logLines.buffer
        ? { lines: logLines.buffer.lines, first: logLines.buffer.first }
        : null,
    accounts: accounts.names,
    keymap,
    watchMatches: watching.matches,
  };

  const onInput = (input: string, key: Key): void => {
    for (const [oneInput, oneKey] of readKeys(input, key, latest.current.overlay.type === 'filter')) {
      const result = reduceKey(latest.current, oneInput, oneKey, env);
      latest.current = result.state;
      result.effects.forEach(run);
    }
    setUi(latest.current);
  };

  // What the screen shows.
  const tab = shownTab(ui);
  const view = tab.view;
  const resource = resources[ui.tab];
  const tabs: TabInfo[] = RESOURCE_KINDS.map((kind) => {
    const data = resources[kind].data;
    const count = data ? derived.counts.count(kind, data.items, ui.tabs[kind].filter, ui.showGone) : null;
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
      columns: derived.columns.get(ui.tab, now),
      loaded: resource.data !== undefined,
      failed: resource.error !== null,
      model: models[ui.tab],
      log: logLines,
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
