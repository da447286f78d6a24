import { describe, expect, it } from 'vitest';
import type { DispersedNode } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { type NodePage, START, dispersed } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 120 } });
// A few deleted nodes, to prove they are hidden unless asked for.
const deleted = sim.control
  .list('nodes')
  .slice(0, 4)
  .map((n) => n.uuid);
for (const id of deleted) sim.control.setStatus('nodes', id, 'DELETED');
const all: DispersedNode[] = sim.control.list('nodes');
const visible = all.filter((n) => n.status !== 'DELETED');

async function list(query: string): Promise<NodePage<DispersedNode>> {
  const res = await dispersed<NodePage<DispersedNode>>(sim, `/v1/nodes?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function listAll(query: string): Promise<DispersedNode[]> {
  const out: DispersedNode[] = [];
  for (let page = 1; ; page++) {
    const body = await list(`${query}&limit=50&page=${page}`);
    out.push(...body.data);
    if (body.data.length < 50) return out;
  }
}

const uuids = (nodes: DispersedNode[]): string[] => nodes.map((n) => n.uuid).sort();

describe('GET /v1/nodes pagination', () => {
  it('pages 120 nodes over limit 50', async () => {
    const fresh = await simulatorForFile({ startTime: START, counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 120 } });
    const pages = await Promise.all(
      [1, 2, 3, 4].map(
        async (page) => (await dispersed<NodePage<DispersedNode>>(fresh, `/v1/nodes?limit=50&page=${page}`)).body,
      ),
    );
    expect(pages.map((p) => p.data.length)).toEqual([50, 50, 20, 0]);
    expect(pages.map((p) => [p.total, p.limit, p.page])).toEqual([
      [120, 50, 1],
      [120, 50, 2],
      [120, 50, 3],
      [120, 50, 4],
    ]);
    expect(new Set(pages.flatMap((p) => p.data.map((n) => n.uuid))).size).toBe(120);
  });

  it('defaults to page 1 and limit 20, newest first', async () => {
    const body = await list('');
    expect(body).toMatchObject({ page: 1, limit: 20, total: visible.length });
    const created = body.data.map((n) => Date.parse(n.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});

describe('GET /v1/nodes sort', () => {
  const cases: [string, (n: DispersedNode) => number | string][] = [
    ['created_at', (n) => Date.parse(n.created_at)],
    ['updated_at', (n) => Date.parse(n.updated_at)],
    ['last_seen_at', (n) => Date.parse(n.last_seen_at)],
    ['name', (n) => n.name],
    ['reputation', (n) => n.reputation],
  ];
  it.each(cases)('sort=%s and -%s', async (key, value) => {
    for (const descending of [false, true]) {
      const nodes = await listAll(`sort=${descending ? '-' : ''}${key}`);
      expect(nodes).toHaveLength(visible.length);
      const values = nodes.map(value);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values).toEqual(descending ? sorted.reverse() : sorted);
    }
  });
});

describe('GET /v1/nodes filters', () => {
  it('hides DELETED nodes unless include_deleted or filter[status] asks for them', async () => {
    expect(uuids(await listAll(''))).toEqual(uuids(visible));
    expect(uuids(await listAll('filter[include_deleted]=false'))).toEqual(uuids(visible));
    expect(uuids(await listAll('filter[include_deleted]=true'))).toEqual(uuids(all));
    expect(uuids(await listAll('filter[status]=DELETED'))).toEqual([...deleted].sort());
    const deletedNode = all.find((n) => n.uuid === deleted[0]);
    expect(deletedNode?.deleted_at).toEqual(expect.any(String));
  });

  it('filter[status]: one value or a comma-separated list', async () => {
    for (const status of ['AVAILABLE', 'WORKING', 'OFFLINE']) {
      expect(uuids(await listAll(`filter[status]=${status}`))).toEqual(uuids(all.filter((n) => n.status === status)));
    }
    const both = await listAll('filter[status]=AVAILABLE,WORKING');
    expect(uuids(both)).toEqual(uuids(all.filter((n) => n.status === 'AVAILABLE' || n.status === 'WORKING')));
    expect(both.length).toBeGreaterThan(0);
  });

  it('filter[name]: case-insensitive substring', async () => {
    const prefix = (visible[0]?.name ?? '').slice(0, 3);
    const got = await listAll(`filter[name]=${prefix.toUpperCase()}-GPU`);
    expect(uuids(got)).toEqual(uuids(visible.filter((n) => n.name.includes(`${prefix}-gpu`))));
    expect(got.length).toBeGreaterThan(0);
  });

  it('filter[created_at] and filter[last_seen_at]: from,to ranges', async () => {
    const from = new Date(START - 120 * 86400_000).toISOString();
    const to = new Date(START - 30 * 86400_000).toISOString();
    const got = await listAll(`filter[created_at]=${from},${to}`);
    const expected = visible.filter(
      (n) => Date.parse(n.created_at) >= Date.parse(from) && Date.parse(n.created_at) <= Date.parse(to),
    );
    expect(uuids(got)).toEqual(uuids(expected));
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(visible.length);
    // Date-only bounds; an open end.
    const since = new Date(START - 60 * 86400_000).toISOString().slice(0, 10);
    expect(uuids(await listAll(`filter[created_at]=${since},`))).toEqual(
      uuids(visible.filter((n) => Date.parse(n.created_at) >= Date.parse(since))),
    );
    // Offline nodes stopped reporting a while ago.
    const recent = await listAll(`filter[last_seen_at]=${new Date(START - 60_000).toISOString()},`);
    expect(uuids(recent)).toEqual(uuids(visible.filter((n) => Date.parse(n.last_seen_at) >= START - 60_000)));
    expect(recent.every((n) => n.status !== 'OFFLINE')).toBe(true);
  });

  it('filter[operator_account_uuid], filter[uuid]', async () => {
    const operator = visible[0]?.operator_account_uuid ?? '';
    expect(uuids(await listAll(`filter[operator_account_uuid]=${operator}`))).toEqual(
      uuids(visible.filter((n) => n.operator_account_uuid === operator)),
    );
    const one = visible[3] as DispersedNode;
    const got = await list(`filter[uuid]=${one.uuid}`);
    expect(got.total).toBe(1);
    expect(got.data[0]).toEqual(one);
  });

  it('location filters: country, continent, subdivision, compliance tags', async () => {
    const eu = await listAll('filter[continent_code]=EU');
    expect(uuids(eu)).toEqual(uuids(visible.filter((n) => n.continent_code === 'EU')));
    expect(eu.length).toBeGreaterThan(0);
    expect(uuids(await listAll('filter[country_iso_code]=us'))).toEqual(
      uuids(visible.filter((n) => n.country_iso_code === 'US')),
    );
    expect(uuids(await listAll('filter[subdivision_iso_code]=US-CA'))).toEqual(
      uuids(visible.filter((n) => n.subdivision_iso_code === 'US-CA')),
    );
    const gdpr = await listAll('filter[compliance_tags]=GDPR');
    expect(uuids(gdpr)).toEqual(uuids(visible.filter((n) => n.compliance_tags.includes('GDPR'))));
    const eea = await listAll('filter[compliance_tags]=EEA');
    expect(eea.length).toBeGreaterThan(0);
    expect(eea.length).toBeLessThanOrEqual(gdpr.length);
  });

  it('combines filters with sort and paging', async () => {
    const body = await list(
      'filter[continent_code]=EU,NA&filter[status]=AVAILABLE,WORKING&sort=-reputation&limit=5&page=1',
    );
    const expected = visible.filter(
      (n) => ['EU', 'NA'].includes(n.continent_code) && ['AVAILABLE', 'WORKING'].includes(n.status),
    );
    expect(body.total).toBe(expected.length);
    expect(body.data.length).toBe(Math.min(5, expected.length));
    const reps = body.data.map((n) => n.reputation);
    expect(reps).toEqual([...reps].sort((a, b) => b - a));
  });
});

describe('GET /v1/nodes validation', () => {
  it.each([
    'limit=0',
    'limit=51',
    'limit=x',
    'page=0',
    'page=9007199254740992',
    'sort=price',
    'sort=-',
    'filter[status]=BUSY',
    'filter[status]=AVAILABLE,NOPE',
    'filter[continent_code]=EUROPE',
    'filter[compliance_tags]=HIPAA',
    'filter[include_deleted]=maybe',
    'filter[created_at]=yesterday',
    'filter[last_seen_at]=2024-01-01',
    'filter[colour]=red',
  ])('422 for %s, naming the parameter', async (query) => {
    const res = await dispersed<{ statusCode: number; message: string }>(sim, `/v1/nodes?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.statusCode).toBe(422);
    expect(res.body.message).toContain(query.split('=')[0]);
  });

  it('404s unknown paths', async () => {
    expect((await dispersed(sim, '/v1/nodes/abc')).status).toBe(404);
    expect((await dispersed(sim, '/v1/pods')).status).toBe(404);
  });
});

