/**
 * The simulated account's money: a wallet that the running resources draw
 * down. What bills is the service's business, so the simulator states its own
 * rule rather than borrowing the client's: running and unknown resources at
 * `priceHr`, stopped ones at `stoppedPriceHr`, provisioning and pending ones
 * at `provisioningPriceHr`, anything else nothing.
 */
import { HOUR } from '../time.js';
import { BillingLedger, type Charge } from './ledger.js';

export interface Priced {
  status: string;
  priceHr: number | null;
  stoppedPriceHr: number | null;
  provisioningPriceHr: number | null;
}

export function billedPerHour(resource: Priced): number {
  const price =
    resource.status === 'ACTIVE' || resource.status === 'UNKNOWN'
      ? resource.priceHr
      : resource.status === 'STOPPED'
        ? resource.stoppedPriceHr
        : resource.status === 'PROVISIONING' || resource.status === 'PENDING'
          ? resource.provisioningPriceHr
          : 0;
  return typeof price === 'number' && price > 0 ? price : 0;
}

/**
 * The balance, charged whenever the clock moves at the rate each resource
 * bills at that moment (the clock moves at least every background step, so a
 * change of rate is billed from within one step of it), and the billing rows
 * that charging writes (ledger.ts): what the rows add up to since start is
 * exactly what the balance lost.
 */
/** Sim time between charges at least: a second's billing late is nothing to a wallet. */
const CHARGE_STEP_MS = 1_000;

export class SimWallet {
  readonly ledger: BillingLedger;
  private chargedUsd = 0;

  constructor(
    private balanceUsd: number,
    private chargedTo: number,
    idPrefix: string,
  ) {
    this.ledger = new BillingLedger(idPrefix);
  }

  get balance(): number {
    return this.balanceUsd;
  }

  /** What has been charged since the simulator started (the rows made up before it not counted). */
  get charged(): number {
    return this.chargedUsd;
  }

  /** Sets the balance as of `now` (control API: "the account has $5 left"). */
  set(balance: number, now: number): void {
    this.balanceUsd = balance;
    this.chargedTo = now;
  }

  /** Bills each resource from the last charge to `now`, at what it bills now. */
  charge(now: number, charges: Iterable<Charge>): void {
    // Each request steps the world; a large one billed per request would bill every resource hundreds of times a poll.
    if (now - this.chargedTo < CHARGE_STEP_MS) return;
    let billed = 0;
    for (const charge of charges) billed += this.ledger.bill(charge, this.chargedTo, now);
    this.balanceUsd -= billed;
    this.chargedUsd += billed;
    this.chargedTo = now;
  }

  /** Rows for the `hours` before `start`, at what each resource bills at start (since it was created): a history to read on first look. */
  seedHistory(charges: Iterable<Charge>, start: number, hours: number): void {
    for (const charge of charges) this.ledger.bill(charge, start - hours * HOUR, start);
  }
}

/** What each pod (`compute`, as the official client's rows name it) and disk bills per hour now. */
export function* chargesOf(
  pods: Iterable<Priced & { id: string; createdAt: string }>,
  disks: Iterable<Priced & { id: string; createdAt: string }>,
): Generator<Charge> {
  for (const pod of pods)
    yield { id: pod.id, type: 'compute', perHour: billedPerHour(pod), since: Date.parse(pod.createdAt) };
  for (const disk of disks)
    yield { id: disk.id, type: 'disks', perHour: billedPerHour(disk), since: Date.parse(disk.createdAt) };
}
