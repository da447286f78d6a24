import { beforeEach, describe, expect, it } from 'vitest';
import type { Disk, DispersedNode, Pod, RequestLogEntry, Sandbox } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, control, dispersed, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 6, disks: 4, sandboxes: 6, nodes: 6 } });

beforeEach(() => sim.control.clearRequests());

describe('request log', () => {
  it('records each API request with decoded, multi-valued query, auth, agent and status', async () => {
    const before = Date.now();
    await fetch(`${sim.url}/api/v1/sandbox?labels=team%3Aresearch&labels=env%3Aprod&status=RUNNING&per_page=5`, {
      headers: { authorization: `Bearer ${sim.primeKey}`, 'user-agent': 'cloudtop/9.9.9 (test)' },
    });
    await dispersed(sim, '/v1/nodes?filter[status]=AVAILABLE&sort=-name', {
      ...sim.dispersedKeys,
      secretKey: 'sk_bad',
    });
    await prime(sim, '/api/v1/pods/nope');
    const log: RequestLogEntry[] = sim.control.requests();
    expect(log).toHaveLength(3);
    expect(log[0]).toEqual({
      seq: expect.any(Number),
      at: expect.any(Number),
      api: 'prime',
      method: 'GET',
      path: '/api/v1/sandbox',
      query: { labels: ['team:research', 'env:prod'], status: ['RUNNING'], per_page: ['5'] },
      auth: 'valid',
      userAgent: 'cloudtop/9.9.9 (test)',
      status: 200,
    });
    expect(log[0]?.at).toBeGreaterThanOrEqual(before);
    expect(log[0]?.at).toBeLessThanOrEqual(Date.now());
    expect(log[1]).toMatchObject({
      api: 'dispersed',
      path: '/v1/nodes',
      query: { 'filter[status]': ['AVAILABLE'], sort: ['-name'] },
      auth: 'invalid',
      status: 401,
    });
    expect(log[2]).toMatchObject({ api: 'prime', status: 404 });
    const seqs = log.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(3);
  });

  it('leaves out control routes, returns copies, and clears', async () => {
    await control(sim, 'GET', '/_sim/resources/pods');
    await prime(sim, '/api/v1/disks');
    const log = sim.control.requests();
    expect(log.map((e) => e.path)).toEqual(['/api/v1/disks']);
    (log[0] as RequestLogEntry).path = 'mutated';
    expect(sim.control.requests()[0]?.path).toBe('/api/v1/disks');
    sim.control.clearRequests();
    expect(sim.control.requests()).toEqual([]);
  });

  it('is readable and clearable over HTTP', async () => {
    await prime(sim, '/api/v1/disks');
    const res = await control<RequestLogEntry[]>(sim, 'GET', '/_sim/requests');
    expect(res.body.map((e) => e.path)).toEqual(['/api/v1/disks']);
    expect((await control(sim, 'DELETE', '/_sim/requests')).status).toBe(204);
    expect(sim.control.requests()).toEqual([]);
  });
});

