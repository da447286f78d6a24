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
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import { fitTable } from '../views/table/layout.js';
import { detailLines } from '../views/detail.js';
import type { NameOf } from '../views/actions.js';
import { DEFAULT_KEYMAP } from '../input/bindings.js';
import { readKeys } from '../input/read-keys.js';
import { offeredCommands, type CustomCommands } from '../input/custom-commands.js';
import { EMPTY_FILTER, filterFor } from '../filter/index.js';
import { decorator } from '../changes/row-decorations.js';
import { isFailureTransition, type Transition } from '../changes/transition.js';
import { Trends } from '../changes/trends.js';
import { useTracker, useTrackerVersion } from '../changes/useTracker.js';
import type { Account } from '../data/accounts.js';
import { Deletions } from '../data/deletions.js';
import { FailureTracker } from '../data/polling.js';
import { useRefresh, useResourceQueries } from '../data/queries.js';
import type { Operations } from '../data/sources.js';
import { useAccount } from '../data/useAccount.js';
import { useLogLines } from '../data/useLogLines.js';
import { BURN_EVENT_ID, useBilling } from '../billing/useBilling.js';
import { billedEntries } from '../billing/money-detail.js';

import { ServerQueries, TabCounts, TabWidths, ViewColumns } from '../model/derivations.js';
import { screenLayout } from '../model/layout.js';
import { TabModel } from '../model/tab-model.js';
import { initialUiState, modeOf, switchAccount, type UiState } from '../model/ui-state.js';
import { reduceKey, seekPending, type EventRef, type KeyEnvironment } from '../controllers/index.js';
import { useEffects } from './effects.js';
import { bodyOf, footerNotes, helpLayout, promptOf, tabSummary, trendOf, type ShownTab } from './screen.js';
import { useOpenDetail } from './detail.js';
import { useActionGate } from './gate.js';
import { paneOf, type Pane } from './panes.js';
import { useAgeClock } from './useAgeClock.js';
import { flashOf, headerMessage, messageLineCap } from './messages.js';
import { tabLine, tabLineHeight, type TabInfo } from './tab-line.js';
import type { Dashboard, DashboardOptions } from './types.js';
import { useFlash } from './useFlash.js';
import { Watching } from './watching.js';

