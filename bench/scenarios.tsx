/**
 * The benchmark's scenarios. bench/run.mjs bundles this file (as the CLI is
 * bundled: production React, every dependency inlined) and runs each scenario
 * in a fresh process: `node scenarios.js NAME`. Each prints one result line
 * (see lib/figures.ts); run.mjs collects them into the table.
 *
 * In-memory scenarios render the real App into a 200×50 xterm (the same
 * harness as the component tests) with the simulator in a worker thread, so
 * the app's thread and heap are the app's alone. End-to-end scenarios run the
 * built CLI in a real pseudo-terminal (the end-to-end tests' harness).
 */
import { performance } from 'node:perf_hooks';
import { createDispersedClient } from '../src/api/dispersed/client.js';
import { createPrimeClient } from '../src/api/prime/client.js';
import { DEFAULT_POLICY, RATE_SHARE, type PollPolicy } from '../src/data/polling.js';
import { createFetchers, type Fetchers } from '../src/data/sources.js';
import type { ResourceKind } from '../src/views/resource.js';
import { KEYS } from '../test/helpers/virtual-terminal.js';
import { report, type Figure, type ScenarioResult } from './lib/figures.js';
import { percentile, SIZE, sleep, startApp, writesSince, type AppHarness } from './lib/harness.js';
import { REPO_ROOT, spawnCli, spawnPty, type PtySession } from './lib/pty.js';
import { bareFrameTimes } from './lib/bare-frame.js';
import { startBenchSim, type BenchSim } from './lib/sim.js';
import { filterMatch, simWorld, tracker } from './lib/work.js';
import { cpuIdle } from './lib/idle.js';
import { memory, memoryEmpty } from './lib/memory.js';

const HOUR = 3_600_000;
/** Polls are driven by the scenario (queryClient.refetchQueries), not by timers. */
const DRIVEN: Partial<PollPolicy> = { intervalMs: HOUR };
const median = (values: readonly number[]): number => percentile(values, 50);
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Waits until just after the wall clock's next second, so the header's update time really changes. */
async function nextSecond(): Promise<void> {
  await sleep(1000 - (Date.now() % 1000) + 20);
}

async function loaded(app: AppHarness, { quiet = true } = {}): Promise<void> {
  const kinds: readonly ResourceKind[] = ['disks', 'sandboxes', 'pods', 'nodes'];
  const deadline = Date.now() + 120_000;
  while (kinds.some((kind) => app.dataAt[kind].length === 0)) {
    if (Date.now() > deadline) throw new Error(`data never arrived:\n${app.vt.screen()}`);
    await sleep(20);
  }
  if (quiet) await app.quiet(200);
}

/** Ids of pods drawn on screen, top first (matched by name between spaces). */
async function visiblePods(sim: BenchSim, app: AppHarness): Promise<string[]> {
  const pods = await sim.list('pods');
  const lines = app.vt.lines().slice(4, 20);
  const ids: string[] = [];
  for (const line of lines) {
    const pod = pods.find((p) => line.includes(` ${p.name ?? p.id} `));
    if (pod && !ids.includes(pod.id)) ids.push(pod.id);
  }
  if (ids.length < 3) throw new Error(`too few pods on screen:\n${app.vt.screen()}`);
  return ids;
}

/**
 * One poll with one pod's status changed: from the moment the poll's list is
 * in react-query's cache to the end of the frame that shows it. Also the time
 * from the response (fetcher resolved) to the cache.
 */
async function changePoll(
  sim: BenchSim,
  app: AppHarness,
  id: string,
  status: string,
): Promise<{ frameMs: number; bytes: number; processMs: number; fetchMs: number }> {
  await sim.setStatus('pods', id, status);
  const start = performance.now();
  await app.poll('pods');
  const dataAt = app.dataAt.pods.at(-1)!;
  const resolvedAt = app.resolvedAt.pods.at(-1)!;
  await app.quiet(40);
  const frame = writesSince(app.writes, dataAt);
  return {
    frameMs: frame.last - dataAt,
    bytes: writesSince(app.writes, start).bytes,
    processMs: dataAt - resolvedAt,
    fetchMs: resolvedAt - start,
  };
}

// ---------------------------------------------------------------------------