describe('in-process control', () => {
  it('list and get return deep copies', () => {
    const pods = sim.control.list('pods');
    const first = pods[0] as Pod;
    first.name = 'changed';
    first.primePortMapping.push({ internal: '1', external: '1', protocol: 'TCP', usedBy: 'X', description: '' });
    expect(sim.control.get('pods', first.id)?.name).not.toBe('changed');
    expect(sim.control.get('pods', 'missing')).toBeUndefined();
    const node = sim.control.list('nodes')[0] as DispersedNode;
    expect(sim.control.get('nodes', node.uuid)).toEqual(node);
  });

  it('add merges overrides into realistic defaults, and the API serves it', async () => {
    const disk = sim.control.list('disks').find((d) => d.status === 'ACTIVE') as Disk;
    const pod = sim.control.add('pods', {
      id: 'pod-added-1',
      name: 'my-pod',
      gpuName: 'H100_80GB',
      gpuCount: 8,
      attachedResources: [
        {
          id: disk.id,
          type: 'disk',
          status: 'ACTIVE',
          createdAt: disk.createdAt,
          size: disk.size,
          mountPath: '/data',
          resourcePath: '/dev/x',
          isDetachable: true,
          resourceType: 'DISK',
        },
      ],
    });
    expect(pod).toMatchObject({
      id: 'pod-added-1',
      name: 'my-pod',
      gpuName: 'H100_80GB',
      gpuCount: 8,
      status: 'PROVISIONING',
    });
    expect(pod.createdAt).toBe(new Date(sim.control.now()).toISOString());
    expect(typeof pod.providerType).toBe('string');
    expect((await prime<Pod>(sim, '/api/v1/pods/pod-added-1')).body).toEqual(pod);
    expect(sim.control.get('disks', disk.id)?.pods).toContain('pod-added-1');
    expect(() => sim.control.add('pods', { id: 'pod-added-1' })).toThrow(/already exists/);

    const sandbox: Sandbox = sim.control.add('sandboxes', { labels: ['only-me'], status: 'RUNNING' });
    expect(sandbox.startedAt).not.toBeNull();
    const found = await prime<{ sandboxes: Sandbox[] }>(sim, '/api/v1/sandbox?labels=only-me');
    expect(found.body.sandboxes.map((s) => s.id)).toEqual([sandbox.id]);

    const node = sim.control.add('nodes', { name: 'zzz-gpu-999', country_iso_code: 'IS' });
    const got = await dispersed<{ data: DispersedNode[] }>(sim, '/v1/nodes?filter[country_iso_code]=IS');
    expect(got.body.data.map((n) => n.uuid)).toEqual([node.uuid]);
    expect(sim.control.add('disks').status).toBe('PROVISIONING');
  });

  it('remove takes a resource out and unlinks it', async () => {
    const pod =
      sim.control.list('pods').find((p) => p.attachedResources.length > 0) ?? sim.control.get('pods', 'pod-added-1');
    const diskId = pod?.attachedResources[0]?.id ?? '';
    expect(sim.control.remove('pods', pod?.id ?? '')).toBe(true);
    expect(sim.control.remove('pods', pod?.id ?? '')).toBe(false);
    expect((await prime(sim, `/api/v1/pods/${pod?.id}`)).status).toBe(404);
    expect(sim.control.get('disks', diskId)?.pods).not.toContain(pod?.id);

    const disk = sim.control.list('disks')[0] as Disk;
    const mount = {
      id: disk.id,
      type: 'disk',
      status: disk.status,
      createdAt: disk.createdAt,
      size: disk.size,
      mountPath: '/d',
      resourcePath: '/dev/d',
      isDetachable: true,
      resourceType: 'DISK',
    };
    sim.control.add('pods', { id: 'pod-linked', attachedResources: [mount] });
    expect(sim.control.get('disks', disk.id)?.pods).toContain('pod-linked');
    expect(sim.control.remove('disks', disk.id)).toBe(true);
    expect(sim.control.get('pods', 'pod-linked')?.attachedResources).toEqual([]);
  });

  it('setStatus bumps updatedAt and accepts unknown statuses', () => {
    const sb = sim.control.list('sandboxes')[0] as Sandbox;
    sim.control.advance(5_000);
    expect(sim.control.setStatus('sandboxes', sb.id, 'TERMINATED')).toBe(true);
    const after = sim.control.get('sandboxes', sb.id) as Sandbox;
    expect(after.status).toBe('TERMINATED');
    expect(Date.parse(after.updatedAt)).toBe(sim.control.now());
    expect(after.terminatedAt).not.toBeNull();
    expect(sim.control.setStatus('disks', sim.control.list('disks')[0]?.id ?? '', 'FROZEN')).toBe(true);
    expect(sim.control.setStatus('nodes', 'nope', 'AVAILABLE')).toBe(false);
  });

  it('advance moves the clock; a frozen clock stays put', async () => {
    const t = sim.control.now();
    await new Promise((r) => setTimeout(r, 20));
    expect(sim.control.now()).toBe(t);
    sim.control.advance(60_000);
    expect(sim.control.now()).toBe(t + 60_000);
    expect(t).toBeGreaterThanOrEqual(START);
    expect(() => sim.control.advance(-1)).toThrow(RangeError);
  });
});

describe('HTTP control routes', () => {
  it('resources: list, get, add, set status, remove', async () => {
    const list = await control<Pod[]>(sim, 'GET', '/_sim/resources/pods');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(sim.control.list('pods'));

    const created = await control<Sandbox>(sim, 'POST', '/_sim/resources/sandboxes', {
      name: 'via-http',
      labels: ['http'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'via-http', labels: ['http'], status: 'PENDING' });
    const id = created.body.id;
    expect((await control<Sandbox>(sim, 'GET', `/_sim/resources/sandboxes/${id}`)).body.name).toBe('via-http');

    const updated = await control<Sandbox>(sim, 'PUT', `/_sim/resources/sandboxes/${id}/status`, { status: 'RUNNING' });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe('RUNNING');
    expect(sim.control.get('sandboxes', id)?.status).toBe('RUNNING');

    expect((await control(sim, 'DELETE', `/_sim/resources/sandboxes/${id}`)).status).toBe(204);
    expect((await control(sim, 'GET', `/_sim/resources/sandboxes/${id}`)).status).toBe(404);
    expect((await control(sim, 'DELETE', `/_sim/resources/sandboxes/${id}`)).status).toBe(404);
    expect((await control(sim, 'PUT', `/_sim/resources/sandboxes/${id}/status`, { status: 'RUNNING' })).status).toBe(
      404,
    );
  });

  it('advance and clock', async () => {
    const before = sim.control.now();
    const res = await control<{ now: number; iso: string }>(sim, 'POST', '/_sim/advance', { ms: 90_000 });
    expect(res.status).toBe(200);
    expect(res.body.now).toBe(before + 90_000);
    expect((await control<{ now: number }>(sim, 'GET', '/_sim/clock')).body.now).toBe(before + 90_000);
  });

  it('rejects bad input with 4xx and a message', async () => {
    expect((await control(sim, 'GET', '/_sim/resources/widgets')).status).toBe(404);
    expect((await control(sim, 'POST', '/_sim/advance', { ms: -5 })).status).toBe(400);
    expect((await control(sim, 'PUT', `/_sim/resources/pods/x/status`, { state: 'ACTIVE' })).status).toBe(400);
    expect((await control(sim, 'POST', '/_sim/resources/pods', [1, 2])).status).toBe(400);
    expect((await control(sim, 'PATCH', '/_sim/requests')).status).toBe(405);
    const broken = await fetch(`${sim.url}/_sim/advance`, { method: 'POST', body: '{not json' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/JSON/);
    const dup = sim.control.list('pods')[0]?.id;
    expect((await control(sim, 'POST', '/_sim/resources/pods', { id: dup })).status).toBe(409);
    expect((await control(sim, 'GET', '/_sim/nothing')).status).toBe(404);
  });
});
