/**
 * Long runs: 24 hours of polling at the default 5 s interval is 17,280 polls
 * of the visible tab (and a third as many of each hidden one). Two parts,
 * together well under 30 s:
 *
 * 1. The bulk, all 17,280 polls, through the data layer and the transition
 *    tracker directly: the simulator's world (resources appearing, changing,
 *    leaving) stepped 5 s of sim time per poll, every list parsed item by
 *    item with the real schemas (as the clients do) and shown to the tracker,
 *    which is read as the App reads it (the visible tab's marks and ghosts,
 *    the expiry timer). Heap after GC, the tracker's sizes and its listeners
 *    must stay flat; the events list at most 500.
 *
 * 2. A representative slice through the full App over real HTTP: the
 *    simulator's clock at ×100, the App polling every 50 ms (so each poll
 *    sees 5 s of change), for 40 polls of the visible tab. Active timers and sockets
 *    must not accumulate while it runs, and all of them must be gone after
 *    it unmounts; the heap must not grow beyond noise.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { nodeSchema } from '../../src/api/dispersed/schemas.js';
import { parseItems } from '../../src/api/lenient.js';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { CONNECTIONS_PER_ORIGIN } from '../../src/api/http/fetch.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { diskSchema, podSchema, sandboxSchema } from '../../src/api/prime/schemas.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { createFetchers } from '../../src/data/sources.js';
import { DEFAULT_MAX_EVENTS, TransitionTracker } from '../../src/changes/tracker.js';
import { startSimulator } from '../../src/sim/index.js';
import { World } from '../../src/sim/world.js';
import { RESOURCE_KINDS, VIEWS, type ResourceKind, type RowByKind } from '../../src/views/index.js';
import { renderInTerminal, waitForScreen } from '../helpers/virtual-terminal.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}
const MB = 1024 * 1024;

const POLL_MS = 5_000;
const DAY_OF_POLLS = (24 * 60 * 60 * 1000) / POLL_MS; // 17,280
const SCHEMAS = { pods: podSchema, disks: diskSchema, sandboxes: sandboxSchema, nodes: nodeSchema } as const;

/** Timers and sockets the process holds, by type (e.g. Timeout, TCPSocketWrap). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('24 hours of polling', () => {
  it(
    `${DAY_OF_POLLS} polls through the data layer and the tracker: memory flat, events bounded`,
    // All CPU: about 16 s on an idle 2-core machine, several times that beside other work.
    { timeout: 180_000 },
    () => {
      const start = Date.parse('2026-01-01T00:00:00Z');
      // A smaller world than the default keeps the run short; the churn (arrivals, lifecycles, removals) is the same.
      const world = new World({
        seed: 24,
        counts: { pods: 4, disks: 2, sandboxes: 4, nodes: 3 },
        startTime: start,
        churn: true,
      });
      const tracker = new TransitionTracker<RowByKind>();
      // As useTrackerVersion does: one listener for the lifetime of the App.
      const unsubscribe = tracker.subscribe(() => undefined);
      tracker.setViewing('pods');

      const poll = (kind: Exclude<ResourceKind, 'history' | 'availability'>, now: number): number => {
        // The objects as the API sends them, parsed item by item as the clients do
        // (HTTP and JSON are left out: they keep nothing between polls, and cost most of the time).
        const wire = [...world.records(kind)].map((record) => world.wire(kind, record));
        const { items } = parseItems(SCHEMAS[kind] as typeof podSchema, wire);
        const view = VIEWS[kind] as unknown as {
          getId: (r: unknown) => string;
          getName: (r: unknown) => string;
          getStatus: (r: unknown) => string;
        };
        return tracker.observe(
          kind,
          { rows: items as never, getId: view.getId, getName: view.getName, getStatus: view.getStatus },
          now,
        ).length;
      };

      const checkpoints: { poll: number; heap: number }[] = [];
      let transitions = 0;
      let maxTracked = 0;
      let maxMarks = 0;
      let maxGhosts = 0;
      for (let i = 1; i <= DAY_OF_POLLS; i++) {
        const now = start + i * POLL_MS;
        world.stepTo(now);
        transitions += poll('pods', now);
        // Hidden tabs poll three times more slowly.
        if (i % 3 === 0) for (const kind of ['disks', 'sandboxes', 'nodes'] as const) transitions += poll(kind, now);
        // What a render of the pods tab reads, and what the expiry timer does.
        tracker.marks('pods', now);
        tracker.ghosts('pods', now);
        const next = tracker.nextExpiry(now);
        if (next !== null && next <= now) tracker.expire(now);
        if (i % 500 === 0) {
          const stats = tracker.stats();
          for (const kind of RESOURCE_KINDS) {
            maxTracked = Math.max(maxTracked, stats.byResource[kind].tracked);
            maxMarks = Math.max(maxMarks, stats.byResource[kind].marks);
            maxGhosts = Math.max(maxGhosts, stats.byResource[kind].ghosts);
          }
          expect(stats.events).toBeLessThanOrEqual(DEFAULT_MAX_EVENTS);
          expect(stats.listeners).toBe(1);
        }
        if (i === 2_000 || i === 9_000 || i === DAY_OF_POLLS) checkpoints.push({ poll: i, heap: heapAfterGc() });
      }
      unsubscribe();

      // It was a day with things happening: resources came, changed and went, more than the events kept.
      expect(transitions).toBeGreaterThan(DEFAULT_MAX_EVENTS);
      expect(tracker.events()).toHaveLength(DEFAULT_MAX_EVENTS);
      // The tracker holds the current lists and what is highlighted, nothing more: bounded by the world's caps (2n + 10).
      expect(maxTracked).toBeLessThanOrEqual(2 * 4 + 10);
      expect(maxMarks).toBeLessThanOrEqual(2 * 4 + 10);
      expect(maxGhosts).toBeLessThanOrEqual(2 * 4 + 10);
      expect(tracker.stats().listeners).toBe(0);
      // Flat: from a warmed-up 2,000 polls to the end of the day, the heap grows by less than noise.
      const [warm, middle, end] = checkpoints as unknown as [{ heap: number }, { heap: number }, { heap: number }];
      expect(
        (end.heap - warm.heap) / MB,
        `heap after GC: ${checkpoints.map((c) => `${c.poll}: ${(c.heap / MB).toFixed(1)} MB`).join(', ')}`,
      ).toBeLessThan(4);
      expect((end.heap - middle.heap) / MB).toBeLessThan(3);
    },
  );

  it('the full App over HTTP for a slice of it: no timers, sockets or memory accumulate, all released on exit', async () => {
    const baseline = activeResources();
    const sim = await startSimulator({
      seed: 25,
      counts: { pods: 12, disks: 6, sandboxes: 20, nodes: 15 },
      clockMultiplier: POLL_MS / 50,
    });
    const clients = {
      prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
      dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
    };
    const client = createQueryClient();
    const vt = renderInTerminal(
      <QueryClientProvider client={client}>
        <App
          fetchers={createFetchers(clients)}
          source={{ demo: false, description: 'soak' }}
          policy={{ intervalMs: 50, hiddenFactor: 3, maxBackoffMs: 600 }}
          initialTab="pods"
          highlightMs={100}
        />
      </QueryClientProvider>,
      { columns: 120, rows: 40 },
    );
    const exitListeners = process.listenerCount('exit');
    await waitForScreen(vt, /3 Pods \d/);
    vt.type('e'); // the events panel open, as someone watching would have it

    const samples: { at: number; timers: number; sockets: number; heap: number }[] = [];
    const started = Date.now();
    const podPolls = () => sim.control.requests().filter((r) => r.path === '/api/v1/pods').length;
    // A slice of so many polls, sampled every 250 ms, however long a busy machine takes to make them (about 2 s idle).
    const SLICE_POLLS = 40;
    while (podPolls() < SLICE_POLLS || samples.length < 8) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const active = activeResources();
      samples.push({
        at: Date.now() - started,
        timers: active.Timeout ?? 0,
        sockets: active.TCPSocketWrap ?? 0,
        heap: process.memoryUsage().heapUsed,
      });
    }
    const polls = podPolls();
    expect(polls, 'the slice polled the visible tab a few dozen times').toBeGreaterThan(15);
    await vt.settle();
    const events = /Events(?: \d+–\d+ of)? (\d+)/.exec(vt.screen());
    expect(events, vt.screen()).not.toBeNull();
    expect(Number(events![1])).toBeLessThanOrEqual(DEFAULT_MAX_EVENTS);

    // While it runs: the counts level off rather than climb.
    const early = samples.slice(0, Math.ceil(samples.length / 3));
    const late = samples.slice(-Math.ceil(samples.length / 3));
    const most = (list: typeof samples, key: 'timers' | 'sockets') => Math.max(...list.map((s) => s[key]));
    expect(most(late, 'timers'), JSON.stringify(samples)).toBeLessThanOrEqual(most(early, 'timers') + 3);
    // Sockets: the lists poll in the same moments (data/poll-rounds.ts), so how many are open at a sample
    // depends on whether it fell in one; what must hold is the pools' bound, never more. Two clients (Prime,
    // Dispersed), each at most CONNECTIONS_PER_ORIGIN, and both ends of each, the simulator being in this process.
    const socketBound = (baseline.TCPSocketWrap ?? 0) + 2 * CONNECTIONS_PER_ORIGIN * 2;
    expect(Math.max(...samples.map((s) => s.sockets)), JSON.stringify(samples)).toBeLessThanOrEqual(socketBound);

    const heapRunning = heapAfterGc();
    vt.unmount();
    // A poll still in flight would schedule its query's garbage collection (60 s) when it settles,
    // even after clear(): settle it first (a busy machine leaves one in flight more often).
    await client.cancelQueries();
    client.clear();
    await sim.close();
    // Keep-alive sockets and their timers close with the server, some turns of the event loop later
    // (looked for between timers of our own, which would count).
    const kinds = ['Timeout', 'TCPSocketWrap', 'TCPServerWrap'];
    const lingering = () => kinds.some((type) => (activeResources()[type] ?? 0) > (baseline[type] ?? 0));
    for (let i = 0; i < 100 && lingering(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = activeResources();
    for (const type of kinds) {
      expect(
        after[type] ?? 0,
        `${type} left behind: ${JSON.stringify(after)} vs ${JSON.stringify(baseline)}`,
      ).toBeLessThanOrEqual(baseline[type] ?? 0);
    }
    expect(process.listenerCount('exit')).toBeLessThanOrEqual(exitListeners);
    expect(vt.stdout.listenerCount('resize')).toBe(0);
    // Released: nothing the App built is still reachable.
    expect((heapAfterGc() - heapRunning) / MB).toBeLessThan(2);
  }, 60_000);
});
