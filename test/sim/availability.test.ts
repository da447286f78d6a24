/**
 * The simulator's GPU market: offers over several pages of both endpoints,
 * filters compared exactly, the documented paging, a market that moves on
 * its own with churn and is steered by hand through the control API.
 */
import { describe, expect, it } from 'vitest';
import { startSimulator, type AvailabilityPage, type GpuAvailability, type OfferRecord } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { control, prime, START, type ErrorBody } from './helpers.js';

const sim = await simulatorForFile({ seed: 21, startTime: START });
const PATHS = ['/api/v1/availability/gpus', '/api/v1/availability/multi-node'] as const;

async function everyPage(path: string, query = ''): Promise<GpuAvailability[]> {
  const offers: GpuAvailability[] = [];
  for (let page = 1; page < 20; page++) {
    const res = await prime<AvailabilityPage>(sim, `${path}?page=${page}&page_size=100${query}`);
    expect(res.status).toBe(200);
    offers.push(...res.body.items);
    if (offers.length >= res.body.totalCount) return offers;
  }
  throw new Error('more pages than expected');
}

describe('the availability endpoints', () => {
  it('list single machines and clusters over more than one page, each offer once', async () => {
    for (const path of PATHS) {
      const offers = await everyPage(path);
      expect(offers.length).toBeGreaterThan(100);
      const keys = offers.map((o) => [o.cloudId, o.provider, o.dataCenter, o.socket, o.gpuCount, o.security].join('|'));
      expect(new Set(keys).size).toBe(offers.length);
    }
    const clusters = await everyPage(PATHS[1]);
    expect(clusters.every((o) => o.interconnect !== null && o.gpuCount >= 16)).toBe(true);
    const single = await everyPage(PATHS[0]);
    // Both kinds of price, as the market has them: community (sometimes beside on demand) and on demand.
    expect(single.some((o) => o.prices.communityPrice !== null && o.security === 'community_cloud')).toBe(true);
    expect(single.some((o) => o.prices.communityPrice !== null && o.prices.onDemand !== null)).toBe(true);
    expect(single.some((o) => o.prices.communityPrice === null && o.prices.onDemand !== null)).toBe(true);
    expect(new Set(single.map((o) => o.stockStatus))).toEqual(
      new Set(['High', 'Medium', 'Low', 'Available', 'Unavailable']),
    );
  });

  it('honour gpu_type, gpu_count and regions (repeated) exactly, with totalCount counting what matched', async () => {
    const all = await everyPage(PATHS[0]);
    const one = all[0]!;
    const byType = await everyPage(PATHS[0], `&gpu_type=${one.gpuType}`);
    expect(byType.length).toBe(all.filter((o) => o.gpuType === one.gpuType).length);
    const both = await everyPage(PATHS[0], `&gpu_count=${one.gpuCount}&regions=eu_west&regions=${one.region}`);
    expect(both).toEqual(
      all.filter((o) => o.gpuCount === one.gpuCount && (o.region === 'eu_west' || o.region === one.region)),
    );
  });

  it('page from 1, at most 100 a page (422 above), past the end an empty page', async () => {
    const first = await prime<AvailabilityPage>(sim, `${PATHS[0]}?page_size=30`);
    const second = await prime<AvailabilityPage>(sim, `${PATHS[0]}?page_size=30&page=2`);
    expect(first.body.items).toHaveLength(30);
    expect(second.body.items[0]).toEqual((await everyPage(PATHS[0]))[30]);
    const beyond = await prime<AvailabilityPage>(sim, `${PATHS[0]}?page=50`);
    expect(beyond.body).toEqual({ items: [], totalCount: first.body.totalCount });
    const refused = await prime<ErrorBody>(sim, `${PATHS[1]}?page_size=101`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]?.param).toBe('page_size');
    expect((await prime(sim, `${PATHS[1]}?page=0`)).status).toBe(422);
    expect((await prime(sim, PATHS[0], null)).status).toBe(401);
  });

  it('can be steered over HTTP: an offer changed, added, removed', async () => {
    const listed = (await control<OfferRecord[]>(sim, 'GET', '/_sim/offers')).body;
    const target = listed.find((record) => record.endpoint === 'gpus')!;
    const changed = await control<OfferRecord>(sim, 'PATCH', `/_sim/offers/${target.id}`, {
      stockStatus: 'High',
      prices: { communityPrice: 1.23 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.offer).toMatchObject({
      stockStatus: 'High',
      prices: { communityPrice: 1.23, currency: 'USD' },
    });
    const page = await everyPage(PATHS[0]);
    expect(
      page.find((o) => o.cloudId === target.offer.cloudId && o.dataCenter === target.offer.dataCenter),
    ).toMatchObject({
      stockStatus: 'High',
    });

    const added = await control<OfferRecord>(sim, 'POST', '/_sim/offers/multi-node', {
      cloudId: 'test-cluster',
      stockStatus: 'Low',
    });
    expect(added.status).toBe(201);
    expect((await everyPage(PATHS[1])).at(-1)).toMatchObject({ cloudId: 'test-cluster', stockStatus: 'Low' });
    expect((await control(sim, 'DELETE', `/_sim/offers/${added.body.id}`)).status).toBe(204);
    expect((await everyPage(PATHS[1])).some((o) => o.cloudId === 'test-cluster')).toBe(false);
    expect((await control(sim, 'DELETE', `/_sim/offers/${added.body.id}`)).status).toBe(404);
    expect((await control(sim, 'POST', '/_sim/offers/clusters', {})).status).toBe(404);
  });
});

describe('the market over time', () => {
  it('with churn, stock and prices drift and offers come and go; the same seed gives the same history', async () => {
    const histories: string[] = [];
    for (let run = 0; run < 2; run++) {
      const world = await startSimulator({
        seed: 8,
        clockMultiplier: 0,
        startTime: START,
        offers: { gpus: 30, multiNode: 10 },
      });
      try {
        const before = world.control.offers();
        world.control.advance(30 * 60_000);
        const after = world.control.offers();
        const beforeIds = new Set(before.map((r) => r.id));
        const afterIds = new Set(after.map((r) => r.id));
        expect([...afterIds].some((id) => !beforeIds.has(id))).toBe(true);
        expect([...beforeIds].some((id) => !afterIds.has(id))).toBe(true);
        const kept = after.filter((r) => beforeIds.has(r.id));
        const was = new Map(before.map((r) => [r.id, r.offer]));
        expect(kept.some((r) => r.offer.stockStatus !== was.get(r.id)!.stockStatus)).toBe(true);
        expect(kept.some((r) => r.offer.prices.onDemand !== was.get(r.id)!.prices.onDemand)).toBe(true);
        histories.push(JSON.stringify(after));
      } finally {
        await world.close();
      }
    }
    expect(histories[0]).toBe(histories[1]);
  });

  it('without churn, nothing moves but what the control API moves', () => {
    const before = JSON.stringify(sim.control.offers());
    sim.control.advance(60 * 60_000);
    expect(JSON.stringify(sim.control.offers())).toBe(before);
  });
});
