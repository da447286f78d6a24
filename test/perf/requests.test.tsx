/**
 * The request budget of `npm run bench` (README "Performance"), checked in
 * CI: sandbox-list requests stay within 10% of the documented 1,000 a minute,
 * with Pods visible (the default) and with Sandboxes visible (the worst case).
 * Real polling of 10,000 sandboxes and 1,000 pods over HTTP, with time running
 * 30× faster: the poll interval and the rate limit's window are both scaled,
 * so a 2 s window is the app's minute. Polls can only come late, never early,
 * so a slow machine can only count fewer.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { DEFAULT_POLICY, DOCUMENTED_LIST_LIMITS, RATE_SHARE, rateLimitedInterval } from '../../src/data/polling.js';
import { createFetchers } from '../../src/data/sources.js';
import type { Simulator } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

const SCALE = 30;
const MINUTE = 60_000 / SCALE;
const BUDGET = 1_000 * RATE_SHARE;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API requests per minute (10,000 sandboxes, 1,000 pods)', () => {
  let sim: Simulator;
  let vt: VirtualTerminal;

  beforeAll(async () => {
    sim = await simulatorForFile({ counts: { sandboxes: 10_000, pods: 1_000 } });
    const clients = {
      prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
      dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
    };
    vt = renderInTerminal(
      <QueryClientProvider client={createQueryClient()}>
        <App
          fetchers={createFetchers(clients)}
          source={{ demo: true, description: 'simulated data' }}
          policy={{
            ...DEFAULT_POLICY,
            intervalMs: DEFAULT_POLICY.intervalMs / SCALE,
            maxBackoffMs: DEFAULT_POLICY.maxBackoffMs / SCALE,
            listLimits: {
              sandboxes: {
                ...DOCUMENTED_LIST_LIMITS.sandboxes!,
                windowMs: DOCUMENTED_LIST_LIMITS.sandboxes!.windowMs / SCALE,
              },
            },
          }}
          initialTab="pods"
        />
      </QueryClientProvider>,
      { columns: 200, rows: 50 },
    );
    await waitForScreen(vt, /2 Sandboxes [\d,]{5}.*3 Pods [\d,]{5}/, 15_000);
  }, 30_000);
  afterAll(() => vt?.unmount());

  const sandboxRequestsInAMinute = async (): Promise<number> => {
    sim.control.clearRequests();
    await sleep(MINUTE);
    return sim.control.requests().filter((r) => r.method === 'GET' && r.path === '/api/v1/sandbox').length;
  };

  it('polls a list of 10 pages no faster than 90 requests a minute', () => {
    expect(rateLimitedInterval(DOCUMENTED_LIST_LIMITS.sandboxes, 10_000)).toBe(6_667);
    expect(rateLimitedInterval(DOCUMENTED_LIST_LIMITS.sandboxes, 900)).toBe(667);
    expect(rateLimitedInterval(DOCUMENTED_LIST_LIMITS.pods, 1_000)).toBe(0);
  });

  it(`stays within ${BUDGET} sandbox-list requests a minute, Pods visible and Sandboxes visible`, async () => {
    const atDefaults = await sandboxRequestsInAMinute();
    vt.type('2');
    await waitForScreen(vt, /NAME.*IMAGE/);
    const worstCase = await sandboxRequestsInAMinute();
    // Something was measured: at least one poll of all 10 pages in each minute.
    expect(atDefaults).toBeGreaterThanOrEqual(10);
    expect(worstCase).toBeGreaterThanOrEqual(10);
    expect(atDefaults).toBeLessThanOrEqual(BUDGET);
    expect(worstCase).toBeLessThanOrEqual(BUDGET);
    // Without the rule, Sandboxes visible would poll every 5 s: 120 a minute.
    expect(worstCase).toBeLessThan(120);
  }, 20_000);
});