/** The machine's speed, for ratios: Ink drawing a bare 200×50 frame (50 plain lines, one changed). */
async function baseline(): Promise<ScenarioResult> {
  const times = await bareFrameTimes(80, 20);
  const frame = median(times);
  return {
    figures: [
      {
        id: 'baseline.frame',
        figure: 'baseline: bare Ink frame (ratios below are against this)',
        setup: '200×50, 50 plain lines, one changed',
        value: round(frame, 2),
        unit: 'ms',
        budget: '—',
        pass: null,
        note: 'median of 60',
      },
    ],
    values: { frameMs: frame },
  };
}

/** Start-up budget, shared by `npm start` and the standalone executable: a cold start to the first data frame, as a multiple of `node -e 0`. */
const STARTUP_BUDGET = 8;
const STARTUP_RUNS = 5;
/** Demo mode: no key from the environment or a config file. */
const DEMO_ENV = {
  HOME: '/nonexistent-home-for-bench',
  PRIME_API_KEY: undefined,
  DISPERSED_PUBLIC_KEY: undefined,
  DISPERSED_SECRET_KEY: undefined,
  PRIME_API_BASE_URL: undefined,
  PRIME_BASE_URL: undefined,
  DISPERSED_BASE_URL: undefined,
  PRIME_TEAM_ID: undefined,
  NO_COLOR: undefined,
};

/** ms from spawning `node -e 0` in a PTY to its exit: the machine's speed at starting Node. */
async function bareNodeStart(): Promise<number> {
  const start = performance.now();
  const term = spawnPty(process.execPath, ['-e', '0'], { cols: SIZE.columns, rows: SIZE.rows });
  await term.waitForExit(10_000);
  return performance.now() - start;
}

/** ms from spawning a cloudtop in a PTY to its first frame with data: the pods of the demo world listed and the header live. */
async function firstDataFrame(open: () => PtySession): Promise<number> {
  const start = performance.now();
  const term = open();
  try {
    await term.waitFor((screen) => screen.includes('● live') && /3 Pods \d/.test(screen), { timeoutMs: 15_000 });
    return performance.now() - start;
  } finally {
    term.kill();
  }
}

/** `runs` + 1 measurements of each, interleaved so that they share the machine's state; the first of each is discarded (cold disk cache). */
async function interleaved(runs: number, measures: (() => Promise<number>)[]): Promise<number[][]> {
  const samples = measures.map((): number[] => []);
  for (let i = 0; i <= runs; i++) {
    for (const [j, measure] of measures.entries()) {
      const ms = await measure();
      if (i > 0) samples[j]!.push(ms);
    }
  }
  return samples;
}

const startupFigure = (id: string, figure: string, ms: number, node: number): Figure => ({
  id,
  figure,
  setup: `cold process in a PTY, median of ${STARTUP_RUNS} (1 discarded)`,
  value: round(ms, 0),
  unit: 'ms',
  budget: `≤ ${STARTUP_BUDGET}× node -e 0`,
  pass: ms <= STARTUP_BUDGET * node,
  ratio: `${(ms / node).toFixed(1)}× node -e 0`,
});

async function startup(): Promise<ScenarioResult> {
  const [bare] = await interleaved(STARTUP_RUNS, [bareNodeStart]);
  const [demo] = await interleaved(STARTUP_RUNS, [() => firstDataFrame(() => spawnCli([], { env: DEMO_ENV }))]);
  const node = median(bare!);
  const app = median(demo!);
  return {
    figures: [
      {
        id: 'startup.node',
        figure: 'bare `node -e 0` (baseline for start-up)',
        setup: `same PTY harness, median of ${STARTUP_RUNS}`,
        value: round(node, 0),
        unit: 'ms',
        budget: '—',
        pass: null,
      },
      startupFigure('startup.demo', 'start-up to first frame with data, demo mode', app, node),
    ],
  };
}

/**
 * The standalone executable (`npm run package`, built by bench/run.mjs before
 * this runs): its start-up to the first data frame in demo mode, against
 * `node -e 0` and against the `cloudtop` command, measured in turn in this
 * one scenario; and the file's size. Started as a person starts it: no
 * MALLOC_MMAP_THRESHOLD_, which only the shell command sets.
 */
