import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pythonSignature } from '../helpers/python-signer.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, dispersed, prime } from './helpers.js';

const sim = await simulatorForFile({
  startTime: START,
  counts: { pods: 3, disks: 2, sandboxes: 3, nodes: 3 },
  primeKey: 'pk-secret-123',
  dispersedKeys: { publicKey: 'pk_auth_test_public', secretKey: 'sk_auth_test_secret_456' },
});
const SECRETS = ['wrong-key-789', sim.primeKey, sim.dispersedKeys.secretKey];
const podId = sim.control.list('pods')[0]?.id ?? '';

const primePaths = [
  ['GET', '/api/v1/pods'],
  ['GET', '/api/v1/pods'],
  ['GET', `/api/v1/pods/${podId}`],
  ['GET', `/api/v1/pods/status?pod_ids=${podId}`],
  ['GET', '/api/v1/pods/history'],
  ['DELETE', `/api/v1/pods/${podId}`],
  ['GET', '/api/v1/disks'],
  ['GET', '/api/v1/sandbox'],
] as const;

describe('Prime auth', () => {
  it.each(primePaths)(
    '%s %s: 401 without a key, with a wrong key, and with the Dispersed key',
    async (method, path) => {
      for (const key of [null, 'wrong-key-789', sim.dispersedKeys.publicKey, sim.dispersedKeys.secretKey]) {
        const res = await prime<{ detail: string }>(sim, path, key, method);
        expect(res.status).toBe(401);
        expect(res.body.detail).toEqual(expect.any(String));
        for (const secret of SECRETS) expect(res.text).not.toContain(secret);
      }
      expect(sim.control.get('pods', podId)?.status).not.toBe('DELETING');
    },
  );

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
    await prime(sim, '/api/v1/disks', null);
    await prime(sim, '/api/v1/disks', 'nope');
    await prime(sim, '/api/v1/disks');
    expect(sim.control.requests().map((r) => r.auth)).toEqual(['none', 'invalid', 'valid']);
    expect(JSON.stringify(sim.control.requests())).not.toContain(sim.primeKey);
  });
});

/**
 * Requests signed by Python's standard library, as the reference client
 * signs them: the simulator's verifier agrees with the published scheme, not
 * merely with cloudtop's own signer.
 */
interface Signed {
  path: string;
  query?: [string, string][];
  time?: number;
  nonce?: string;
  secretKey?: string;
  /** Sent instead of the signed query (tampering). */
  sentQuery?: [string, string][];
  omit?: string[];
  extra?: Record<string, string>;
}

async function signedByPython({
  path,
  query = [],
  time = Date.now(),
  nonce = randomBytes(16).toString('hex'),
  secretKey = sim.dispersedKeys.secretKey,
  sentQuery,
  omit = [],
  extra = {},
}: Signed) {
  const { signature } = pythonSignature({
    publicKey: sim.dispersedKeys.publicKey,
    secretKey,
    time: String(time),
    nonce,
    method: 'GET',
    path,
    query,
  });
  const url = new URL(path, sim.url);
  for (const [name, value] of sentQuery ?? query) url.searchParams.append(name, value);
  const headers: Record<string, string> = {
    'x-api-key': sim.dispersedKeys.publicKey,
    'x-time': String(time),
    'x-nonce': nonce,
    'x-signature': signature,
    ...extra,
  };
  for (const name of omit) delete headers[name];
  const res = await fetch(url, { headers });
  const text = await res.text();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  return { status: res.status, message: (JSON.parse(text) as { message?: string }).message ?? '' };
}

describe('Dispersed auth: signed requests, as the docs describe', () => {
  const query: [string, string][] = [
    ['filter[status]', 'AVAILABLE,WORKING'],
    ['limit', '50'],
    ['q', 'a b'],
  ];

  it('accepts a request Python signed as the reference client does, with any order of parameters', async () => {
    expect((await signedByPython({ path: '/v1/nodes' })).status).toBe(200);
    expect(
      (
        await signedByPython({
          path: '/v1/nodes',
          query: [
            ['limit', '5'],
            ['filter[status]', 'AVAILABLE'],
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await signedByPython({
          path: '/v1/nodes',
          query: [
            ['limit', '5'],
            ['page', '1'],
          ],
          sentQuery: [
            ['page', '1'],
            ['limit', '5'],
          ],
        })
      ).status,
    ).toBe(200);
  });

  it('refuses a missing header, naming it', async () => {
    for (const header of ['x-api-key', 'x-time', 'x-nonce', 'x-signature']) {
      const res = await signedByPython({ path: '/v1/nodes', omit: [header] });
      expect(res.status, header).toBe(401);
      expect(res.message).toMatch(/^Missing authentication header: X-/);
    }
    const none = await dispersed(sim, '/v1/nodes', null);
    expect(none.status).toBe(401);
  });

  it('refuses a wrong signature: another secret, or a query changed after signing', async () => {
    expect(await signedByPython({ path: '/v1/nodes', secretKey: 'sk_someone_else' })).toEqual({
      status: 401,
      message: 'Invalid signature',
    });
    expect(
      await signedByPython({
        path: '/v1/nodes',
        query,
        sentQuery: [
          ['filter[status]', 'OFFLINE'],
          ['limit', '50'],
          ['q', 'a b'],
        ],
      }),
    ).toEqual({ status: 401, message: 'Invalid signature' });
  });

  it('refuses a time more than 5 minutes off, either way, and says it is the timestamp', async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const res = await signedByPython({ path: '/v1/nodes', time: Date.now() + offset });
      expect(res.status).toBe(401);
      expect(res.message).toMatch(/timestamp is outside the allowed window/);
    }
    expect((await signedByPython({ path: '/v1/nodes', time: Date.now() - 4 * 60_000 })).status).toBe(200);
  });

  it('refuses a nonce it has seen before (a replay)', async () => {
    const nonce = randomBytes(16).toString('hex');
    expect((await signedByPython({ path: '/v1/nodes', nonce })).status).toBe(200);
    expect(await signedByPython({ path: '/v1/nodes', nonce })).toEqual({
      status: 401,
      message: 'Nonce has already been used',
    });
  });

  it('refuses a Bearer token, even the right public or secret key, and says how to authenticate', async () => {
    for (const key of [sim.dispersedKeys.publicKey, sim.dispersedKeys.secretKey, sim.primeKey]) {
      const res = await fetch(`${sim.url}/v1/nodes`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).toContain('Bearer tokens are not accepted');
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });

  it('logs auth as none / invalid / valid, never a key', async () => {
    sim.control.clearRequests();
    await dispersed(sim, '/v1/nodes', null);
    await signedByPython({ path: '/v1/nodes', secretKey: 'sk_wrong' });
    await signedByPython({ path: '/v1/nodes' });
    expect(sim.control.requests().map((r) => r.auth)).toEqual(['none', 'invalid', 'valid']);
    for (const secret of SECRETS) expect(JSON.stringify(sim.control.requests())).not.toContain(secret);
  });
});
