import { describe, expect, it } from 'vitest';
import type { Disk, Pod, Sandbox } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { START, prime } from './helpers.js';

/** Advances in steps, recording each tracked resource's status whenever it changes. */
function track<T extends { status: string }>(
  advance: (ms: number) => void,
  read: () => Map<string, T>,
  ids: string[],
  stepMs: number,
  totalMs: number,
  onStep?: (now: Map<string, T>) => void,
): Map<string, string[]> {
  const seen = new Map(ids.map((id) => [id, [read().get(id)?.status ?? 'GONE']]));
  for (let t = 0; t < totalMs; t += stepMs) {
    advance(stepMs);
    const now = read();
    onStep?.(now);
    for (const id of ids) {
      const history = seen.get(id) as string[];
      const status = now.get(id)?.status ?? 'GONE';
      if (history[history.length - 1] !== status) history.push(status);
    }
  }
  return seen;
}

describe('lifecycles (churn on, frozen clock, advance)', () => {
  it('pods: PROVISIONING -> PENDING -> ACTIVE while installing (reachable, progress under 100) -> installed, or ERROR with a reason', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: true,
      seed: 3,
      counts: { pods: 0, disks: 3, sandboxes: 0, nodes: 0 },
    });
    const ids = Array.from({ length: 30 }, () => sim.control.add('pods').id);
    const progress = new Map<string, number>();
    const installingActive = new Set<string>();
    const seen = track(
      sim.control.advance,
      () => new Map(sim.control.list('pods').map((p): [string, Pod] => [p.id, p])),
      ids,
      5_000,
      10 * 60_000,
      (pods) => {
        for (const id of ids) {
          const pod = pods.get(id);
          if (!pod || pod.installationStatus !== 'ACTIVE' || !['PENDING', 'ACTIVE'].includes(pod.status)) continue;
          expect(pod.installationProgress ?? 0).toBeGreaterThanOrEqual(progress.get(id) ?? 0);
          expect(pod.installationProgress ?? 0).toBeLessThan(100);
          // Up while its image installs, what the official client shows as INSTALLING: reachable already.
          if (pod.status === 'ACTIVE') {
            expect(pod.sshConnection).toBeTruthy();
            installingActive.add(id);
          }
          progress.set(id, pod.installationProgress ?? 0);
        }
      },
    );
    // An installation may fail once the pod is up, too: ACTIVE (INSTALLING) → ERROR.
    const allowed =
      /^PROVISIONING( PENDING)?( ACTIVE)?( ERROR)?$|^PROVISIONING( PENDING)? ACTIVE DELETING( TERMINATED( GONE)?)?$/;
    for (const history of seen.values()) expect(history.join(' ')).toMatch(allowed);
    const finals = ids.map((id) => sim.control.get('pods', id)).filter((p): p is Pod => p !== undefined);
    expect(finals.filter((p) => p.status === 'ACTIVE').length).toBeGreaterThan(20);
    expect(progress.size).toBeGreaterThan(10);
    expect(installingActive.size).toBeGreaterThan(10);
    for (const pod of finals) {
      if (pod.status === 'ACTIVE') {
        expect(pod.installationProgress).toBe(100);
        expect(pod.installationStatus).toBe('FINISHED');
        expect(pod.sshConnection).toBeTruthy();
        expect(pod.ip).toBeTruthy();
      }
      if (pod.status === 'ERROR') expect(pod.installationFailure).toEqual(expect.any(String));
      expect(['ACTIVE', 'ERROR', 'DELETING', 'TERMINATED']).toContain(pod.status);
    }
  });

  it('sandboxes: PENDING -> PROVISIONING -> RUNNING -> TERMINATED, or TIMEOUT when the timeout hits, sometimes ERROR; then they leave', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: true,
      seed: 4,
      counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 0 },
    });
    const ids = Array.from({ length: 30 }, () => sim.control.add('sandboxes', { timeoutMinutes: 30 }).id);
    const read = (): Map<string, Sandbox> =>
      new Map(sim.control.list('sandboxes').map((s): [string, Sandbox] => [s.id, s]));
    const seen = track(sim.control.advance, read, ids, 10_000, 35 * 60_000);
    for (const history of seen.values())
      expect(history.join(' ')).toMatch(/^PENDING PROVISIONING (RUNNING (TERMINATED|TIMEOUT|ERROR)|ERROR)$/);
    const finals = ids.map((id) => sim.control.get('sandboxes', id) as Sandbox);
    let timedOut = 0;
    for (const sb of finals) {
      expect(sb.terminatedAt).not.toBeNull();
      expect(Date.parse(sb.updatedAt)).toBe(Date.parse(sb.terminatedAt ?? ''));
      if (sb.status === 'TERMINATED') expect(sb.exitCode).not.toBeNull();
      if (sb.status === 'ERROR') expect(sb.errorMessage).toEqual(expect.any(String));
      if (sb.startedAt)
        expect(Date.parse(sb.terminatedAt ?? '') - Date.parse(sb.startedAt)).toBeLessThanOrEqual(30 * 60_000);
      if (sb.status === 'TIMEOUT') {
        timedOut++;
        expect(sb).toMatchObject({ exitCode: 137, errorType: 'TIMEOUT', terminationReason: 'TIMEOUT' });
        expect(Date.parse(sb.terminatedAt ?? '') - Date.parse(sb.startedAt ?? '')).toBe(30 * 60_000);
      }
    }
    expect(timedOut).toBeGreaterThan(0);
    expect(finals.filter((s) => s.status === 'TERMINATED' || s.status === 'TIMEOUT').length).toBeGreaterThan(15);
    sim.control.advance(25 * 3600_000);
    const left = read();
    for (const id of ids) expect(left.has(id)).toBe(false);
  });

  it('disks: PROVISIONING -> ACTIVE', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: true,
      seed: 5,
      counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 0 },
    });
    const ids = Array.from({ length: 10 }, () => sim.control.add('disks').id);
    const read = (): Map<string, Disk> => new Map(sim.control.list('disks').map((d): [string, Disk] => [d.id, d]));
    const seen = track(sim.control.advance, read, ids, 5_000, 2 * 60_000);
    for (const history of seen.values()) expect(history.join(' ')).toMatch(/^PROVISIONING (ACTIVE|ERROR)$/);
    expect(ids.filter((id) => read().get(id)?.status === 'ACTIVE').length).toBeGreaterThan(6);
  });

  it('nodes change status now and then, bumping updated_at', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: true,
      seed: 6,
      counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 30 },
    });
    const before = new Map(sim.control.list('nodes').map((n) => [n.uuid, n]));
    const transitions = new Set<string>();
    let last = new Map([...before].map(([id, n]) => [id, n.status]));
    for (let i = 0; i < 36; i++) {
      sim.control.advance(10 * 60_000);
      for (const node of sim.control.list('nodes')) {
        const prev = last.get(node.uuid);
        if (prev !== undefined && prev !== node.status) {
          transitions.add(`${prev}>${node.status}`);
          const original = before.get(node.uuid);
          if (original) expect(Date.parse(node.updated_at)).toBeGreaterThan(Date.parse(original.updated_at));
        }
      }
      last = new Map(sim.control.list('nodes').map((n) => [n.uuid, n.status]));
    }
    expect(transitions.has('AVAILABLE>ASSIGNED')).toBe(true);
    expect(transitions.has('PREPARING>WORKING')).toBe(true);
    expect(transitions.size).toBeGreaterThan(4);
  });

  it('churn brings new resources of every kind', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: true,
      seed: 7,
      counts: { pods: 5, disks: 5, sandboxes: 5, nodes: 5 },
    });
    const initial = new Set(
      (['pods', 'disks', 'sandboxes', 'nodes'] as const).flatMap((k) =>
        sim.control.list(k).map((r) => ('id' in r ? r.id : r.uuid)),
      ),
    );
    sim.control.advance(12 * 3600_000);
    const fresh = {
      pods: sim.control.list('pods').filter((p) => !initial.has(p.id)),
      disks: sim.control.list('disks').filter((d) => !initial.has(d.id)),
      sandboxes: sim.control.list('sandboxes').filter((s) => !initial.has(s.id)),
      nodes: sim.control.list('nodes').filter((n) => !initial.has(n.uuid)),
    };
    for (const [kind, items] of Object.entries(fresh)) expect(items.length, kind).toBeGreaterThan(0);
    for (const pod of fresh.pods) expect(Date.parse(pod.createdAt)).toBeGreaterThan(START);
    // Growth is bounded however long it runs.
    sim.control.advance(7 * 24 * 3600_000);
    expect(sim.control.list('sandboxes').length).toBeLessThanOrEqual(5 * 2 + 10);
  });

  it('without churn nothing moves on its own, however much time passes', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      churn: false,
      counts: { pods: 20, disks: 5, sandboxes: 20, nodes: 10 },
    });
    const kinds = ['pods', 'disks', 'sandboxes', 'nodes'] as const;
    const before = kinds.map((k) => sim.control.list(k));
    sim.control.advance(3 * 24 * 3600_000);
    expect(kinds.map((k) => sim.control.list(k))).toEqual(before);
  });

  it('a running clock follows the multiplier', async () => {
    const sim = await simulatorForFile({
      startTime: START,
      clockMultiplier: 600,
      churn: true,
      counts: { pods: 2, disks: 1, sandboxes: 2, nodes: 2 },
    });
    const t0 = sim.control.now();
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.control.now() - t0).toBeGreaterThanOrEqual(50_000);
    expect((await prime(sim, '/api/v1/pods')).status).toBe(200);
  });
});