async function startupSea(): Promise<ScenarioResult> {
  const built = JSON.parse(process.env.CLOUDTOP_BENCH_SEA ?? 'null') as {
    path: string;
    bytes: number;
    nodeBytes: number;
    ms: number;
  } | null;
  if (!built)
    throw new Error('CLOUDTOP_BENCH_SEA is not set: run it through bench/run.mjs, which builds the executable');
  const seaEnv = { ...DEMO_ENV, MALLOC_MMAP_THRESHOLD_: undefined };
  const [bare, sea, cli] = await interleaved(STARTUP_RUNS, [
    bareNodeStart,
    () =>
      firstDataFrame(() =>
        spawnPty(built.path, [], { cwd: REPO_ROOT, cols: SIZE.columns, rows: SIZE.rows, env: seaEnv }),
      ),
    () => firstDataFrame(() => spawnCli([], { env: DEMO_ENV })),
  ]);
  const node = median(bare!);
  const seaMs = median(sea!);
  const cliMs = median(cli!);
  const mb = (bytes: number): number => round(bytes / 1e6, 1);
  const SIZE_BUDGET_MB = 130;
  return {
    figures: [
      {
        ...startupFigure(
          'startup.sea',
          'standalone executable: start-up to first frame with data, demo mode',
          seaMs,
          node,
        ),
        note: `\`cloudtop\` command in the same runs: ${round(cliMs, 0)} ms (${(cliMs / node).toFixed(1)}× node -e 0); executable / command ${(seaMs / cliMs).toFixed(2)}×; node -e 0 ${round(node, 0)} ms`,
      },
      {
        id: 'sea.size',
        figure: 'standalone executable: file size',
        setup: built.path.split('/').pop()!,
        value: mb(built.bytes),
        unit: 'MB',
        budget: `≤ ${SIZE_BUDGET_MB}`,
        pass: built.bytes / 1e6 <= SIZE_BUDGET_MB,
        note: `Node (stripped) ${mb(built.nodeBytes)} MB + cloudtop ${mb(built.bytes - built.nodeBytes)} MB; built in ${(built.ms / 1000).toFixed(1)} s`,
      },
    ],
  };
}

async function bytes(): Promise<ScenarioResult> {
  const sim = await startBenchSim({ clockMultiplier: 0, churn: false, counts: { pods: 5_000 } });
  const incremental = startApp({ sim, policy: DRIVEN });
  const full = startApp({ sim, policy: DRIVEN, render: { incrementalRendering: false } });
  await Promise.all([loaded(incremental), loaded(full)]);

  const idle: number[] = [];
  for (let i = 0; i < 4; i++) {
    await nextSecond();
    const start = performance.now();
    await incremental.poll('pods');
    await incremental.quiet(40);
    idle.push(writesSince(incremental.writes, start).bytes);
  }

  const ids = await visiblePods(sim, incremental);
  const changed: number[] = [];
  const redraw: number[] = [];
  for (let i = 0; i < 4; i++) {
    await sim.setStatus('pods', ids[i % 3]!, i % 2 === 0 ? 'ERROR' : 'ACTIVE');
    await nextSecond();
    const start = performance.now();
    await Promise.all([incremental.poll('pods'), full.poll('pods')]);
    await Promise.all([incremental.quiet(40), full.quiet(40)]);
    changed.push(writesSince(incremental.writes, start).bytes);
    redraw.push(writesSince(full.writes, start).bytes);
  }
  await incremental.close();
  await full.close();
  await sim.close();

  const idleBytes = median(idle);
  const changeBytes = median(changed);
  const redrawBytes = median(redraw);
  const fewer = redrawBytes / changeBytes;
  return {
    figures: [
      {
        id: 'bytes.idle',
        figure: 'bytes written per poll, no data change',
        setup: '200×50, 5,000 pods',
        value: idleBytes,
        unit: 'B',
        budget: '≤ 300',
        pass: idleBytes <= 300,
        note: `median of ${idle.length} polls (max ${Math.max(...idle)})`,
      },
      {
        id: 'bytes.change',
        figure: 'bytes written per poll, one pod status changed',
        setup: '200×50, 5,000 pods',
        value: changeBytes,
        unit: 'B',
        budget: '≤ 1,500 and ≥ 10× fewer than a full redraw',
        pass: changeBytes <= 1500 && fewer >= 10,
        ratio: `${fewer.toFixed(1)}× fewer than a full redraw`,
        note: `median of ${changed.length} (max ${Math.max(...changed)})`,
      },
      {
        id: 'bytes.redraw',
        figure: 'full redraw of the same frame (Ink, incrementalRendering off)',
        setup: 'same poll, same run',
        value: redrawBytes,
        unit: 'B',
        budget: '—',
        pass: null,
      },
    ],
  };
}

