import { describe, expect, it } from 'vitest';
import { dispersed, fileSimulator, prime } from './helpers.js';

const sim = await fileSimulator({ counts: { pods: 3, disks: 2, sandboxes: 3, nodes: 3 }, primeKey: 'pk-secret-123', dispersedKey: 'dk-secret-456' });
const podId = sim.control.list('pods')[0]?.id ?? '';

const primePaths = [
  ['GET', '/api/v1/pods/'],
  ['GET', '/api/v1/pods'],
  ['GET', `/api/v1/pods/${podId}`],
  ['GET', `/api/v1/pods/status?pod_ids=${podId}`],
  ['GET', '/api/v1/pods/history'],
  ['DELETE', `/api/v1/pods/${podId}`],
  ['GET', '/api/v1/disks/'],
  ['GET', '/api/v1/sandbox'],
] as const;

describe('Prime auth', () => {
  it.each(primePaths)('%s %s: 401 without a key, with a wrong key, and with the Dispersed key', async (method, path) => {
    for (const key of [null, 'wrong-key-789', sim.dispersedKey]) {
      const res = await prime<{ detail: string }>(sim, path, key, method);
      expect(res.status).toBe(401);
      expect(res.body.detail).toEqual(expect.any(String));
      for (const secret of ['wrong-key-789', sim.primeKey, sim.dispersedKey]) expect(res.text).not.toContain(secret);
    }
    expect(sim.control.get('pods', podId)?.status).not.toBe('DELETING');
  });

  it('accepts the key with any casing of the Bearer scheme', async () => {
    const res = await fetch(`${sim.url}/api/v1/disks/`, { headers: { authorization: `bearer ${sim.primeKey}` } });
    expect(res.status).toBe(200);
  });

  it('rejects other schemes', async () => {
    const res = await fetch(`${sim.url}/api/v1/disks/`, { headers: { authorization: `Basic ${sim.primeKey}` } });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(sim.primeKey);
  });

  it('logs auth as none / invalid / valid, never the key', async () => {
    sim.control.clearRequests();
    await prime(sim, '/api/v1/disks/', null);
    await prime(sim, '/api/v1/disks/', 'nope');
    await prime(sim, '/api/v1/disks/');
    expect(sim.control.requests().map((r) => r.auth)).toEqual(['none', 'invalid', 'valid']);
    expect(JSON.stringify(sim.control.requests())).not.toContain(sim.primeKey);
  });
});

describe('Dispersed auth', () => {
  it('401 without a key, with a wrong key, and with the Prime key, never echoing it', async () => {
    for (const key of [null, 'wrong-key-789', sim.primeKey]) {
      const res = await dispersed<{ statusCode: number; message: string }>(sim, '/v1/nodes', key);
      expect(res.status).toBe(401);
      expect(res.body.statusCode).toBe(401);
      for (const secret of ['wrong-key-789', sim.primeKey, sim.dispersedKey]) expect(res.text).not.toContain(secret);
    }
    expect((await dispersed(sim, '/v1/nodes')).status).toBe(200);
  });
});
