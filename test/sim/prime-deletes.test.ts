/**
 * Deleting sandboxes (one, and in bulk with a JSON body) and disks: the
 * answers the official client reads, the limits, and the lifecycle that
 * follows, with or without churn.
 */
import { describe, expect, it } from 'vitest';
import type { BulkDeleteSandboxResponse, Disk, Pod, Sandbox } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, type ErrorBody, type Got, type SandboxPage, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 2, disks: 3, sandboxes: 3, nodes: 0 } });

const running = (): Sandbox => sim.control.add('sandboxes', { status: 'RUNNING' });

/** A bulk delete as a client sends it: any body, JSON unless told otherwise. */
async function bulk<T = BulkDeleteSandboxResponse>(
  body: unknown,
  { raw = false, contentType = 'application/json', key = sim.primeKey as string | null, at = sim } = {},
): Promise<Got<T>> {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${at.url}/api/v1/sandbox`, {
    method: 'DELETE',
    headers,
    ...(body !== undefined && { body: raw ? (body as string) : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

describe('DELETE /api/v1/sandbox/{id}', () => {
  it('answers {success: true, message}; the sandbox is TERMINATED at once and leaves the list 10-30 s later, even without churn', async () => {
    const sandbox = running();
    const res = await prime(sim, `/api/v1/sandbox/${sandbox.id}`, sim.primeKey, 'DELETE');
    expect([res.status, res.body]).toEqual([200, { success: true, message: expect.any(String) }]);
    const deleted = sim.control.get('sandboxes', sandbox.id)!;
    expect(deleted.status).toBe('TERMINATED');
    expect(deleted.terminatedAt).toBe(new Date(sim.control.now()).toISOString());
    expect(deleted.terminationReason).toBe('DELETED');
    // Idempotent on its way out.
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}`, sim.primeKey, 'DELETE')).status).toBe(200);
    sim.control.advance(9_000);
    expect((await prime<Sandbox>(sim, `/api/v1/sandbox/${sandbox.id}`)).body.status).toBe('TERMINATED');
    sim.control.advance(22_000);
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}`)).status).toBe(404);
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}`, sim.primeKey, 'DELETE')).status).toBe(404);
    const list = await prime<SandboxPage<Sandbox>>(sim, '/api/v1/sandbox?per_page=1000');
    expect(list.body.sandboxes.some((s) => s.id === sandbox.id)).toBe(false);
  });

  it('leaves a sandbox that had already ended in its status, and takes it off the list soon', async () => {
    const failed = sim.control.add('sandboxes', { status: 'ERROR' });
    expect((await prime(sim, `/api/v1/sandbox/${failed.id}`, sim.primeKey, 'DELETE')).status).toBe(200);
    expect(sim.control.get('sandboxes', failed.id)?.status).toBe('ERROR');
    sim.control.advance(31_000);
    expect(sim.control.get('sandboxes', failed.id)).toBeUndefined();
  });

  it('404s an unknown id and 401s without a key', async () => {
    expect((await prime(sim, '/api/v1/sandbox/no-such-sandbox', sim.primeKey, 'DELETE')).status).toBe(404);
    const sandbox = running();
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}`, null, 'DELETE')).status).toBe(401);
    expect(sim.control.get('sandboxes', sandbox.id)?.status).toBe('RUNNING');
  });
});

describe('DELETE /api/v1/sandbox (bulk)', () => {
  it('deletes the ids of its JSON body and says, per id, what became of it', async () => {
    const ids = [running().id, running().id];
    sim.control.clearRequests();
    const res = await bulk({ sandbox_ids: [...ids, 'no-such-sandbox', ids[0]], all_users: false });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      succeeded: ids,
      failed: [{ sandbox_id: 'no-such-sandbox', error: 'Sandbox not found' }],
      message: expect.any(String),
    });
    for (const id of ids) expect(sim.control.get('sandboxes', id)?.status).toBe('TERMINATED');
    // What the simulator received, for tests of clients.
    const [entry] = sim.control.requests();
    expect(entry).toMatchObject({
      method: 'DELETE',
      path: '/api/v1/sandbox',
      status: 200,
      contentType: 'application/json',
    });
    expect(entry!.body).toEqual({ sandbox_ids: [...ids, 'no-such-sandbox', ids[0]], all_users: false });
  });

  it('takes 1 to 500 string ids; anything else is a 422 in the documented ErrorResponse', async () => {
    const cases: [string, unknown, { raw?: boolean; contentType?: string }?][] = [
      ['not JSON', '{"sandbox_ids": [', { raw: true }],
      [
        'JSON of another content type',
        JSON.stringify({ sandbox_ids: ['a'] }),
        { raw: true, contentType: 'text/plain' },
      ],
      ['no body', undefined],
      ['not an object', ['a']],
      ['no sandbox_ids', { labels: ['x'] }],
      ['sandbox_ids not a list', { sandbox_ids: 'a' }],
      ['sandbox_ids empty', { sandbox_ids: [] }],
      ['an id not a string', { sandbox_ids: ['a', 7] }],
      ['501 ids', { sandbox_ids: Array.from({ length: 501 }, (_, i) => `x${i}`) }],
    ];
    for (const [name, body, options] of cases) {
      const res = await bulk<ErrorBody>(body, options);
      expect(res.status, name).toBe(422);
      expect(res.body, name).toEqual({ errors: [{ param: expect.any(String), details: expect.any(String) }] });
    }
    const most = await bulk({ sandbox_ids: Array.from({ length: 500 }, (_, i) => `x${i}`) });
    expect(most.status).toBe(200);
    expect(most.body.failed).toHaveLength(500);
    // `application/*+json` is JSON too, as FastAPI reads it.
    expect(
      (await bulk({ sandbox_ids: ['x'] }, { contentType: 'application/vnd.api+json; charset=utf-8' })).status,
    ).toBe(200);
  });

  it('asks for a key before it reads what is asked, and refuses a body over 1 MB before anything', async () => {
    const sandbox = running();
    expect((await bulk({ sandbox_ids: [sandbox.id] }, { key: null })).status).toBe(401);
    expect((await bulk('{', { raw: true, key: 'wrong-key' })).status).toBe(401);
    expect(sim.control.get('sandboxes', sandbox.id)?.status).toBe('RUNNING');
    const huge = await bulk({ sandbox_ids: [sandbox.id], padding: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(sim.control.get('sandboxes', sandbox.id)?.status).toBe('RUNNING');
  });

  it('allows 50 calls a minute per token, then 429 with Retry-After', async () => {
    const limited = await simulatorForFile({ startTime: START, counts: { pods: 0, disks: 0, sandboxes: 1, nodes: 0 } });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++)
      statuses.push((await bulk({ sandbox_ids: ['x'] }, { at: limited, key: limited.primeKey })).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const over = await bulk<{ detail: string }>({ sandbox_ids: ['x'] }, { at: limited, key: limited.primeKey });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The list has a limit of its own.
    expect((await prime(limited, '/api/v1/sandbox')).status).toBe(200);
  });

  it('recovers once the window has passed (a shorter window for the test)', async () => {
    const limited = await simulatorForFile({
      startTime: START,
      counts: { pods: 0, disks: 0, sandboxes: 1, nodes: 0 },
      bulkDeleteRateLimit: { limit: 2, windowMs: 300 },
    });
    const send = async () => (await bulk({ sandbox_ids: ['x'] }, { at: limited, key: limited.primeKey })).status;
    expect([await send(), await send(), await send()]).toEqual([200, 200, 429]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await send()).toBe(200);
  });
});

describe('bodies of other requests', () => {
  it('are not read, as before: a DELETE of one pod with a body is answered as without one', async () => {
    const [pod] = sim.control.list('pods');
    sim.control.clearRequests();
    const res = await fetch(`${sim.url}/api/v1/pods/${pod!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sim.primeKey}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(200);
    expect(sim.control.requests()[0]).not.toHaveProperty('body');
  });
});

describe('DELETE /api/v1/disks/{id}', () => {
  const attachedDisk = (): { disk: Disk; pod: Pod } => {
    const disk = sim.control.add('disks', { status: 'ACTIVE' });
    const pod = sim.control.add('pods', {
      attachedResources: [{ id: disk.id, type: 'DISK', status: 'ACTIVE', size: disk.size, mountPath: '/data' }],
    } as Partial<Pod>);
    return { disk, pod };
  };

  it('refuses a disk attached to a pod with a 409 naming the pod', async () => {
    const { disk, pod } = attachedDisk();
    const res = await prime<{ detail: string }>(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: `Disk ${disk.name} is attached to pod ${pod.id}; detach or delete the pod first`,
    });
    expect(sim.control.get('disks', disk.id)?.status).toBe('ACTIVE');
  });

  it('answers {status: DELETING}; the disk is TERMINATED 5-20 s later and gone 10-30 s after that, even without churn', async () => {
    const disk = sim.control.add('disks', { status: 'ACTIVE' });
    const res = await prime(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE');
    expect([res.status, res.body]).toEqual([200, { status: 'DELETING' }]);
    expect(sim.control.get('disks', disk.id)?.status).toBe('DELETING');
    expect((await prime(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE')).body).toEqual({ status: 'DELETING' });
    sim.control.advance(20_000);
    expect((await prime<Disk>(sim, `/api/v1/disks/${disk.id}`)).body.status).toBe('TERMINATED');
    sim.control.advance(30_000);
    expect((await prime(sim, `/api/v1/disks/${disk.id}`)).status).toBe(404);
    expect(sim.control.list('disks').some((d) => d.id === disk.id)).toBe(false);
  });

  it('takes a disk whose pod was deleted, and one already TERMINATED off the list', async () => {
    const { disk, pod } = attachedDisk();
    await prime(sim, `/api/v1/pods/${pod.id}`, sim.primeKey, 'DELETE');
    sim.control.advance(15_000);
    expect(sim.control.get('disks', disk.id)?.pods).toEqual([]);
    expect((await prime(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE')).status).toBe(200);
    const ended = sim.control.add('disks', { status: 'TERMINATED' });
    expect((await prime(sim, `/api/v1/disks/${ended.id}`, sim.primeKey, 'DELETE')).body).toEqual({
      status: 'TERMINATED',
    });
    sim.control.advance(31_000);
    expect(sim.control.get('disks', ended.id)).toBeUndefined();
  });

  it('404s an unknown disk', async () => {
    expect((await prime(sim, '/api/v1/disks/no-such-disk', sim.primeKey, 'DELETE')).status).toBe(404);
  });
});

describe('faults on the delete endpoints', () => {
  it('apply by method and path, and a faulted request changes nothing', async () => {
    const sandbox = running();
    const disk = sim.control.add('disks', { status: 'ACTIVE' });
    sim.control.injectFault({ method: 'DELETE', path: '/api/v1/sandbox', fault: { status: 503, retryAfter: 1 } });
    sim.control.injectFault({ method: 'DELETE', path: '/api/v1/sandbox/*', fault: { status: 500 } });
    sim.control.injectFault({ method: 'DELETE', path: '/api/v1/disks/*', fault: { reset: true } });
    const unavailable = await bulk({ sandbox_ids: [sandbox.id] });
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '1']);
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}`, sim.primeKey, 'DELETE')).status).toBe(500);
    await expect(prime(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE')).rejects.toThrow();
    expect(sim.control.get('sandboxes', sandbox.id)?.status).toBe('RUNNING');
    expect(sim.control.get('disks', disk.id)?.status).toBe('ACTIVE');
    // Used up: the next ones act.
    expect((await bulk({ sandbox_ids: [sandbox.id] })).body.succeeded).toEqual([sandbox.id]);
    expect((await prime(sim, `/api/v1/disks/${disk.id}`, sim.primeKey, 'DELETE')).status).toBe(200);
  });
});
