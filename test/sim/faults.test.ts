import { beforeEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { START, control, dispersed, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 5, disks: 4, sandboxes: 5, nodes: 5 } });

beforeEach(() => {
  sim.control.clearFaults();
  sim.control.clearRequests();
});

describe('status faults', () => {
  it('answers with the status and a Prime-shaped JSON body, then recovers', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { status: 503 } });
    const failed = await prime<{ detail: string }>(sim, '/api/v1/disks');
    expect(failed.status).toBe(503);
    expect(failed.body.detail).toEqual(expect.any(String));
    expect((await prime(sim, '/api/v1/disks')).status).toBe(200);
  });

  it('sets Retry-After and uses the ErrorResponse shape for 422', async () => {
    sim.control.injectFault({ path: '/api/v1/sandbox', fault: { status: 429, retryAfter: 7 } });
    const limited = await prime(sim, '/api/v1/sandbox');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.control.injectFault({ path: '/api/v1/sandbox', fault: { status: 422 } });
    const invalid = await prime<{ errors: unknown[] }>(sim, '/api/v1/sandbox');
    expect(invalid.body.errors).toEqual([{ param: expect.any(String), details: expect.any(String) }]);
  });

  it('uses the Dispersed error shape on /v1 and applies before auth', async () => {
    sim.control.injectFault({ path: '/v1/nodes', fault: { status: 500 } });
    const res = await dispersed<{ statusCode: number }>(sim, '/v1/nodes', null);
    expect(res.status).toBe(500);
    expect(res.body.statusCode).toBe(500);
  });

  it('sends a custom body verbatim', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { status: 502, body: 'upstream exploded' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(502);
    expect(res.text).toBe('upstream exploded');
  });

  it('combines a status with a broken-body kind', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { status: 502, body: 'html' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('body faults (status 200)', () => {
  it('html: a proxy error page', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { body: 'html' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toMatch(/<html>/);
  });

  it('empty: no bytes at all', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { body: 'empty' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('truncated: the real answer cut in half', async () => {
    const whole = (await prime(sim, '/api/v1/disks')).text;
    sim.control.injectFault({ path: '/api/v1/disks', fault: { body: 'truncated' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(200);
    expect(res.text.length).toBe(Math.floor(whole.length / 2));
    expect(whole.startsWith(res.text)).toBe(true);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('wrong-shape: valid JSON that is not the documented object', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { body: 'wrong-shape' } });
    expect((await prime(sim, '/api/v1/disks')).body).toEqual({ items: 3 });
  });

  it('huge: about 10 MB', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { body: 'huge' } });
    const res = await prime(sim, '/api/v1/disks');
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
  });
});

describe('transport faults', () => {
  it('delayMs: answers normally, late', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { delayMs: 300 } });
    const started = Date.now();
    const res = await prime<{ data: unknown[] }>(sim, '/api/v1/disks');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(4);
  });

  it('delayMs longer than the client timeout is a timeout', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', fault: { delayMs: 5_000 } });
    await expect(
      fetch(`${sim.url}/api/v1/disks`, {
        headers: { authorization: `Bearer ${sim.primeKey}` },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
  });

  it('reset: a network error, logged with status 0', async () => {
    sim.control.injectFault({ path: '/api/v1/pods/*', fault: { reset: true } });
    await expect(
      fetch(`${sim.url}/api/v1/pods/abc`, { headers: { authorization: `Bearer ${sim.primeKey}` } }),
    ).rejects.toThrow();
    expect(sim.control.requests().map((r) => [r.path, r.status])).toEqual([['/api/v1/pods/abc', 0]]);
    expect((await prime(sim, '/api/v1/pods')).status).toBe(200);
  });
});

describe('matching', () => {
  it('count, method and prefix wildcards', async () => {
    sim.control.injectFault({ method: 'DELETE', path: '/api/v1/pods/*', count: 2, fault: { status: 500 } });
    const podId = sim.control.list('pods')[0]?.id ?? '';
    expect((await prime(sim, `/api/v1/pods/${podId}`)).status).toBe(200);
    expect((await prime(sim, `/api/v1/pods/${podId}`, sim.primeKey, 'DELETE')).status).toBe(500);
    expect((await prime(sim, '/api/v1/pods/other', sim.primeKey, 'DELETE')).status).toBe(500);
    expect((await prime(sim, `/api/v1/pods/${podId}`, sim.primeKey, 'DELETE')).status).toBe(200);
  });

  it('exact paths do not match other paths, and the query is not part of the path', async () => {
    sim.control.injectFault({ path: '/api/v1/pods', fault: { status: 500 } });
    expect((await prime(sim, '/api/v1/pods/')).status).toBe(200);
    expect((await prime(sim, '/api/v1/pods?limit=1')).status).toBe(500);
  });

  it('rules apply in order and clearFaults drops them', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 5, fault: { status: 500 } });
    sim.control.injectFault({ path: '/api/v1/disks', fault: { status: 503 } });
    expect((await prime(sim, '/api/v1/disks')).status).toBe(500);
    sim.control.clearFaults();
    expect((await prime(sim, '/api/v1/disks')).status).toBe(200);
  });

  it('accepts the flat form and rejects nonsense', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', status: 418 });
    expect((await prime(sim, '/api/v1/disks')).status).toBe(418);
    expect(() => sim.control.injectFault({ path: 'no-slash', fault: { status: 500 } })).toThrow(TypeError);
    expect(() => sim.control.injectFault({ path: '/x', fault: { status: 99 } })).toThrow(TypeError);
  });

  it('can be injected over HTTP', async () => {
    const created = await control(sim, 'POST', '/_sim/faults', { path: '/v1/nodes', count: 1, fault: { status: 504 } });
    expect(created.status).toBe(201);
    expect((await dispersed(sim, '/v1/nodes')).status).toBe(504);
    expect((await dispersed(sim, '/v1/nodes')).status).toBe(200);
    expect(
      (await control(sim, 'POST', '/_sim/faults', { path: '/v1/nodes', fault: { body: 'nonsense' } })).status,
    ).toBe(400);
    await control(sim, 'POST', '/_sim/faults', { path: '/v1/nodes', status: 500 });
    expect((await control(sim, 'DELETE', '/_sim/faults')).status).toBe(204);
    expect((await dispersed(sim, '/v1/nodes')).status).toBe(200);
  });
});
