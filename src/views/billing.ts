/**
 * What a resource costs per hour in the state it is in. The official client's
 * Pod and Disk models carry three prices (`prime_cli/api/pods.py`,
 * `disks.py`): `priceHr` while running, `stoppedPriceHr` while stopped (a
 * stopped pod keeps its disk), `provisioningPriceHr` while it is being set
 * up. Which status bills which price is not documented; this is the reading
 * the three names give:
 *
 * - STOPPED bills `stoppedPriceHr`;
 * - PROVISIONING and PENDING bill `provisioningPriceHr`;
 * - ERROR, DELETING and ended resources bill nothing;
 * - ACTIVE, and any other status, bills `priceHr`: UNKNOWN (the provider has
 *   lost track of it) and a status the API adds later may well be running,
 *   and a burn rate that errs should err towards spending.
 *
 * (Sandboxes carry no price at all, and Dispersed nodes are not billed to the
 * person watching them.)
 */
export interface Prices {
  priceHr: number | null;
  stoppedPriceHr?: number | null;
  provisioningPriceHr?: number | null;
}

type Billing = 'nothing' | 'stopped' | 'provisioning';

/** Statuses that do not bill `priceHr`. Looked up as sent first: upper-casing every status of 20,000 pods three times a poll cost 1–10 ms. */
const BILLING: ReadonlyMap<string, Billing> = new Map([
  ['ERROR', 'nothing'],
  ['DELETING', 'nothing'],
  ['TERMINATED', 'nothing'],
  ['TIMEOUT', 'nothing'],
  ['DELETED', 'nothing'],
  ['STOPPED', 'stopped'],
  ['PROVISIONING', 'provisioning'],
  ['PENDING', 'provisioning'],
]);

/** What it bills per hour now; null when the price that applies is not given (shown as `-`). */
export function billedRate(status: string, prices: Prices): number | null {
  const billing = BILLING.get(status) ?? (status === 'ACTIVE' ? undefined : BILLING.get(status.toUpperCase()));
  if (billing === 'nothing') return 0;
  const price =
    billing === 'stopped'
      ? prices.stoppedPriceHr
      : billing === 'provisioning'
        ? prices.provisioningPriceHr
        : prices.priceHr;
  // A negative or non-finite price is a bad answer, not a refund.
  return typeof price === 'number' && Number.isFinite(price) ? Math.max(0, price) : null;
}

/** The same for sums: a price not given counts as nothing, so the rate shown is what is known to be billed. */
export function hourlyRate(status: string, prices: Prices): number {
  return billedRate(status, prices) ?? 0;
}
