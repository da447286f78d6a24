import { describe, expect, it } from 'vitest';
import { type Sandbox, startSimulator } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, type ErrorBody, type SandboxPage, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 0, disks: 0, sandboxes: 2345, nodes: 0 } });
const all: Sandbox[] = sim.control.list('sandboxes');

async function list(query: string): Promise<SandboxPage<Sandbox>> {
  const res = await prime<SandboxPage<Sandbox>>(sim, `/api/v1/sandbox?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Every match, across pages of 1000. */
async function listAll(query: string): Promise<{ ids: string[]; total: number }> {
  const first = await list(`${query}&per_page=1000&page=1`);
  const ids = first.sandboxes.map((s) => s.id);
  for (let page = 2; page <= Math.ceil(first.total / 1000); page++)
    ids.push(...(await list(`${query}&per_page=1000&page=${page}`)).sandboxes.map((s) => s.id));
  return { ids, total: first.total };
}

const idsWhere = (pred: (s: Sandbox) => boolean): string[] =>
  all
    .filter(pred)
    .map((s) => s.id)
    .sort();

describe('GET /api/v1/sandbox pagination', () => {
  it('pages 2,345 sandboxes over per_page 1000 with has_next', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list(`per_page=1000&page=${page}`)));
    expect(pages.map((p) => p.sandboxes.length)).toEqual([1000, 1000, 345, 0]);
    expect(pages.map((p) => p.has_next)).toEqual([true, true, false, false]);
    expect(pages.map((p) => [p.total, p.page, p.per_page])).toEqual([
      [2345, 1, 1000],
      [2345, 2, 1000],
      [2345, 3, 1000],
      [2345, 4, 1000],
    ]);
    const ids = pages.flatMap((p) => p.sandboxes.map((s) => s.id));
    expect(new Set(ids).size).toBe(2345);
  });

  it('defaults to page 1 of 50', async () => {
    const page = await list('');
    expect(page).toMatchObject({ page: 1, per_page: 50, total: 2345, has_next: true });
    expect(page.sandboxes).toHaveLength(50);
  });
});

describe('GET /api/v1/sandbox filters', () => {
  const sample = all.find((s) => s.teamId !== null && s.userId !== null && s.labels.length >= 2) as Sandbox;

  it('team_id', async () => {
    const { ids, total } = await listAll(`team_id=${sample.teamId}`);
    expect(ids.sort()).toEqual(idsWhere((s) => s.teamId === sample.teamId));
    expect(total).toBe(ids.length);
    expect(total).toBeLessThan(all.length);
  });

  it('user_id', async () => {
    const { ids } = await listAll(`user_id=${sample.userId}`);
    expect(ids.sort()).toEqual(idsWhere((s) => s.userId === sample.userId));
  });

  it.each(['PENDING', 'PROVISIONING', 'RUNNING', 'PAUSED', 'ERROR', 'TERMINATED'])('status=%s', async (status) => {
    const { ids } = await listAll(`status=${status}`);
    expect(ids.sort()).toEqual(idsWhere((s) => s.status === status));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('is_active=true drops TERMINATED and TIMEOUT; false filters nothing', async () => {
    expect(all.some((s) => s.status === 'TIMEOUT')).toBe(true);
    expect((await listAll('is_active=true')).ids.sort()).toEqual(
      idsWhere((s) => s.status !== 'TERMINATED' && s.status !== 'TIMEOUT'),
    );
    expect((await list('is_active=false')).total).toBe(all.length);
  });

  it('labels: repeated, ALL must match', async () => {
    const [a, b] = sample.labels as [string, string];
    const { ids } = await listAll(`labels=${encodeURIComponent(a)}&labels=${encodeURIComponent(b)}`);
    expect(ids.sort()).toEqual(idsWhere((s) => s.labels.includes(a) && s.labels.includes(b)));
    expect(ids).toContain(sample.id);
    const single = await listAll(`labels=${encodeURIComponent(a)}`);
    expect(single.ids.length).toBeGreaterThan(ids.length);
    expect((await list('labels=no-such-label')).total).toBe(0);
  });

  it('combines every filter, and total counts after filtering', async () => {
    const query = `team_id=${sample.teamId}&user_id=${sample.userId}&status=${sample.status}&is_active=true&labels=${encodeURIComponent(sample.labels[0] ?? '')}`;
    const { ids, total } = await listAll(query);
    const expected = idsWhere(
      (s) =>
        s.teamId === sample.teamId &&
        s.userId === sample.userId &&
        s.status === sample.status &&
        s.status !== 'TERMINATED' &&
        s.labels.includes(sample.labels[0] ?? ''),
    );
    expect(ids.sort()).toEqual(expected);
    expect(total).toBe(expected.length);
  });
});

describe('GET /api/v1/sandbox validation', () => {
  it.each([
    ['page=0', 'page'],
    ['page=x', 'page'],
    ['per_page=0', 'per_page'],
    ['per_page=1001', 'per_page'],
    ['status=RUNNNING', 'status'],
    ['status=running', 'status'],
    ['is_active=maybe', 'is_active'],
  ])('422 for %s with the ErrorResponse body', async (query, param) => {
    const res = await prime<ErrorBody>(sim, `/api/v1/sandbox?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toEqual({ errors: [{ param, details: expect.any(String) }] });
  });

  it('accepts the boundaries', async () => {
    expect((await prime(sim, '/api/v1/sandbox?per_page=1&page=1')).status).toBe(200);
    expect((await prime(sim, '/api/v1/sandbox?per_page=1000')).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('429s with Retry-After past the limit per token, then recovers', async () => {
    const limited = await startSimulator({
      clockMultiplier: 0,
      churn: false,
      sandboxRateLimit: { limit: 5, windowMs: 400 },
      counts: { sandboxes: 3 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await prime(limited, '/api/v1/sandbox')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const over = await prime<{ detail: string }>(limited, '/api/v1/sandbox');
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(over.body.detail).toEqual(expect.any(String));
      // Other endpoints and unauthenticated calls are not counted against it.
      expect((await prime(limited, '/api/v1/disks')).status).toBe(200);
      expect((await prime(limited, '/api/v1/sandbox', 'wrong-key')).status).toBe(401);
      await new Promise((r) => setTimeout(r, 450));
      expect((await prime(limited, '/api/v1/sandbox')).status).toBe(200);
      expect(limited.control.requests().filter((r) => r.status === 429)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });
});
