/**
 * The byte budgets of `npm run bench` (README "Performance"), checked in CI:
 * bytes do not depend on the machine's speed, only on what is drawn. The real
 * App, react-query and HTTP against the simulator, rendered into a 200×50
 * in-memory terminal; polls are driven with refetchQueries, not timers.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import type { RenderOptions } from 'ink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { createFetchers, createOperations } from '../../src/data/sources.js';
import type { Simulator } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

const SIZE = { columns: 200, rows: 50 };
const PODS = 2_000;

interface Running {
  vt: VirtualTerminal;
  poll(): Promise<void>;
  /** Bytes written by one poll, once its frame is drawn. */
  measure(poll: () => Promise<void>): Promise<number>;
}

function start(sim: Simulator, options: RenderOptions = {}): Running {
  const client = createQueryClient();
  const clients = {
    prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
    dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
  };
  const vt = renderInTerminal(
    <QueryClientProvider client={client}>
      <App
        fetchers={createFetchers(clients)}
        source={{ demo: true, description: 'simulated data' }}
        policy={{ intervalMs: 3_600_000, hiddenFactor: 3, maxBackoffMs: 60_000 }}
        initialTab="pods"
        operations={createOperations(clients)}
      />
    </QueryClientProvider>,
    SIZE,
    { maxFps: 30, ...options },
  );
  const settleFrames = async (): Promise<void> => {
    // Quiet: nothing written for a while (Ink's 30 fps throttle included).
    for (let before = -1; before !== vt.bytes();) {
      before = vt.bytes();
      await new Promise((resolve) => setTimeout(resolve, 60));
      await vt.settle();
    }
  };
  return {
    vt,
    poll: () => client.refetchQueries({ queryKey: ['resources', 'pods'] }),
    async measure(poll) {
      await settleFrames();
      const before = vt.bytes();
      await poll();
      await settleFrames();
      return vt.bytes() - before;
    },
  };
}

/** Just after the wall clock's next second, so the header's update time certainly changes. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));

describe('bytes written to the terminal per poll (200×50)', () => {
  let sim: Simulator;
  let incremental: Running;
  let full: Running;

  beforeAll(async () => {
    sim = await simulatorForFile({ counts: { pods: PODS } });
    incremental = start(sim);
    full = start(sim, { incrementalRendering: false });
    await Promise.all([
      waitForScreen(incremental.vt, `3 Pods ${PODS.toLocaleString('en-US')}`, 15_000),
      waitForScreen(full.vt, /3 Pods \d/, 15_000),
    ]);
  }, 30_000);
  afterAll(() => {
    incremental?.vt.unmount();
    full?.vt.unmount();
  });

  it('repaints only the update time when nothing changed (≤ 300 bytes)', async () => {
    await nextSecond();
    const bytes = await incremental.measure(incremental.poll);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(300);
  });

  it('repaints one row when one pod changed (≤ 1,500 bytes, ≥ 10× fewer than a full redraw)', async () => {
    const screen = incremental.vt.lines();
    const onScreen = sim.control
      .list('pods')
      .find((pod) => screen.slice(4, 20).some((line) => line.includes(` ${pod.name ?? pod.id} `)));
    expect(onScreen).toBeDefined();
    sim.control.setStatus('pods', onScreen!.id, onScreen!.status === 'ERROR' ? 'ACTIVE' : 'ERROR');
    await nextSecond();
    const [changed, redraw] = await Promise.all([incremental.measure(incremental.poll), full.measure(full.poll)]);
    expect(incremental.vt.screen()).toMatch(/→ (ERROR|ACTIVE)/);
    expect(changed).toBeLessThanOrEqual(1_500);
    expect(redraw / changed).toBeGreaterThanOrEqual(10);
  });
});