async function frames(pods: number, samples: number, warmUp: number): Promise<ScenarioResult> {
  const sim = await startBenchSim({ clockMultiplier: 0, churn: false, counts: { pods } });
  // The default item cap is 10,000; raised so that 20,000 rows really reach the table.
  const app = startApp({ sim, policy: DRIVEN, cap: 50_000 });
  await loaded(app);
  const ids = await visiblePods(sim, app);
  const frameMs: number[] = [];
  const processMs: number[] = [];
  const fetchMs: number[] = [];
  for (let i = 0; i < warmUp + samples; i++) {
    const result = await changePoll(sim, app, ids[i % 3]!, i % 2 === 0 ? 'ERROR' : 'ACTIVE');
    if (i < warmUp) continue;
    frameMs.push(result.frameMs);
    processMs.push(result.processMs);
    fetchMs.push(result.fetchMs);
  }
  await app.close();
  await sim.close();
  return {
    figures: [],
    values: {
      p95: percentile(frameMs, 95),
      p50: median(frameMs),
      processP50: median(processMs),
      fetchP50: median(fetchMs),
      samples,
    },
  };
}

async function keys(): Promise<ScenarioResult> {
  const sim = await startBenchSim({ clockMultiplier: 0, churn: false, counts: { pods: 5_000 } });
  const app = startApp({ sim, policy: DRIVEN });
  await loaded(app);
  const latencies: number[] = [];
  const press = async (key: string): Promise<number> => {
    const start = performance.now();
    app.vt.type(key);
    await app.quiet(10);
    const frame = writesSince(app.writes, start);
    await sleep(40);
    return frame.last - start;
  };
  for (let i = 0; i < 20; i++) await press(KEYS.down);
  for (let i = 0; i < 20; i++) await press(KEYS.up);
  // From the top: the cursor moves down the window, then the window scrolls.
  for (let i = 0; i < 80; i++) latencies.push(await press(KEYS.down));
  await app.close();
  await sim.close();
  return { figures: [], values: { p95: percentile(latencies, 95), p50: median(latencies), samples: latencies.length } };
}

async function filter(): Promise<ScenarioResult> {
  const sim = await startBenchSim({ clockMultiplier: 0, churn: false, counts: { sandboxes: 10_000 } });
  const app = startApp({ sim, policy: DRIVEN, initialTab: 'sandboxes' });
  await loaded(app);
  app.vt.type('/');
  await app.quiet(40);
  const latencies: number[] = [];
  const word = 'runner';
  for (let round = 0; round < 5; round++) {
    const keystrokes = [...word, ...Array.from(word, () => '\u007f')];
    for (const key of keystrokes) {
      const start = performance.now();
      app.vt.type(key);
      await app.quiet(10);
      const frame = writesSince(app.writes, start);
      if (round > 0) latencies.push(frame.last - start);
      await sleep(40);
    }
  }
  await app.close();
  await sim.close();
  return { figures: [], values: { p95: percentile(latencies, 95), p50: median(latencies), samples: latencies.length } };
}

