import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';

const count = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('close()', () => {
  it('closes the server, every connection and every timer, for many simulators', async () => {
    const servers = count('TCPServerWrap');
    const setSpy = vi.spyOn(globalThis, 'setInterval');
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');

    const sims = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        startSimulator({ seed: i, clockMultiplier: 1, counts: { pods: 3, disks: 1, sandboxes: 3, nodes: 2 } }),
      ),
    );
    expect(count('TCPServerWrap')).toBe(servers + 25);
    // Keep-alive connections open on every server.
    await Promise.all(
      sims.map(async (sim) =>
        (await fetch(`${sim.url}/api/v1/disks/`, { headers: { authorization: `Bearer ${sim.primeKey}` } })).text(),
      ),
    );
    await Promise.all(sims.map((sim) => sim.close()));

    // libuv releases closed handles on the next loop turn, so poll briefly.
    await vi.waitFor(() => expect(count('TCPServerWrap')).toBe(servers));
    // Our background timers are unref'd (invisible to getActiveResourcesInfo), so check they were cleared.
    const intervals = setSpy.mock.results.map((r) => r.value as unknown);
    expect(intervals.length).toBeGreaterThan(0);
    for (const handle of intervals) expect(clearSpy.mock.calls.some(([h]) => h === handle)).toBe(true);
    await expect(fetch(`${sims[0]?.url}/api/v1/disks/`)).rejects.toThrow();
  });

  it('is idempotent and does not wait for answers held back by a delay fault', async () => {
    const setSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
    const sim = await startSimulator({ clockMultiplier: 0, counts: { pods: 1, disks: 1, sandboxes: 1, nodes: 1 } });
    sim.control.injectFault({ path: '/api/v1/disks', fault: { delayMs: 60_000 } });
    const pending = fetch(`${sim.url}/api/v1/disks`, { headers: { authorization: `Bearer ${sim.primeKey}` } }).then(
      () => 'answered',
      () => 'failed',
    );
    const delayTimer = await vi.waitFor(() => {
      const call = setSpy.mock.calls.findIndex((args) => args[1] === 60_000);
      expect(call).toBeGreaterThanOrEqual(0);
      return setSpy.mock.results[call]?.value as unknown;
    });
    await Promise.all([sim.close(), sim.close()]);
    await sim.close();
    // It did not wait for the held-back answer: by the time close() resolved, the
    // delay's timer was cancelled and no answer was logged (the log records an answer as it is sent).
    expect(clearSpy.mock.calls.some(([h]) => h === delayTimer)).toBe(true);
    expect(sim.control.requests().filter((r) => r.path === '/api/v1/disks')).toEqual([]);
    expect(await pending).toBe('failed');
  });
});
