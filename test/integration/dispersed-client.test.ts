import { beforeEach, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed.js';
import { useSimulator } from '../helpers/sim.js';

const sim = await useSimulator({ counts: { pods: 5, disks: 5, sandboxes: 5, nodes: 120 } });
const dispersed = createDispersedClient({ baseUrl: sim.url, apiKey: sim.dispersedKey });

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
