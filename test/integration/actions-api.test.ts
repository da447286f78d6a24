/**
 * The endpoints behind `l` and `D` on sandboxes and disks, over real HTTP
 * against the simulator: logs that grow with (sim) time, single and bulk
 * sandbox deletes with the body and limits the official SDK uses, a disk
 * refused while attached, and the deletion queue sending marked sandboxes in
 * as few bulk requests as the limits allow.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { createPrimeClient, SANDBOX_BULK_DELETE_MAX } from '../../src/api/prime/client.js';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { Deletions } from '../../src/data/deletions.js';
import { createOperations } from '../../src/data/sources.js';
import type { Pod, Sandbox } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ counts: { pods: 3, disks: 2, sandboxes: 5, nodes: 0 } });
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });

beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

const requestsTo = (path: string, method: string) =>
  sim.control.requests().filter((r) => r.path === path && r.method === method);
const newSandbox = (): Sandbox =>
  sim.control.add('sandboxes', { status: 'RUNNING', startedAt: new Date(sim.control.now() - 60_000).toISOString() });

describe('logs', () => {
  it('a pod log: its last `tail` lines, growing as time passes, each line whole', async () => {
    const pod = sim.control.add('pods', { createdAt: new Date(sim.control.now() - 10 * 60_000).toISOString() }) as Pod;
    const first = await prime.podLogs(pod.id, { tail: 50 });
    expect(first).toHaveLength(50);
    expect(requestsTo(`/api/v1/pods/${pod.id}/log`, 'GET')[0]?.query.tail).toEqual(['50']);
    sim.control.advance(10_000);
    const later = await prime.podLogs(pod.id, { tail: 50 });
    // 30 lines a minute: ten seconds later five more, the window moved on by as many.
    expect(later.slice(0, 45)).toEqual(first.slice(5));
    expect(later.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('a sandbox log: `{logs}` as the SDK reads it; none before it starts', async () => {
    const running = newSandbox();
    const lines = await prime.sandboxLogs(running.id);
    expect(lines.length).toBe(31);
    expect(lines[0]).toContain('pip install');
    const pending = sim.control.add('sandboxes', { status: 'PENDING' });
    expect(await prime.sandboxLogs(pending.id)).toEqual([]);
  });

  it('an unknown resource is not-found; a fault on the endpoint is an error like any other', async () => {
    await expect(prime.podLogs('nope', { tail: 10 })).rejects.toMatchObject({ kind: 'not-found' });
    const running = newSandbox();
    sim.control.injectFault({
      method: 'GET',
      path: `/api/v1/sandbox/${running.id}/logs`,
      fault: { status: 500 },
      count: 5,
    });
    await expect(prime.sandboxLogs(running.id)).rejects.toSatisfy(isApiError);
  });
});

describe('deleting sandboxes', () => {
  it('one: DELETE /sandbox/{id}, and the sandbox is TERMINATED', async () => {
    const sandbox = newSandbox();
    await prime.deleteSandbox(sandbox.id);
    expect(requestsTo(`/api/v1/sandbox/${sandbox.id}`, 'DELETE')).toHaveLength(1);
    expect(sim.control.get('sandboxes', sandbox.id)?.status).toBe('TERMINATED');
  });

  it("several: one DELETE /sandbox with the ids in its body; each id's outcome comes back", async () => {
    const ids = [newSandbox().id, newSandbox().id];
    const result = await prime.deleteSandboxes([...ids, 'no-such-sandbox']);
    expect(result.succeeded.sort()).toEqual([...ids].sort());
    expect(result.failed).toEqual([{ id: 'no-such-sandbox', error: 'Sandbox not found' }]);
    const [request] = requestsTo('/api/v1/sandbox', 'DELETE');
    expect(request?.body).toMatchObject({ sandbox_ids: [...ids, 'no-such-sandbox'], all_users: false });
  });

  it('marked sandboxes go in bulk requests of at most 100, spaced within the rate limit, one request per sandbox however often asked', async () => {
    const ids = Array.from({ length: 150 }, () => newSandbox().id);
    const runner = new Deletions(createOperations({ prime, dispersed: createDispersedClient({ baseUrl: sim.url }) }));
    const targets = ids.map((id) => ({ id, name: id, fields: [], columns: [] }));
    const [outcome] = await Promise.all([
      runner.run('sandboxes', targets),
      runner.run('sandboxes', targets.slice(0, 10)),
    ]);
    expect(outcome.summary()).toBe('Deleted 150 sandboxes');
    const bulk = requestsTo('/api/v1/sandbox', 'DELETE');
    expect(bulk.map((request) => (request.body as { sandbox_ids: string[] }).sandbox_ids.length)).toEqual([
      SANDBOX_BULK_DELETE_MAX,
      50,
    ]);
    expect(bulk[1]!.at - bulk[0]!.at).toBeGreaterThanOrEqual(1_100);
    expect(
      sim.control.requests().filter((request) => request.method === 'DELETE' && request.path !== '/api/v1/sandbox'),
    ).toEqual([]);
  });

  it('the simulator holds the documented limits: 500 ids a call, 50 calls a minute', async () => {
    const headers = { authorization: `Bearer ${sim.primeKey}`, 'content-type': 'application/json' };
    const tooMany = await fetch(`${sim.url}/api/v1/sandbox`, {
      method: 'DELETE',
      headers,
      body: JSON.stringify({ sandbox_ids: Array.from({ length: 501 }, (_, i) => `x${i}`) }),
    });
    expect(tooMany.status).toBe(422);
    const statuses: number[] = [];
    for (let i = 0; i < 52; i++)
      statuses.push(
        (
          await fetch(`${sim.url}/api/v1/sandbox`, {
            method: 'DELETE',
            headers,
            body: JSON.stringify({ sandbox_ids: ['x'] }),
          })
        ).status,
      );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});

describe('deleting disks', () => {
  it('a disk attached to a pod is refused with the pod named; a detached one goes DELETING', async () => {
    const disk = sim.control.add('disks', { status: 'ACTIVE' });
    const attached = {
      id: disk.id,
      type: 'DISK',
      status: 'ACTIVE',
      createdAt: disk.createdAt,
      size: disk.size ?? 10,
      mountPath: '/data',
      resourcePath: '',
      isDetachable: true,
      resourceType: 'DISK',
    };
    const pod = sim.control.add('pods', { attachedResources: [attached] });
    expect(sim.control.get('disks', disk.id)?.pods).toContain(pod.id);
    const refused = await prime.deleteDisk(disk.id).catch((error: unknown) => error);
    expect(isApiError(refused) && refused.status).toBe(409);
    expect(String((refused as Error).message)).toContain(pod.id);
    const free = sim.control.add('disks', { status: 'ACTIVE' });
    await prime.deleteDisk(free.id);
    expect(sim.control.get('disks', free.id)?.status).toBe('DELETING');
  });
});
