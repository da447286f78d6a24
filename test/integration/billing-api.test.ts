/**
 * Money over real HTTP against the simulator: the wallet as the official
 * client asks for it, a balance the running resources draw down, the burn
 * rate cloudtop adds up from the lists against a sum computed here from the
 * raw JSON, and the pods history with what each pod cost.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { sumRates } from '../../src/billing/burn-rate.js';
import { billedInLastHour } from '../../src/billing/billings.js';
import { VIEWS } from '../../src/views/index.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ seed: 19, counts: { pods: 12, disks: 5, sandboxes: 0, nodes: 0 } });
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });
const HOUR = 3_600_000;

beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

/** The raw list as JSON, read here without cloudtop's client. */
async function raw(path: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.primeKey}` } });
  return ((await response.json()) as { data: Record<string, unknown>[] }).data;
}

/** What a resource bills, written out from the three prices' names (see src/views/billing.ts for the reasoning). */
function billed(item: Record<string, unknown>): number {
  const price = {
    ACTIVE: item.priceHr,
    UNKNOWN: item.priceHr,
    STOPPED: item.stoppedPriceHr,
    PROVISIONING: item.provisioningPriceHr,
    PENDING: item.provisioningPriceHr,
  }[item.status as string];
  return typeof price === 'number' && price > 0 ? price : 0;
}

describe('the burn rate', () => {
  it('adds up, from the lists cloudtop reads, to the sum of the raw JSON and to what the simulator bills', async () => {
    sim.control.add('pods', { name: 'stopped-one', status: 'STOPPED', priceHr: 12.5, stoppedPriceHr: 0.07 });
    const [pods, disks] = await Promise.all([prime.listPodsWithStatus(), prime.listDisks()]);
    const ours = sumRates(pods.items, VIEWS.pods.burnRate!) + sumRates(disks.items, VIEWS.disks.burnRate!);
    const theirs = [...(await raw('/api/v1/pods?limit=100')), ...(await raw('/api/v1/disks?limit=100'))].reduce(
      (sum, item) => sum + billed(item),
      0,
    );
    expect(ours).toBeGreaterThan(1);
    expect(ours).toBeCloseTo(theirs, 9);
    expect(ours).toBeCloseTo(sim.control.wallet().burnRate, 9);
    // The stopped pod counts at its stopped price, not its running one.
    expect(pods.items.some((pod) => pod.name === 'stopped-one' && VIEWS.pods.burnRate!(pod) === 0.07)).toBe(true);
  });
});

describe('the wallet', () => {
  it('is read as `prime wallet` reads it, and goes down with the burn rate', async () => {
    const before = await prime.wallet();
    const request = sim.control.requests().find((entry) => entry.path === '/api/v1/billing/wallet');
    expect(request?.query).toEqual({ limit: ['100'], offset: ['0'] });
    expect(before.currency).toBe('USD');
    expect(before.balance_usd).toBeCloseTo(sim.control.wallet().balance, 2);
    const rate = sim.control.wallet().burnRate;
    sim.control.advance(HOUR / 2);
    const after = await prime.wallet();
    // Half an hour at the rate of the moment, give or take a cent of rounding (and a pod that changed state meanwhile).
    expect(before.balance_usd! - after.balance_usd!).toBeCloseTo(rate / 2, 0);
    expect(after.balance_usd!).toBeLessThan(before.balance_usd!);
  });

  it('reads billing rows page after page until they reach back past the last hour, which then bills the burn rate', async () => {
    const big = await simulatorForFile({ seed: 20, counts: { pods: 150, disks: 0, sandboxes: 0, nodes: 0 } });
    const client = createPrimeClient({ baseUrl: big.url, apiKey: big.primeKey });
    const wallet = await client.wallet();
    const offsets = big.control
      .requests()
      .filter((entry) => entry.path === '/api/v1/billing/wallet')
      .map((entry) => entry.query.offset?.[0]);
    expect(offsets.length).toBeGreaterThan(1);
    expect(offsets).toEqual(offsets.map((_, page) => String(page * 100)));
    expect(new Set(wallet.recent_billings.map((row) => row.id)).size).toBe(wallet.recent_billings.length);
    // Nothing changes state (no churn, a frozen clock): the last hour billed each pod's rate, for as much of it as it existed.
    const now = big.control.now();
    const lastHour = big.control
      .list('pods')
      .reduce(
        (sum, pod) =>
          sum +
          (billed(pod as unknown as Record<string, unknown>) * Math.min(HOUR, now - Date.parse(pod.createdAt))) / HOUR,
        0,
      );
    expect(billedInLastHour(wallet, now)).toBeCloseTo(lastHour, 1);
  });

  it("asks for the team's wallet when a team is set", async () => {
    const team = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey, teamId: 'team-9' });
    expect((await team.wallet()).team_id).toBe('team-9');
    expect(sim.control.requests().find((entry) => entry.path === '/api/v1/billing/wallet')?.query.teamId).toEqual([
      'team-9',
    ]);
  });

  it('is a refusal, not a crash, for a key without billing permission', async () => {
    sim.control.injectFault({ path: '/api/v1/billing/wallet', count: 1, fault: { status: 403 } });
    const error = await prime.wallet().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isRefusal).toBe(true);
  });
});

describe('the pods history', () => {
  it('lists ended pods with the fields of the official HistoryObj, and a pod that ends joins it with its cost', async () => {
    const before = await prime.listPodHistory();
    expect(before.items.length).toBeGreaterThan(0);
    const rawTotal = (await raw('/api/v1/pods/history?limit=100')).reduce(
      (sum, entry) => sum + (entry.totalBilledPrice as number),
      0,
    );
    expect(sumRates(before.items, VIEWS.history.total!.of)).toBeCloseTo(rawTotal, 9);
    for (const entry of before.items) {
      expect(entry.type).toMatch(/^(HOSTED|CLUSTER)$/);
      expect(entry.totalBilledPrice).toBeGreaterThanOrEqual(0);
    }

    const started = new Date(sim.control.now() - 2 * HOUR).toISOString();
    const pod = sim.control.add('pods', {
      name: 'two-hours-at-ten',
      status: 'ACTIVE',
      priceHr: 10,
      createdAt: started,
    });
    await prime.deletePod(pod.id);
    sim.control.advance(5 * 60_000);
    const after = await prime.listPodHistory();
    const ended = after.items.find((entry) => entry.id === pod.id);
    // About two hours at $10: the delete takes a moment of sim time to finish.
    expect(ended?.totalBilledPrice).toBeGreaterThanOrEqual(20);
    expect(ended?.totalBilledPrice).toBeLessThan(22);
    expect(after.items.length).toBe(before.items.length + 1);
  });
});
