/**
 * Every error kind, produced by the simulator over real HTTP, with the key
 * absent from every message.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ counts: { pods: 30, disks: 10, sandboxes: 30, nodes: 10 } });
const fast = { baseUrl: sim.url, apiKey: sim.primeKey, timeoutMs: 400, maxRetryAfterMs: 3_000 };
const prime = createPrimeClient(fast);

beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.message).not.toContain(sim.primeKey);
  expect(apiError.message).not.toContain(sim.dispersedKeys.secretKey);
  expect(apiError.message).not.toMatch(/\n/);
  return apiError;
}

/** A loopback port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const count = (path: string, method = 'GET') =>
  sim.control.requests().filter((r) => r.path === path && r.method === method).length;

describe('error kinds', () => {
  it('401 for a wrong key says how to set one, without the key', async () => {
    const wrongKey = 'pit_wrong_key_0123456789abcdef';
    const client = createPrimeClient({ ...fast, apiKey: wrongKey });
    const error = await failure(client.listDisks());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('PRIME_API_KEY');
    expect(error.message).not.toContain(wrongKey);
    expect(count('/api/v1/disks')).toBe(1); // 401 is not retried
  });

  it('401 with no key at all', async () => {
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: undefined });
    const error = await failure(client.listPods());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/needs an API key/);
    expect(sim.control.requests()[0]!.auth).toBe('none');
  });

  it('404 is not-found', async () => {
    expect((await failure(prime.getPod('missing'))).kind).toBe('not-found');
  });

  it('422 names the parameter', async () => {
    // Twice: a 422 on the first page is tried once more with smaller pages (see prime.ts).
    sim.control.injectFault({
      path: '/api/v1/sandbox',
      count: 2,
      fault: {
        status: 422,
        body: JSON.stringify({ errors: [{ param: 'per_page', details: 'must be at most 1000' }] }),
      },
    });
    const error = await failure(prime.listSandboxes());
    expect(error.kind).toBe('invalid-request');
    expect(error.message).toContain('per_page');
    expect(error.message).toContain('must be at most 1000');
  });

  it('403 is forbidden and 402 is payment', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { status: 403 } });
    expect((await failure(prime.listDisks())).kind).toBe('forbidden');
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { status: 402 } });
    expect((await failure(prime.listDisks())).kind).toBe('payment');
  });

  it('429 with Retry-After is waited out, then succeeds', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { status: 429, retryAfter: 1 } });
    const started = Date.now();
    const result = await prime.listDisks();
    expect(result.items).toHaveLength(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(count('/api/v1/disks')).toBe(2);
  });

  it('429 that persists becomes rate-limited with the wait in the message', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 10, fault: { status: 429, retryAfter: 60 } });
    const error = await failure(prime.listDisks());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.message).toMatch(/retry in 60s/);
    // 60 s is longer than the client waits inside one call: no retry, the poller backs off.
    expect(count('/api/v1/disks')).toBe(1);
  });

  it('500 then success is retried transparently', async () => {
    sim.control.injectFault({ path: '/api/v1/pods', count: 1, fault: { status: 500 } });
    const result = await prime.listPods();
    expect(result.items).toHaveLength(30);
    expect(count('/api/v1/pods')).toBe(2);
  });

  it('persistent 5xx is a server error after a bounded number of tries', async () => {
    sim.control.injectFault({ path: '/api/v1/pods', count: 10, fault: { status: 502 } });
    const error = await failure(prime.listPods());
    expect(error.kind).toBe('server');
    expect(count('/api/v1/pods')).toBe(3);
  });

  it('a slow answer is a timeout', async () => {
    const client = createPrimeClient({ ...fast, retryLimit: 0 });
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { delayMs: 1500 } });
    const error = await failure(client.listDisks());
    expect(error.kind).toBe('timeout');
  });

  it('a dropped connection is a network error', async () => {
    const client = createPrimeClient({ ...fast, retryLimit: 0 });
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { reset: true } });
    expect((await failure(client.listDisks())).kind).toBe('network');
  });

  it('a refused connection is a network error that says so', async () => {
    const client = createPrimeClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      apiKey: sim.primeKey,
      retryLimit: 0,
    });
    const error = await failure(client.listDisks());
    expect(error.kind).toBe('network');
    expect(error.message).toContain('connection refused');
  });

  it.each(['html', 'truncated', 'wrong-shape', 'huge'] as const)('a %s body is bad-response', async (body) => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { body } });
    const error = await failure(prime.listDisks());
    expect(error.kind).toBe('bad-response');
  });

  it('an HTML error page is described as such', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 1, fault: { body: 'html' } });
    expect((await failure(prime.listDisks())).message).toMatch(/HTML page/);
  });

  it('Dispersed errors name the Dispersed key pair', async () => {
    const client = createDispersedClient({
      baseUrl: sim.url,
      keys: { publicKey: sim.dispersedKeys.publicKey, secretKey: 'sk_wrong_dispersed_secret_123' },
    });
    const error = await failure(client.listNodes());
    expect(error.kind).toBe('auth');
    expect(error.api).toBe('Dispersed');
    expect(error.message).toBe(
      'Dispersed API rejected the key pair (401): Invalid signature. Set DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY (see README: Configuration).',
    );
    expect(error.message).not.toContain('sk_wrong_dispersed_secret_123');
  });
});

describe('DELETE is never repeated when it may have happened', () => {
  const victim = () =>
    (sim.control.list('pods') as { id: string; status: string }[]).find((p) => p.status === 'ACTIVE')!.id;

  it('a timeout sends exactly one DELETE', async () => {
    const id = victim();
    sim.control.injectFault({ method: 'DELETE', path: `/api/v1/pods/${id}`, count: 1, fault: { delayMs: 1500 } });
    expect((await failure(prime.deletePod(id))).kind).toBe('timeout');
    // The simulator logs a request when it answers; let the delayed answer (and any retry) land first.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count(`/api/v1/pods/${id}`, 'DELETE')).toBe(1);
  });

  it('a network error sends exactly one DELETE', async () => {
    const id = victim();
    sim.control.injectFault({ method: 'DELETE', path: `/api/v1/pods/${id}`, count: 1, fault: { reset: true } });
    expect((await failure(prime.deletePod(id))).kind).toBe('network');
    expect(count(`/api/v1/pods/${id}`, 'DELETE')).toBe(1);
  });

  it('a 503 with Retry-After is retried and succeeds', async () => {
    const id = victim();
    sim.control.injectFault({
      method: 'DELETE',
      path: `/api/v1/pods/${id}`,
      count: 1,
      fault: { status: 503, retryAfter: 0 },
    });
    await prime.deletePod(id);
    expect(count(`/api/v1/pods/${id}`, 'DELETE')).toBe(2);
  });

  it('a 500 is not retried', async () => {
    const id = victim();
    sim.control.injectFault({ method: 'DELETE', path: `/api/v1/pods/${id}`, count: 1, fault: { status: 500 } });
    expect((await failure(prime.deletePod(id))).kind).toBe('server');
    expect(count(`/api/v1/pods/${id}`, 'DELETE')).toBe(1);
  });
});