/** Requests the app sends in one (time-scaled) minute, per endpoint, with `visible` on screen. */
async function requests(): Promise<ScenarioResult> {
  // Time runs 10× faster: intervals and the rate limit's window alike, so a 6 s window is the app's minute.
  const scale = 10;
  const minute = 60_000 / scale;
  const sim = await startBenchSim({ clockMultiplier: 0, churn: false, counts: { sandboxes: 10_000, pods: 1_000 } });
  const policy: Partial<PollPolicy> = {
    intervalMs: DEFAULT_POLICY.intervalMs / scale,
    maxBackoffMs: DEFAULT_POLICY.maxBackoffMs / scale,
    listLimits: { sandboxes: { requests: 1_000, windowMs: 60_000 / scale, pageSize: 1_000 } },
  };
  const app = startApp({ sim, policy, initialTab: 'pods' });
  await loaded(app);
  const count = async (): Promise<{ sandbox: number; all: number }> => {
    await sim.clearRequests();
    await sleep(minute);
    const log = await sim.requests();
    return { sandbox: log.filter((r) => r.method === 'GET' && r.path === '/api/v1/sandbox').length, all: log.length };
  };
  const atDefaults = await count();
  app.vt.type('2');
  await sleep(1_000);
  const sandboxesVisible = await count();
  await app.close();
  await sim.close();
  const budget = 1_000 * RATE_SHARE;
  return {
    figures: [
      {
        id: 'requests.defaults',
        figure: 'sandbox-list requests per minute, at defaults (Pods visible)',
        setup: '10,000 sandboxes, 1,000 pods, 5 s',
        value: atDefaults.sandbox,
        unit: '/min',
        budget: `≤ ${budget} (10% of 1,000/min)`,
        pass: atDefaults.sandbox <= budget,
        note: `all endpoints: ${atDefaults.all}/min; time ×${scale}`,
      },
      {
        id: 'requests.worst',
        figure: 'sandbox-list requests per minute, Sandboxes visible (worst case)',
        setup: 'same',
        value: sandboxesVisible.sandbox,
        unit: '/min',
        budget: `≤ ${budget}`,
        pass: sandboxesVisible.sandbox <= budget,
        note: `all endpoints: ${sandboxesVisible.all}/min; time ×${scale}`,
      },
    ],
  };
}

async function heap(): Promise<ScenarioResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // An accelerated, changing world: statuses move, pods come and go, so marks,
  // ghosts and events churn. Its lists are recorded once over HTTP and then
  // replayed (a fresh copy per poll, as a response would be): 2,000 polls over
  // HTTP would take minutes, and what could leak is what the app keeps.
  const sim = await startBenchSim({ clockMultiplier: 120, churn: true, counts: { pods: 1_000 } });
  const http = createFetchers({
    prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
    dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
  });
  const signal = new AbortController().signal;
  const noServer = { kind: 'none' } as unknown as Parameters<Fetchers['pods']>[1];
  const recorded: { [K in ResourceKind]: Awaited<ReturnType<Fetchers[K]>>[] } = {
    disks: [],
    sandboxes: [],
    pods: [],
    nodes: [],
    history: [],
    availability: [],
  };
  for (let i = 0; i < 24; i++) {
    recorded.pods.push(await http.pods(signal, noServer));
    if (i % 6 === 0) {
      recorded.disks.push(await http.disks(signal, noServer));
      recorded.sandboxes.push(await http.sandboxes(signal, noServer));
      recorded.nodes.push(await http.nodes(signal, noServer));
      recorded.history.push(await http.history(signal, noServer));
      recorded.availability.push(await http.availability(signal, noServer));
    }
    await sleep(250);
  }
  await sim.close();
  let served = 0;
  const replay = <K extends ResourceKind>(kind: K): Fetchers[K] => {
    let next = 0;
    return (async () => {
      const lists = recorded[kind];
      const list = lists[next++ % lists.length]!;
      if (kind === 'pods') served++;
      return structuredClone(list);
    }) as unknown as Fetchers[K];
  };
  const fetchers: Fetchers = {
    disks: replay('disks'),
    sandboxes: replay('sandboxes'),
    pods: replay('pods'),
    nodes: replay('nodes'),
    history: replay('history'),
    availability: replay('availability'),
  };
  // Polls back to back (the interval is shorter than a poll), hidden tabs too.
  // Nothing reads the screen: what is measured is what the app keeps. A test
  // terminal parses more slowly than polls back to back write, and a heap
  // snapshot after 2,000 polls held 5 MB of its unparsed frames (7,000
  // pending writes): growth of 6–13 MB that was the harness's, not the app's.
  const app = startApp({ sim, fetchers, policy: { intervalMs: 1, maxBackoffMs: 1 }, parseOutput: false });
  // Never quiet: it polls without pause.
  await loaded(app, { quiet: false });
  const settle = async (): Promise<number> => {
    for (let i = 0; i < 3; i++) {
      gc();
      await sleep(20);
    }
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const warmUp = 100;
  while (served < warmUp) await sleep(50);
  const before = await settle();
  const started = performance.now();
  const target = warmUp + 2_000;
  while (served < target) await sleep(100);
  const seconds = (performance.now() - started) / 1000;
  const after = await settle();
  await app.close();
  const growth = after - before;
  return {
    figures: [
      {
        id: 'heap.growth',
        figure: 'heap growth over 2,000 polls (after GC)',
        setup: '1,000 pods, polls back to back, world ×120',
        value: round(growth, 2),
        unit: 'MB',
        budget: '≤ 10',
        pass: growth <= 10,
        note: `${before.toFixed(1)} → ${after.toFixed(1)} MB in ${seconds.toFixed(0)} s; 24 recorded lists replayed`,
      },
    ],
  };
}