describe('live telemetry', () => {
  it('moves GPU load and last_seen_at with the clock when the world churns', async () => {
    const live = await simulatorForFile({
      startTime: START,
      churn: true,
      counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 40 },
    });
    const working = (): DispersedNode[] =>
      live.control.list('nodes').filter((n) => n.status === 'WORKING' || n.status === 'AVAILABLE');
    const before = new Map(working().map((n) => [n.uuid, n]));
    live.control.advance(30_000);
    const after = working().filter((n) => before.has(n.uuid));
    expect(after.length).toBeGreaterThan(5);
    let loadsChanged = 0;
    for (const node of after) {
      const old = before.get(node.uuid) as DispersedNode;
      expect(Date.parse(node.last_seen_at)).toBeGreaterThan(Date.parse(old.last_seen_at));
      expect(node.latest_hardware_event?.timestamp_ms).toBe(Date.parse(node.last_seen_at));
      if (
        JSON.stringify(node.latest_hardware_event?.metadata.gpu) !==
        JSON.stringify(old.latest_hardware_event?.metadata.gpu)
      )
        loadsChanged++;
      const gpu = node.latest_hardware_event?.metadata.gpu;
      const mean = (gpu?.gpus ?? []).reduce((a, g) => a + g.load, 0) / (gpu?.gpus.length ?? 1);
      expect(gpu?.average).toBeCloseTo(mean, 0);
    }
    expect(loadsChanged).toBeGreaterThan(after.length / 2);
    // Working nodes are busy; available ones mostly idle.
    for (const node of live.control.list('nodes')) {
      const avg = node.latest_hardware_event?.metadata.gpu.average ?? 0;
      if (node.status === 'WORKING') expect(avg).toBeGreaterThanOrEqual(70);
      if (node.status === 'AVAILABLE') expect(avg).toBeLessThanOrEqual(10);
    }
  });

  it('stays still without churn', async () => {
    const before = sim.control.list('nodes');
    sim.control.advance(120_000);
    expect(sim.control.list('nodes')).toEqual(before);
  });
});
