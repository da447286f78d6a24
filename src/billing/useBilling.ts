/**
 * The money the header shows: the burn rate over every kind that bills, its
 * last hour, the wallet's balance and how long it lasts at this rate. A
 * change of the rate is an event like a change of status; a runway below
 * RUNWAY_ALERT_MS is worth one notification.
 */
import { useEffect, useMemo, useRef } from 'react';
import { perHour, signedPerHour } from '../views/format.js';
import { RESOURCE_KINDS, viewFor, type AnyRow, type ResourceKind } from '../views/index.js';
import type { ResourceState } from '../data/queries.js';
import type { Tracker } from '../changes/useTracker.js';
import type { WalletReader } from '../data/sources.js';
import { BurnRateHistory, sumRates } from './burn-rate.js';
import { RUNWAY_ALERT_MS, RUNWAY_WARNING_MS, runwayAlertText, runwayMs } from './runway.js';
import { useWallet } from './useWallet.js';
import { billedByResource, billedInLastHour, type Billed } from './billings.js';
import type { Wallet } from '../api/prime/account.js';

const NOTHING_BILLED: ReadonlyMap<string, Billed> = new Map();

export interface MoneySummary {
  /** Per hour, over every kind that bills; null until one has loaded. */
  burn: number | null;
  /** The burn rate over the last hour, oldest first, one value per five minutes. */
  trend: readonly number[];
  /** The wallet's balance; null when there is none to show. */
  balance: number | null;
  /** How long the balance lasts at `burn` (Infinity when nothing bills); null without a balance. */
  runwayMs: number | null;
  /** What the wallet's billing rows say the last hour cost; null when they cannot say (billings.ts). */
  billedLastHour: number | null;
}

export interface BillingOptions {
  resources: Record<ResourceKind, ResourceState>;
  /** The account's key: its burn rate's story and its wallet start afresh on a switch. */
  account: string;
  wallet: WalletReader | undefined;
  intervalMs: number;
  paused: boolean;
  tracker: Tracker;
  /** `--notify`: told once when the runway drops below RUNWAY_ALERT_MS. */
  onAlert: ((text: string) => void) | undefined;
}

export interface Billing {
  money: MoneySummary;
  /** The wallet as last read, with its billing rows; null when there is none to show. */
  wallet: Wallet | null;
  /** What the rows read billed each resource they name, by id. */
  billed: ReadonlyMap<string, Billed>;
  /** Every successful poll's rows, before React sees them (see useResourceQueries' onPoll). */
  observe(kind: ResourceKind, rows: readonly AnyRow[], at: number): void;
}

export const BURN_EVENT_ID = 'burn-rate';

export function useBilling({
  resources,
  account,
  wallet,
  intervalMs,
  paused,
  tracker,
  onAlert,
}: BillingOptions): Billing {
  // A new history for each account: another account's rate is not a change of this one's.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `account` is the reason to start afresh, not an input
  const history = useMemo(() => new BurnRateHistory(), [account]);
  const read = useWallet(wallet, account, intervalMs, paused);
  const balance = read?.wallet.balance_usd ?? null;
  // Once per wallet read: the rows are the same object until a read brings other ones.
  const billed = useMemo(() => (read ? billedByResource(read.wallet) : NOTHING_BILLED), [read]);
  const billedLastHour = useMemo(() => (read ? billedInLastHour(read.wallet, read.readAt) : null), [read]);

  const burn = accountBurn(resources);
  const runway = balance === null || burn === null ? null : runwayMs(balance, burn);

  useRunwayAlert(runway, onAlert, () => runwayAlertText(balance ?? 0, burn ?? 0, runway ?? 0));

  return {
    money: { burn, trend: history.trend(), balance, runwayMs: runway, billedLastHour },
    wallet: read?.wallet ?? null,
    billed,
    observe(kind, rows, at) {
      const rate = viewFor(kind).burnRate;
      if (!rate) return;
      const change = history.observe(kind, sumRates(rows, rate), at);
      if (!change) return;
      tracker.note(
        kind,
        {
          id: BURN_EVENT_ID,
          name: 'burn rate',
          from: perHour(change.from),
          to: `${perHour(change.to)} (${signedPerHour(change.to - change.from)})`,
        },
        at,
      );
    },
  };
}

/**
 * The sum over every kind that bills, once each has loaded: a total of the
 * disks alone while the pods load would be a wrong figure, not a partial one.
 * A kind that failed to load is left out rather than holding the rest back;
 * when none has loaded the rate is unknown (null), never $0.00.
 */
function accountBurn(resources: Record<ResourceKind, ResourceState>): number | null {
  let burn = 0;
  let loaded = false;
  for (const kind of RESOURCE_KINDS) {
    const rate = viewFor(kind).burnRate;
    if (!rate) continue;
    const { data, error } = resources[kind];
    if (data) {
      burn += sumRates(data.items, rate);
      loaded = true;
    } else if (!error) return null;
  }
  return loaded ? burn : null;
}

/** One notification when the runway falls below RUNWAY_ALERT_MS; another only after it has been back above a day (a top-up). */
function useRunwayAlert(
  runway: number | null,
  onAlert: ((text: string) => void) | undefined,
  describe: () => string,
): void {
  const alerted = useRef(false);
  const low = runway !== null && runway < RUNWAY_ALERT_MS;
  const recovered = runway !== null && runway >= RUNWAY_WARNING_MS;
  useEffect(() => {
    if (recovered) alerted.current = false;
    if (!low || alerted.current || !onAlert) return;
    alerted.current = true;
    onAlert(describe());
    // describe only words the message; the alert follows the two thresholds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [low, recovered, onAlert]);
}
