/**
 * The idle minute, and its floor. The built CLI in a real terminal against a
 * changing world of 1,000 of each kind, every tab polling (the visible one
 * every 5 s, hidden ones every 15 s); then, against the same simulator, the
 * same requests sent again at the same moments by a plain loop
 * (lib/floor.ts), which is the least any client could spend on them.
 * bench/run.mjs judges cloudtop's CPU a minute as a multiple of the floor's.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Figure, ScenarioResult } from './figures.js';
import type { FloorPlan, FloorResult } from './floor.js';
import { sleep } from './harness.js';
import { childPid, cpuTimeMs, spawnCli, stopCli } from './pty.js';
import { startBenchSim, type BenchSim } from './sim.js';

const WINDOW_MS = 60_000;
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export async function cpuIdle(): Promise<ScenarioResult> {
  const sim = await startBenchSim({
    clockMultiplier: 1,
    churn: true,
    counts: { pods: 1_000, disks: 1_000, sandboxes: 1_000, nodes: 1_000 },
  });
  try {
    const app = await cloudtopMinute(sim);
    const floor = await floorMinute(app.plan);
    const perMinute = (ms: number, elapsed: number): number => (ms * 60_000) / elapsed;
    const appMs = perMinute(app.cpuMs, app.elapsedMs);
    const floorMs = perMinute(floor.cpuMs, floor.elapsedMs);
    const requests = app.plan.requests.length;
    const figures: Figure[] = [
      {
        id: 'cpu.idle',
        figure: 'CPU while idle, 4 tabs polling',
        setup: '1,000 of each, 5 s, 60 s, built CLI in a PTY',
        value: round((app.cpuMs / app.elapsedMs) * 100, 2),
        unit: '% of a core',
        // Judged by bench/run.mjs against the floor of the same run.
        budget: '—',
        pass: null,
        note: `${Math.round(appMs)} ms CPU a minute; ${requests} requests`,
      },
      {
        id: 'cpu.floor',
        figure: '  floor: the same requests, plain node:http loop',
        setup: 'same simulator, same moments, bodies digested',
        value: round((floor.cpuMs / floor.elapsedMs) * 100, 2),
        unit: '% of a core',
        budget: '—',
        pass: null,
        note: `${Math.round(floorMs)} ms CPU a minute; ${floor.result.requests} requests, ${round(floor.result.bytes / 1e6)} MB${floor.result.failed ? `, ${floor.result.failed} failed` : ''}`,
      },
      {
        id: 'bytes.idle-minute',
        figure: 'bytes to the terminal per minute while idle',
        setup: 'same minute (simulated world changing)',
        value: Math.round(perMinute(app.written, app.elapsedMs)),
        unit: 'B/min',
        budget: '—',
        pass: null,
      },
    ];
    return {
      figures,
      values: { cpuMs: app.cpuMs, elapsedMs: app.elapsedMs, cpuPerMinute: appMs, floorPerMinute: floorMs, requests },
    };
  } finally {
    await sim.close();
  }
}

interface Minute {
  cpuMs: number;
  elapsedMs: number;
}

async function cloudtopMinute(sim: BenchSim): Promise<Minute & { written: number; plan: FloorPlan }> {
  const term = spawnCli([], { env: sim.env() });
  try {
    await term.waitFor((screen) => screen.includes('● live') && !/ \d \w+ …/.test(screen), { timeoutMs: 30_000 });
    // Every list loaded once and the code warm, as after a minute of use.
    await sleep(5_000);
    const pid = childPid(term);
    await sim.clearRequests();
    const cpuBefore = cpuTimeMs(pid);
    const bytesBefore = term.bytesWritten();
    const start = performance.now();
    const startedAt = Date.now();
    await sleep(WINDOW_MS);
    const elapsedMs = performance.now() - start;
    const cpuMs = cpuTimeMs(pid) - cpuBefore;
    const written = term.bytesWritten() - bytesBefore;
    const log = await sim.requests();
    const plan: FloorPlan = {
      url: sim.url,
      primeKey: sim.primeKey,
      dispersedKeys: sim.dispersedKeys,
      requests: log
        .filter((entry) => entry.method === 'GET')
        .map((entry) => ({
          offsetMs: Math.max(0, entry.at - startedAt),
          api: entry.api,
          method: entry.method,
          path: entry.path,
          query: entry.query,
        })),
    };
    return { cpuMs, elapsedMs, written, plan };
  } finally {
    await stopCli(term);
  }
}

async function floorMinute(plan: FloorPlan): Promise<Minute & { result: FloorResult }> {
  const script = fileURLToPath(new URL('./floor.js', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (prefix: string): Promise<string> => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the floor process ended before ${prefix}`);
      if ((value as string).startsWith(prefix)) return (value as string).slice(prefix.length).trim();
    }
  };
  try {
    child.stdin.write(`${JSON.stringify(plan)}\n`);
    await next('@@floor-ready');
    const cpuBefore = cpuTimeMs(child.pid!);
    const start = performance.now();
    child.stdin.write('go\n');
    const result = JSON.parse(await next('@@floor-done')) as FloorResult;
    // The window is the cloudtop's minute, even if the last answer came early.
    const elapsedMs = Math.max(WINDOW_MS, performance.now() - start);
    const cpuMs = cpuTimeMs(child.pid!) - cpuBefore;
    return { cpuMs, elapsedMs, result };
  } finally {
    child.kill();
  }
}
