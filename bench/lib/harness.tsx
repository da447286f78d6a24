/**
 * Runs the real App (the same components, react-query polling and API
 * clients) against a simulator, rendering into an in-memory 200×50 terminal
 * (test/helpers/virtual-terminal.tsx). Records every write with its time, so
 * scenarios can count bytes per frame and measure from an event to the frame.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { performance } from 'node:perf_hooks';
import type { RenderOptions } from 'ink';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { DEFAULT_POLICY, type PollPolicy } from '../../src/data/polling.js';
import { createFetchers, createOperations, type Fetchers } from '../../src/data/sources.js';

import type { DispersedKeys } from '../../src/sim/index.js';
import type { ResourceKind } from '../../src/views/resource.js';
import { renderInTerminal, type VirtualTerminal } from '../../test/helpers/virtual-terminal.js';

export interface Write {
  at: number;
  bytes: number;
}

/** The harness keeps this many recent writes and render times: a 2,000-poll run must not grow on the harness's account. */
const KEEP = 5_000;
const keepRecent = <T,>(list: T[]): void => {
  if (list.length > 2 * KEEP) list.splice(0, list.length - KEEP);
};

export interface AppHarness {
  vt: VirtualTerminal;
  queryClient: QueryClient;
  writes: Write[];
  /** Times (performance.now) at which a query's data was replaced in the cache, per kind. */
  dataAt: Record<ResourceKind, number[]>;
  /** Times at which a fetcher's list (every page, parsed) was in hand, per kind: the poll's response. */
  resolvedAt: Record<ResourceKind, number[]>;
  renders: number[];
  bytes(): number;
  /** Resolves once nothing has been written for `quietMs` and xterm has parsed everything. */
  quiet(quietMs?: number): Promise<void>;
  /** Polls `kind` now (as the interval would) and resolves when its new data is in the cache. */
  poll(kind: ResourceKind): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim: { url: string; primeKey: string; dispersedKeys: DispersedKeys };
  size?: { columns: number; rows: number };
  policy?: Partial<PollPolicy>;
  initialTab?: ResourceKind;
  cap?: number;
  render?: RenderOptions;
  /** Instead of HTTP clients of `sim` (e.g. lists recorded from it, replayed). */
  fetchers?: Fetchers;
  /** False: nothing reads the screen (see renderInTerminal), for figures of the app's own memory. */
  parseOutput?: boolean;
}

export const SIZE = { columns: 200, rows: 50 } as const;

export function startApp(options: HarnessOptions): AppHarness {
  const { sim } = options;
  const clients = {
    prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
    dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
  };
  const queryClient = createQueryClient();
  const dataAt: Record<ResourceKind, number[]> = {
    disks: [],
    sandboxes: [],
    pods: [],
    nodes: [],
    history: [],
    availability: [],
  };
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') {
      const kind = event.query.queryKey[1] as ResourceKind;
      dataAt[kind]?.push(performance.now());
      if (dataAt[kind]) keepRecent(dataAt[kind]);
    }
  });
  const resolvedAt: Record<ResourceKind, number[]> = {
    disks: [],
    sandboxes: [],
    pods: [],
    nodes: [],
    history: [],
    availability: [],
  };
  const real = options.fetchers ?? createFetchers(clients, options.cap);
  const timed = <K extends ResourceKind>(kind: K): Fetchers[K] =>
    (async (signal: AbortSignal, server: Parameters<Fetchers[K]>[1]) => {
      const result = await real[kind](signal, server);
      resolvedAt[kind].push(performance.now());
      keepRecent(resolvedAt[kind]);
      return result;
    }) as Fetchers[K];
  const fetchers: Fetchers = {
    disks: timed('disks'),
    sandboxes: timed('sandboxes'),
    pods: timed('pods'),
    nodes: timed('nodes'),
    history: timed('history'),
    availability: timed('availability'),
  };
  const renders: number[] = [];
  const vt = renderInTerminal(
    <QueryClientProvider client={queryClient}>
      <App
        fetchers={fetchers}
        source={{ demo: true, description: 'simulated data · benchmark' }}
        policy={{ ...DEFAULT_POLICY, ...options.policy }}
        initialTab={options.initialTab ?? 'pods'}
        operations={createOperations(clients)}
      />
    </QueryClientProvider>,
    options.size ?? SIZE,
    {
      maxFps: 30,
      onRender: ({ renderTime }) => {
        renders.push(renderTime);
        keepRecent(renders);
      },
      ...options.render,
    },
    { parse: options.parseOutput ?? true },
  );
  const writes: Write[] = [];
  const stdout = vt.stdout as unknown as { write: (chunk: string | Uint8Array, ...rest: unknown[]) => boolean };
  const original = stdout.write.bind(stdout);
  stdout.write = (chunk, ...rest) => {
    writes.push({
      at: performance.now(),
      bytes: typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength,
    });
    keepRecent(writes);
    return original(chunk, ...rest);
  };
  const quiet = async (quietMs = 60): Promise<void> => {
    for (;;) {
      const before = writes.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      await vt.settle();
      if (writes.length === before) return;
    }
  };
  return {
    vt,
    queryClient,
    writes,
    dataAt,
    resolvedAt,
    renders,
    bytes: () => vt.bytes(),
    quiet,
    async poll(kind) {
      await queryClient.refetchQueries({ queryKey: ['resources', kind] });
    },
    async close() {
      vt.unmount();
      queryClient.clear();
    },
  };
}

/** Writes after `since` (performance.now), as one frame's bytes and the time of its last write. */
export function writesSince(
  writes: readonly Write[],
  since: number,
): { bytes: number; first: number; last: number; count: number } {
  let bytes = 0;
  let first = Infinity;
  let last = -Infinity;
  let count = 0;
  for (const w of writes) {
    if (w.at < since) continue;
    bytes += w.bytes;
    first = Math.min(first, w.at);
    last = Math.max(last, w.at);
    count++;
  }
  return { bytes, first, last, count };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
