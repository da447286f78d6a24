import { beforeEach, describe, expect, it } from 'vitest';
import { createDispersedClient, DISPERSED_NO_KEYS } from '../../src/api/dispersed/client.js';
import { ApiError } from '../../src/api/errors.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ counts: { pods: 5, disks: 5, sandboxes: 5, nodes: 120 } });
const dispersed = createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys });

beforeEach(() => sim.control.clearRequests());

const nodeRequests = () => sim.control.requests().filter((r) => r.path === '/v1/nodes');

describe('nodes', () => {
  it('lists 120 nodes in pages of at most 50', async () => {
    const result = await dispersed.listNodes();
    expect(result.total).toBe(120);
    expect(result.items.length).toBe(120);
    expect(new Set(result.items.map((n) => n.id)).size).toBe(120);
    const pages = nodeRequests().map((r) => [r.query.page?.[0], r.query.limit?.[0]]);
    expect(pages.sort()).toEqual([
      ['1', '50'],
      ['2', '50'],
      ['3', '50'],
    ]);
    for (const request of nodeRequests()) expect(request.auth).toBe('valid');
  });

  it('sends sort and filter[...] parameters as documented and gets matching nodes', async () => {
    const result = await dispersed.listNodes({
      sort: '-created_at',
      filter: { status: 'AVAILABLE', continent_code: 'EU', include_deleted: false },
    });
    const [request] = nodeRequests();
    expect(request!.query).toMatchObject({
      sort: ['-created_at'],
      'filter[status]': ['AVAILABLE'],
      'filter[continent_code]': ['EU'],
      'filter[include_deleted]': ['false'],
    });
    expect(result.items.length).toBeGreaterThan(0);
    for (const node of result.items) expect(node.status).toBe('AVAILABLE');
    const created = result.items.map((n) => Date.parse(n.created_at ?? ''));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('reads the GPU load from the latest hardware event', async () => {
    const result = await dispersed.listNodes({}, { cap: 50 });
    const withLoad = result.items.filter((n) => typeof n.latest_hardware_event?.metadata?.gpu?.average === 'number');
    expect(withLoad.length).toBeGreaterThan(0);
  });
});

describe('signed requests', () => {
  it('every request of repeated polls is signed afresh: the simulator refuses a reused nonce, and accepts them all', async () => {
    for (let poll = 0; poll < 3; poll++) await dispersed.listNodes();
    expect(nodeRequests()).toHaveLength(9);
    for (const request of nodeRequests()) expect(request.auth).toBe('valid');
  });

  it('a retry is signed afresh: after a 503 the same nonce would be refused as a replay', async () => {
    sim.control.injectFault({ path: '/v1/nodes', count: 1, fault: { status: 503, retryAfter: 0 } });
    const result = await dispersed.listNodes();
    expect(result.items).toHaveLength(120);
    expect(nodeRequests().map((r) => r.status)).toEqual([503, 200, 200, 200]);
    for (const request of nodeRequests()) expect(request.auth).toBe('valid');
  });

  it('without a key pair, says what to set and sends nothing', async () => {
    const unsigned = createDispersedClient({ baseUrl: sim.url });
    await expect(unsigned.listNodes()).rejects.toMatchObject({
      kind: 'auth',
      api: 'Dispersed',
      message: DISPERSED_NO_KEYS,
    });
    const legacy = createDispersedClient({
      baseUrl: sim.url,
      missingKeys: 'Dispersed: DISPERSED_API_KEY is not enough',
    });
    await expect(legacy.listNodes()).rejects.toThrow('Dispersed: DISPERSED_API_KEY is not enough');
    expect(nodeRequests()).toHaveLength(0);
    expect(DISPERSED_NO_KEYS).toContain('DISPERSED_PUBLIC_KEY');
  });

  it("when this machine's clock is off, the refusal says so, and by how much", async () => {
    const ahead = await simulatorForFile({
      counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 3 },
      dispersedClockOffsetMs: 10 * 60_000,
    });
    const client = createDispersedClient({ baseUrl: ahead.url, keys: ahead.dispersedKeys, retryLimit: 0 });
    const error = await client.listNodes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      "Dispersed API refused the request's time (401): check this machine's clock: it is 10 min behind the server's (for example with timedatectl or ntpdate)",
    );
  });
});
