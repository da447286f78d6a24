/**
 * The simulated account's money: a wallet that the running resources draw
 * down. What bills is the service's business, so the simulator states its own
 * rule rather than borrowing the client's: running and unknown resources at
 * `priceHr`, stopped ones at `stoppedPriceHr`, provisioning and pending ones
 * at `provisioningPriceHr`, anything else nothing.
 */
import { HOUR } from './time.js';

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
 * The balance, charged whenever the clock moves at the rate billed at that
 * moment (the clock moves at least every background step, 250 ms of real
 * time, so a change of rate is billed from within one step of it).
 */
export class SimWallet {
  constructor(
    private balanceUsd: number,
    private chargedTo: number,
  ) {}

  get balance(): number {
    return this.balanceUsd;
  }

  /** Sets the balance as of `now` (control API: "the account has $5 left"). */
  set(balance: number, now: number): void {
    this.balanceUsd = balance;
    this.chargedTo = now;
  }

  charge(now: number, perHour: number): void {
    if (now <= this.chargedTo) return;
    this.balanceUsd -= (perHour * (now - this.chargedTo)) / HOUR;
    this.chargedTo = now;
  }
}
