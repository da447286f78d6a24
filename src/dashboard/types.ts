/**
 * What the dashboard is given (the account's sources, the policy, the
 * person's settings) and what it gives ui/App.tsx to draw: everything on
 * screen in one value, and what a key does to it (useDashboard.ts).
 */
import type { Key } from 'ink';
import type { AnyRow, ResourceKind, ResourceView } from '../views/index.js';
import type { KeyMap, Mode } from '../input/bindings.js';
import type { CustomCommand, CustomCommands } from '../input/custom-commands.js';
import type { FilterExpression } from '../filter/index.js';
import type { Transition } from '../changes/transition.js';
import type { Account, AccountSwitcher, SourceInfo } from '../data/accounts.js';
import type { PollPolicy } from '../data/polling.js';
import type { ResourceState } from '../data/queries.js';
import type { Fetchers, Operations, WalletReader, WhoamiReader } from '../data/sources.js';
import type { MoneySummary } from '../billing/useBilling.js';
import type { Notifier } from '../terminal/notify.js';
import type { ColumnChoice } from '../model/derivations.js';
import type { Remembered, TabStarts, UiState } from '../model/ui-state.js';
import type { Body, Prompt } from './screen.js';
import type { Flash, Message } from './messages.js';
import type { TabLine } from './tab-line.js';

export interface DashboardOptions {
  fetchers: Fetchers;
  /** How declared actions reach the API; a kind without one cannot act. */
  operations?: Operations;
  source: SourceInfo;
  /** The header's words for the account once its team is known by name; `teamId`: that team. */
  describeSource?: Account['describe'];
  teamId?: string | undefined;
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
  /** Reads who the key belongs to and what it may do; without it nothing is withheld for the key's sake. */
  whoami?: WhoamiReader;
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
  /** The config file's commands on the selected resource, each tab's, checked (config/custom-commands.ts). */
  commands?: CustomCommands;
}

export interface Dashboard {
  width: number;
  height: number;
  header: {
    source: SourceInfo;
    tabLine: TabLine;
    state: ResourceState;
    money: MoneySummary;
    sparklines: boolean;
    readOnly: boolean;
    message: Message | null;
  };
  body: Body;
  bodyHeight: number;
  /** The age clock: what ages and "running for" are counted against. */
  now: number;
  events: {
    open: boolean;
    height: number;
    list: readonly Transition[];
    offset: number;
    /** The event chosen while the panel has the keys. */
    selectedSeq: number | null;
  };
  prompt: Prompt | null;
  flash: Flash | null;
  mode: Mode;
  view: ResourceView<AnyRow>;
  /** What the footer says of actions withheld from this tab, and why (`D: this key is read-only for pods`); '' for nothing. */
  footerNote: string;
  /** The tab's commands of the config file that are offered here, for the footer. */
  commands: readonly CustomCommand[];
  keymap: KeyMap;
  onInput(input: string, key: Key): void;
}
