import { describe, expect, it } from 'vitest';
import type { Disk, Pod, PodHistoryEntry, PodStatusEntry } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, type ErrorBody, type Page, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 250, disks: 30, sandboxes: 0, nodes: 0 } });

describe('GET /api/v1/pods/', () => {
  it('pages 250 pods over limit 100 with no gaps or overlaps', async () => {
    const pages = await Promise.all(
      [0, 100, 200].map((offset) => prime<Page<Pod>>(sim, `/api/v1/pods/?offset=${offset}&limit=100`)),
    );
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200]);
    expect(pages.map((p) => p.body.data.length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => [p.body.total_count, p.body.offset, p.body.limit])).toEqual([
      [250, 0, 100],
      [250, 100, 100],
      [250, 200, 100],
    ]);
    const ids = pages.flatMap((p) => p.body.data.map((pod) => pod.id));
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(new Set(sim.control.list('pods').map((p) => p.id)));
    // Newest first.
    const created = pages.flatMap((p) => p.body.data.map((pod) => Date.parse(pod.createdAt)));
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('defaults to offset 0, limit 100, and answers without the trailing slash too', async () => {
    const withSlash = await prime<Page<Pod>>(sim, '/api/v1/pods');
    const without = await prime<Page<Pod>>(sim, '/api/v1/pods');
    expect(withSlash.body).toMatchObject({ total_count: 250, offset: 0, limit: 100 });
    expect(withSlash.body.data).toHaveLength(100);
    expect(without.body).toEqual(withSlash.body);
    expect(withSlash.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('handles the edges: limit 0, offset past the end', async () => {
    expect((await prime<Page<Pod>>(sim, '/api/v1/pods/?limit=0')).body).toMatchObject({
      total_count: 250,
      limit: 0,
      data: [],
    });
    expect((await prime<Page<Pod>>(sim, '/api/v1/pods/?offset=250')).body.data).toEqual([]);
    expect((await prime<Page<Pod>>(sim, '/api/v1/pods/?offset=249&limit=5')).body.data).toHaveLength(1);
  });

  it.each([
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['limit=101', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=1.5', 'limit'],
  ])('422 for %s with the ErrorResponse body', async (query, param) => {
    for (const path of ['/api/v1/pods', '/api/v1/disks', '/api/v1/pods/history']) {
      const res = await prime<ErrorBody>(sim, `${path}?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ param, details: expect.any(String) }]);
    }
  });

  it('lists every problem at once', async () => {
    const res = await prime<ErrorBody>(sim, '/api/v1/pods/?offset=-5&limit=1000');
    expect(res.body.errors.map((e) => e.param).sort()).toEqual(['limit', 'offset']);
  });
});

describe('GET /api/v1/pods/{id}', () => {
  it('returns the pod, with every documented field', async () => {
    const [first] = sim.control.list('pods');
    const res = await prime<Pod>(sim, `/api/v1/pods/${first?.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(first);
    for (const field of [
      'id',
      'name',
      'gpuName',
      'gpuCount',
      'status',
      'createdAt',
      'updatedAt',
      'providerType',
      'installationStatus',
      'installationFailure',
      'installationProgress',
      'teamId',
      'userId',
      'walletId',
      'priceHr',
      'stoppedPriceHr',
      'provisioningPriceHr',
      'basePriceHr',
      'baseCurrency',
      'sshConnection',
      'ip',
      'primePortMapping',
      'attachedResources',
      'resources',
      'environmentType',
      'socket',
      'type',
      'customTemplateId',
      'jupyterPassword',
      'isSpot',
      'autoRestart',
    ]) {
      expect(res.body, field).toHaveProperty(field);
    }
  });

  it('404s an unknown id with a JSON body', async () => {
    const res = await prime<{ detail: string }>(sim, '/api/v1/pods/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.body.detail).toEqual(expect.any(String));
  });
});

describe('GET /api/v1/pods/status', () => {
  it('answers for the ids that exist, in the documented shape, with and without the slash', async () => {
    const pods = sim.control.list('pods').slice(0, 3);
    const query = [...pods.map((p) => `pod_ids=${p.id}`), 'pod_ids=nope'].join('&');
    for (const path of ['/api/v1/pods/status', '/api/v1/pods/status/']) {
      const res = await prime<{ status: string; data: PodStatusEntry[] }>(sim, `${path}?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.data.map((d) => d.podId)).toEqual(pods.map((p) => p.id));
      for (const [i, entry] of res.body.data.entries()) {
        const pod = pods[i] as Pod;
        expect(entry).toMatchObject({
          podId: pod.id,
          providerType: pod.providerType,
          status: pod.status,
          sshConnection: pod.sshConnection,
          ip: pod.ip,
          installationStatus: pod.installationStatus,
          installationFailure: pod.installationFailure,
          installationProgress: pod.installationProgress,
        });
      }
    }
  });

  it('is empty without ids and 422 beyond 100 ids', async () => {
    expect((await prime<{ data: unknown[] }>(sim, '/api/v1/pods/status')).body.data).toEqual([]);
    const many = Array.from({ length: 101 }, (_, i) => `pod_ids=x${i}`).join('&');
    const res = await prime<ErrorBody>(sim, `/api/v1/pods/status?${many}`);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.param).toBe('pod_ids');
    const hundred = Array.from({ length: 100 }, (_, i) => `pod_ids=x${i}`).join('&');
    expect((await prime(sim, `/api/v1/pods/status?${hundred}`)).status).toBe(200);
  });

  it('follows setStatus, including statuses the docs do not know', async () => {
    const pod = sim.control.list('pods')[5] as Pod;
    sim.control.advance(2_000);
    expect(sim.control.setStatus('pods', pod.id, 'HIBERNATING')).toBe(true);
    const status = await prime<{ data: PodStatusEntry[] }>(sim, `/api/v1/pods/status?pod_ids=${pod.id}`);
    expect(status.body.data[0]?.status).toBe('HIBERNATING');
    const after = await prime<Pod>(sim, `/api/v1/pods/${pod.id}`);
    expect(after.body.status).toBe('HIBERNATING');
    expect(Date.parse(after.body.updatedAt)).toBe(sim.control.now());
    expect(sim.control.setStatus('pods', 'no-such-pod', 'ACTIVE')).toBe(false);
  });

  it('makes ACTIVE real: connection details and finished installation', async () => {
    const pod = sim.control.add('pods');
    expect(pod.status).toBe('PROVISIONING');
    expect(pod.sshConnection === null || Array.isArray(pod.sshConnection)).toBe(true);
    sim.control.setStatus('pods', pod.id, 'ACTIVE');
    const [entry] = (await prime<{ data: PodStatusEntry[] }>(sim, `/api/v1/pods/status?pod_ids=${pod.id}`)).body.data;
    expect(entry?.installationProgress).toBe(100);
    expect(entry?.installationStatus).toBe('FINISHED');
    expect(entry?.sshConnection).toBeTruthy();
    expect(entry?.primePortMapping.some((m) => m.usedBy === 'SSH')).toBe(true);
  });
});

describe('DELETE /api/v1/pods/{id}', () => {
  it('DELETING -> TERMINATED -> gone and into history, even without churn', async () => {
    const victim = sim.control.list('pods').find((p) => p.status === 'ACTIVE' && p.attachedResources.length > 0) as Pod;
    const diskId = victim.attachedResources[0]?.id as string;
    expect(sim.control.get('disks', diskId)?.pods).toContain(victim.id);

    const deletedAt = sim.control.now();
    const first = await prime<{ status: string }>(sim, `/api/v1/pods/${victim.id}`, sim.primeKey, 'DELETE');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.any(Object));
    expect(sim.control.get('pods', victim.id)?.status).toBe('DELETING');
    // Idempotent while on its way out.
    expect((await prime(sim, `/api/v1/pods/${victim.id}`, sim.primeKey, 'DELETE')).status).toBe(200);
    expect(sim.control.get('pods', victim.id)?.status).toBe('DELETING');

    sim.control.advance(16_000);
    expect((await prime<Pod>(sim, `/api/v1/pods/${victim.id}`)).body.status).toBe('TERMINATED');
    const history = await prime<Page<PodHistoryEntry>>(sim, '/api/v1/pods/history?limit=5');
    expect(history.body.data[0]).toMatchObject({
      id: victim.id,
      name: victim.name,
      gpuName: victim.gpuName,
      priceHr: victim.priceHr,
    });
    const terminatedAt = Date.parse(history.body.data[0]?.terminatedAt ?? '');
    expect(terminatedAt).toBeGreaterThanOrEqual(deletedAt + 5_000);
    expect(terminatedAt).toBeLessThanOrEqual(sim.control.now());
    expect(sim.control.get('disks', diskId)?.pods).not.toContain(victim.id);

    sim.control.advance(31_000);
    expect((await prime(sim, `/api/v1/pods/${victim.id}`)).status).toBe(404);
    expect((await prime(sim, `/api/v1/pods/${victim.id}`, sim.primeKey, 'DELETE')).status).toBe(404);
    const list = await prime<Page<Pod>>(sim, '/api/v1/pods/?limit=100&offset=0');
    expect(list.body.total_count).toBe(sim.control.list('pods').length);
    expect(sim.control.list('pods').some((p) => p.id === victim.id)).toBe(false);
  });

  it('404s an unknown id', async () => {
    expect((await prime(sim, '/api/v1/pods/unknown-pod', sim.primeKey, 'DELETE')).status).toBe(404);
  });

  it("has a paginated history with the fields of the official client's HistoryObj", async () => {
    const res = await prime<Page<PodHistoryEntry>>(sim, '/api/v1/pods/history?offset=0&limit=3');
    expect(res.body.data).toHaveLength(3);
    expect(res.body.total_count).toBeGreaterThan(3);
    for (const entry of res.body.data) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          'id',
          'name',
          'providerType',
          'type',
          'socket',
          'gpuName',
          'gpuCount',
          'createdAt',
          'terminatedAt',
          'priceHr',
          'totalBilledPrice',
          'userId',
          'teamId',
        ].sort(),
      );
    }
  });
});

describe('GET /api/v1/disks/', () => {
  it('pages like pods and links back to real pods', async () => {
    const a = await prime<Page<Disk>>(sim, '/api/v1/disks/?limit=20');
    const b = await prime<Page<Disk>>(sim, '/api/v1/disks?offset=20&limit=20');
    expect(a.body.total_count).toBe(30);
    expect(a.body.data).toHaveLength(20);
    expect(b.body.data).toHaveLength(10);
    const podIds = new Set(sim.control.list('pods').map((p) => p.id));
    for (const disk of [...a.body.data, ...b.body.data]) for (const id of disk.pods) expect(podIds.has(id)).toBe(true);
  });
});

describe('routing', () => {
  it('404s unknown paths and 405s wrong methods', async () => {
    expect((await prime(sim, '/api/v1/nothing')).status).toBe(404);
    expect((await prime(sim, '/api/v1/disks', sim.primeKey, 'POST')).status).toBe(405);
    // Documented without the slash only.
    expect((await prime(sim, '/api/v1/sandbox/')).status).toBe(404);
  });
});

describe('robustness', () => {
  it('survives malformed paths', async () => {
    expect((await prime(sim, '/api/v1/pods/%E0%A4%A')).status).toBe(404);
    expect((await prime(sim, '/api/v1/pods/%')).status).toBe(404);
    expect((await prime(sim, '/api/v1/pods')).status).toBe(200);
  });
});