/**
 * An hour of following a chatty log: one pod writing 600 lines a (sim)
 * minute, in a world running 60 times real time, so the hour goes by in a
 * real minute and 36,000 lines pass through the pane. The pane keeps at most
 * 10,000 (MAX_LOG_LINES); the heap after GC, once the pane is full, must not
 * grow with the lines that follow.
 */
async function logFollow(): Promise<ScenarioResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const sim = await startBenchSim({
    clockMultiplier: 60,
    churn: false,
    counts: { pods: 20, disks: 1, sandboxes: 1, nodes: 1 },
    logLinesPerMinute: 600,
  });
  // A poll every half second (30 sim seconds: 300 new lines), well inside the pod log's 1,000-line window.
  const app = startApp({ sim, policy: { intervalMs: 500 } });
  try {
    await loaded(app);
    const heapMb = async (): Promise<number> => {
      for (let i = 0; i < 3; i++) {
        gc();
        await sleep(20);
      }
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const before = await heapMb();
    app.vt.type('l');
    const total = (): number =>
      Number(/Logs · .*? · ([\d,]+) lines/.exec(app.vt.screen())?.[1]?.replace(/,/g, '') ?? 0);
    const started = performance.now();
    let atStart = 0;
    while ((atStart = total()) === 0) {
      if (performance.now() - started > 30_000) throw new Error(`the log pane never showed lines:\n${app.vt.screen()}`);
      await sleep(100);
    }
    // Until the pane is full, then the rest of the hour, sampling the heap every 5 s (5 sim minutes).
    const samples: { at: number; lines: number; heap: number }[] = [];
    let full: { at: number; lines: number; heap: number } | undefined;
    const hourMs = 60_000;
    while (performance.now() - started < hourMs) {
      await sleep(5_000);
      await app.vt.settle();
      const sample = { at: performance.now() - started, lines: total(), heap: await heapMb() };
      samples.push(sample);
      if (!full && sample.lines - atStart >= 11_000) full = sample;
    }
    const end = samples.at(-1)!;
    if (!full) throw new Error(`the pane never filled: ${end.lines - atStart} lines in ${Math.round(end.at / 1000)} s`);
    const growth = end.heap - full.heap;
    const passed = end.lines - atStart;
    const gaps = (app.vt.screen().match(/lines may be missing/g) ?? []).length;
    return {
      figures: [
        {
          id: 'logs.heap-growth',
          figure: 'heap growth following a chatty log, once the pane is full',
          setup: '600 lines/min for a sim hour (×60), poll 0.5 s',
          value: round(growth, 2),
          unit: 'MB',
          budget: '≤ 5',
          pass: growth <= 5,
          note: `${passed.toLocaleString('en-US')} lines followed; heap ${before.toFixed(1)} MB before opening, ${full.heap.toFixed(1)} MB when full (${Math.round(full.at / 1000)} s), ${end.heap.toFixed(1)} MB after the hour; max ${Math.max(...samples.map((sample) => sample.heap)).toFixed(1)} MB; ${gaps} gap markers on screen`,
        },
      ],
    };
  } finally {
    await app.close();
    await sim.close();
  }
}

// ---------------------------------------------------------------------------

const SCENARIOS: Record<string, () => Promise<ScenarioResult>> = {
  baseline,
  startup,
  'startup-sea': startupSea,
  bytes,
  'frames-5000': () => frames(5_000, 20, 3),
  'frames-20000': () => frames(20_000, 20, 3),
  keys,
  filter,
  tracker,
  'filter-match': filterMatch,
  'sim-world': simWorld,
  requests,
  'cpu-idle': cpuIdle,
  memory,
  'memory-empty': memoryEmpty,
  heap,
  logs: logFollow,
};

const name = process.argv[2] ?? '';
const scenario = SCENARIOS[name];
if (!scenario) {
  process.stderr.write(`unknown scenario '${name}'; one of: ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}
try {
  report(await scenario());
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

export type { Figure };
