/**
 * The offers as the client reads them, over real HTTP: from the simulator,
 * and from a small server of the test's own that lies about its total.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { officialShortId, offerPrice, pricePerGpu } from '../../src/api/prime/offers.js';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { printOnce } from '../../src/cli/once.js';
import { createFetchers } from '../../src/data/sources.js';
import { EMPTY_FILTER, parseFilter } from '../../src/filter/index.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ seed: 3, offers: { gpus: 230, multiNode: 130 } });
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });

beforeEach(() => sim.control.clearRequests());

const pagesOf = (path: string) =>
  sim.control
    .requests()
    .filter((r) => r.path === path)
    .map((r) => [r.query['page']?.[0], r.query['page_size']?.[0]]);

describe('listOffers', () => {
  it('reads every page of both endpoints, as the official client asks for them, single machines first', async () => {
    const list = await prime.listOffers();
    expect(list.items).toHaveLength(360);
    expect(list.total).toBe(360);
    expect(list.truncated).toBe(false);
    expect(list.pages).toBe(5);
    expect(pagesOf('/api/v1/availability/gpus')).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ]);
    expect(pagesOf('/api/v1/availability/multi-node')).toEqual([
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(list.items.slice(0, 230).every((offer) => !offer.multiNode)).toBe(true);
    expect(list.items.slice(230).every((offer) => offer.multiNode)).toBe(true);
    expect(new Set(list.items.map((offer) => offer.id)).size).toBe(360);
  });

  it('sends gpu_type, gpu_count (as a string) and regions (repeated) to both endpoints, and gets only those', async () => {
    const list = await prime.listOffers({ gpuType: 'H100_80GB', gpuCount: 8, regions: ['eu_west', 'united_states'] });
    for (const path of ['/api/v1/availability/gpus', '/api/v1/availability/multi-node']) {
      const [request] = sim.control.requests().filter((r) => r.path === path);
      expect(request?.query).toMatchObject({
        gpu_type: ['H100_80GB'],
        gpu_count: ['8'],
        regions: ['eu_west', 'united_states'],
      });
    }
    for (const offer of list.items) {
      expect(offer).toMatchObject({ gpuType: 'H100_80GB', gpuCount: 8 });
      expect(['eu_west', 'united_states']).toContain(offer.region);
    }
  });

  it('takes values the docs do not list as sent, and prices as the official client does', async () => {
    const [record] = sim.control.offers('gpus');
    sim.control.setOffer(record!.id, {
      stockStatus: 'Scarce',
      socket: 'OAM',
      security: 'sovereign_cloud',
      prices: { onDemand: 24, communityPrice: 16, isVariable: null, currency: 'USD' },
      gpuCount: 8,
    });
    const offer = (await prime.listOffers()).items.find(
      (o) => o.cloudId === record!.offer.cloudId && o.dataCenter === record!.offer.dataCenter,
    );
    expect(offer).toMatchObject({ stockStatus: 'Scarce', socket: 'OAM', security: 'sovereign_cloud' });
    // Community wins over on demand; per GPU-hour divides by the count.
    expect(offerPrice(offer!)).toBe(16);
    expect(pricePerGpu(offer!)).toBe(2);
    expect(officialShortId(offer!)).toMatch(/^[0-9a-f]{6}$/);
  });

  it('parses nothing again for a poll whose pages did not change: the same offers, the same objects', async () => {
    const first = await prime.listOffers();
    const second = await prime.listOffers();
    expect(second.items).toHaveLength(first.items.length);
    second.items.forEach((offer, index) => expect(offer).toBe(first.items[index]));
  });

  it('stops at the cap and says so', async () => {
    const list = await prime.listOffers({}, { cap: 150 });
    expect(list.items).toHaveLength(150);
    expect(list.truncated).toBe(true);
  });
});

describe('--once --tab availability', () => {
  const fetchers = createFetchers({
    prime,
    dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
  });
  const print = async (output: 'table' | 'json', filter = EMPTY_FILTER) => {
    let stdout = '';
    const status = await printOnce(
      fetchers,
      { kind: 'availability', filter, showGone: false, output },
      { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: () => true } },
    );
    return { status, stdout };
  };

  it('prints every offer as JSON, cheapest GPU-hour first', async () => {
    const { status, stdout } = await print('json');
    expect(status).toBe(0);
    const offers = JSON.parse(stdout) as { id: string; gpuCount: number; prices: { onDemand: number | null } }[];
    expect(offers).toHaveLength(360);
    const perGpu = offers.map((o) => pricePerGpu(o as never)).filter((p): p is number => p !== null);
    expect(perGpu).toEqual([...perGpu].sort((a, b) => a - b));
  });

  it('prints a table narrowed by the offer terms, sending the exact ones to the server', async () => {
    const parsed = parseFilter('gpu=H100_80GB count>=2 stock:high,medium');
    if (!parsed.ok) throw new Error(parsed.error);
    sim.control.clearRequests();
    const { stdout } = await print('table', parsed.filter);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^GPU +STOCK +PROVIDER +LOCATION +\$\/HR +\$\/GPU·HR$/);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^H100_80GB×\d+ +(High|Medium) /);
    expect(sim.control.requests().every((r) => r.query['gpu_type']?.[0] === 'H100_80GB')).toBe(true);
  });
});

describe('a server that lies about its total', () => {
  /** Claims a million offers; sends `pages` pages of fresh ones, then the same page again and again. */
  async function lyingServer(
    pages: number,
  ): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      const n = Math.min(page, pages);
      const items = Array.from({ length: 3 }, (_, i) => ({
        cloudId: `c-${n}-${i}`,
        gpuType: 'H100_80GB',
        gpuCount: 1,
        stockStatus: 'Low',
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: page > pages + 2 ? [] : items, totalCount: 1_000_000 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      requests: () => requests,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  const servers: { close: () => Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('is read until a page brings nothing new, not for ever', async () => {
    const liar = await lyingServer(2);
    servers.push(liar);
    const client = createPrimeClient({ baseUrl: liar.url, apiKey: 'k' });
    const list = await client.listOffers();
    // Pages 1 and 2 are new; page 3 repeats page 2 on each endpoint and ends it.
    expect(list.items).toHaveLength(12);
    expect(liar.requests()).toBe(6);
  });
});