const EMPTY_ROWS: readonly AnyRow[] = [];
const NO_OPERATIONS: Operations = {};
const NO_COMMANDS: CustomCommands = {};
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
    whoami: options.whoami,
    source: options.source,
    teamId: options.teamId,
    describe: options.describeSource,
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
    // Apart from `counts`: each remembers one filter per tab, and these two ask with different ones.
    wholeCounts: new TabCounts(),
    server: new ServerQueries(),
    widths: new TabWidths(),
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
  // A tab switched to shows data as fresh as the one left: a hidden tab's may be a few polls old.
  useEffect(() => {
    const { updatedAt } = resources[ui.tab];
    if (updatedAt > 0 && Date.now() - updatedAt > policy.intervalMs) refresh(ui.tab);
    // Only a switch of tab asks; the data's own updates do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ui.tab]);
  // The pods' names, for what names a pod (a disk's PODS, its refusal): a new function when the pods list
  // changes, its map made only when first asked (20,000 pods are a 20,000-entry map each poll otherwise).
  const podsData = resources.pods.data;
  const nameOf = useMemo<NameOf>(() => {
    let names: Map<string, string> | undefined;
    return (_kind, id) =>
      (names ??= new Map((podsData?.items ?? []).map((row) => [row.id, viewFor('pods').getName(row)]))).get(id);
  }, [podsData]);
  const logLines = useLogLines(ui.overlay.type === 'logs' ? ui.overlay : null, operations, policy.intervalMs);
  const openDetail = useOpenDetail({
    ui,
    models,
    resources,
    operations,
    account: accounts.account.key,
    now,
    extra: (_kind, id) => billedEntries(billing.billed.get(id), now),
  });

  // What the header and the flash line say, wrapped to the width: the layout makes room for their lines.
  const cap = messageLineCap(height);
  const message = headerMessage(resources[ui.tab], viewFor(ui.tab).plural, source.hint, width, cap);
  const flashShown = flashOf(flash, width, cap);
  const prompt = promptOf(ui, viewFor(ui.tab), keymap);
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
    const columns = derived.columns.get(kind, now, nameOf);
    const contentWidth = derived.widths.of(kind).measure(rows, columns, nameOf);
    return {
      view: model.view,
      rows,
      items,
      selectedId: model.selected(rows, state.tabs[kind].selectedId),
      ghostIds,
      // Asked at key time only (`o`), when the layout below is known.
      get visibleColumnIds() {
        const fit = {
          lineWidth: width,
          gutter: true,
          rowCount: rows.length,
          visibleRows: bodyHeight - 1,
          contentWidth,
          sortedBy: sort.columnId,
        };
        return fitTable(columns, fit).map((laidOut) => laidOut.column.id);
      },
      contentWidth,
      matched,
      whole: resource.data?.wholeTotal ?? derived.wholeCounts.count(kind, items, EMPTY_FILTER, state.showGone),
      loaded: resource.data !== undefined,
      filter,
      decorate: decorator({ marks, ghostIds, deleting, marked: state.marked }),
    };
  };

  // The tab on screen, and the tab line about it: its summary may take a line of its own, which the layout counts.
  const tab = shownTab(ui);
  const tabs: TabInfo[] = RESOURCE_KINDS.map((kind) => {
    const data = resources[kind].data;
    const count = data ? derived.counts.count(kind, data.items, ui.tabs[kind].filter, ui.showGone) : null;
    return { kind, title: viewFor(kind).title, count, unseen: tracker.unseen(kind) };
  });
  const tabsLine = tabLine(tabs, ui.tab, tabSummary(tab, ui.showGone, ui.marked.size, keymap), width);
  const { bodyHeight, eventsHeight } = screenLayout(height, {
    eventsOpen: ui.events.open,
    tabLines: tabLineHeight(tabsLine),
    messageLines: message?.lines.length ?? 1,
    flashLines: flashShown?.lines.length ?? 1,
    prompt: prompt !== null,
  });

  const onAccountSwitch = useCallback(() => {
    // Marks, the selection and open dialogs referred to the old account's resources.
    latest.current = switchAccount(latest.current);
  }, []);
  const run = useEffects({ deletions, accounts, refresh, showFlash, sshKeyPath, onAccountSwitch });

  // What the key may do and the actions offered for it; the panes about the account.
  const { identity, keyWithholds, offeredTo } = useActionGate({ account: accounts.account, readOnly, deletions });
  const commandsOn = (kind: ResourceKind) => offeredCommands(options.commands ?? NO_COMMANDS, kind, readOnly);
  const paneFor = (state: UiState): Pane | null =>
    state.overlay.type === 'pane'
      ? paneOf(state.overlay.pane, {
          billing,
          identity,
          asksWhoami: accounts.account.whoami !== undefined,
          resources,
          account: source.description,
          keyWithholds,
          now,
        })
      : null;

  const env: KeyEnvironment = {
    tab: shownTab,
    bodyHeight,
    width,
    detailLines: (state) => {
      const entries = openDetail(state)?.entries ?? paneFor(state)?.entries;
      return entries ? detailLines(entries, width).lines.length : 0;
    },
    helpLines: (state) => helpLayout(offeredTo(state), keymap, width, commandsOn(state.tab)).lines.length,
    events: eventRefs(tracker.events()),
    readOnly,
    canRun: (kind, action) => deletions.canRun(kind, action),
    keyWithholds,
    nameOf,
    log: (state) =>
      state.overlay.type === 'logs' && logLines.buffer
        ? { lines: logLines.buffer.lines, first: logLines.buffer.first, loaded: !logLines.loading }
        : null,
    accounts: accounts.names,
    keymap,
    watchMatches: watching.matches,
    commands: options.commands,
  };

  const onInput = (input: string, key: Key): void => {
    for (const [oneInput, oneKey] of readKeys(input, key, latest.current.overlay.type === 'filter')) {
      const result = reduceKey(latest.current, oneInput, oneKey, env);
      latest.current = result.state;
      result.effects.forEach(run);
    }
    setUi(latest.current);
  };

  // A log search typed before the log arrived runs when it does.
  const logArrived = logLines.loading ? -1 : (logLines.buffer?.version ?? 0);
  useEffect(() => {
    const { overlay } = latest.current;
    if (overlay.type !== 'logs' || !overlay.seeking) return;
    const result = seekPending(latest.current, env);
    latest.current = result.state;
    result.effects.forEach(run);
    setUi(latest.current);
    // Only the log's arrival asks; `env` and `run` are this render's, which is what it should see.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logArrived]);

  // What the screen shows.
  const view = tab.view;
  const offered = offeredTo(ui);
  const resource = resources[ui.tab];
  return {
    width,
    height,
    header: {
      source,
      tabLine: tabsLine,
      state: resource,
      money: billing.money,
      sparklines: options.sparklines ?? false,
      readOnly,
      message,
    },
    body: bodyOf(ui, tab, {
      help: helpLayout(offered, keymap, width, commandsOn(ui.tab)),
      columns: derived.columns.get(ui.tab, now, nameOf),
      loaded: resource.data !== undefined,
      failed: resource.error !== null,
      detail: openDetail(ui),
      pane: paneFor(ui),
      log: logLines,
      trend: (id) => trendOf(view, trends.readerFor(ui.tab)?.(id)),
      keymap,
    }),
    bodyHeight,
    now,
    events: {
      open: ui.events.open,
      height: eventsHeight,
      list: tracker.events(),
      offset: ui.events.offset,
      selectedSeq: ui.overlay.type === 'events' ? ui.overlay.seq : null,
    },
    prompt,
    flash: flashShown,
    mode: modeOf(ui),
    view: offered.view,
    footerNote: footerNotes(offered, keymap).join('  '),
    commands: commandsOn(ui.tab),
    keymap,
    onInput,
  };
}

const eventRefsOf = new WeakMap<readonly Transition[], readonly EventRef[]>();

/** The events as the keys need them, once per list. */
function eventRefs(events: readonly Transition[]): readonly EventRef[] {
  let refs = eventRefsOf.get(events);
  if (!refs) {
    refs = events.map(({ seq, resource, id, name }) => ({ seq, resource, id, name, aboutRow: id !== BURN_EVENT_ID }));
    eventRefsOf.set(events, refs);
  }
  return refs;
}
