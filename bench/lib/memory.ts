/**
 * Resident memory of the built CLI in a real terminal: with 10,000 pods and
 * 10,000 sandboxes, and with an empty account (what cloudtop costs before
 * any row: Node, the code, Ink and Yoga, undici).
 */
import { readFileSync } from 'node:fs';
import type { ScenarioResult } from './figures.js';
import { sleep } from './harness.js';
import { childPid, residentMb, spawnCli, stopCli } from './pty.js';
import { startBenchSim } from './sim.js';

/** The 10k + 10k budget, in MB. */
const BUDGET_MB = 200;

export async function memory(): Promise<ScenarioResult> {
  const sim = await startBenchSim({ clockMultiplier: 1, churn: true, counts: { pods: 10_000, sandboxes: 10_000 } });
  const term = spawnCli([], { env: sim.env() });
  try {
    const counted = (screen: string): boolean =>
      /2 Sandboxes [\d,]{4,}/.test(screen) && /3 Pods [\d,]{4,}/.test(screen);
    await term.waitFor(counted, { timeoutMs: 90_000 });
    const pid = childPid(term);
    let peak = 0;
    const sample = (): void => {
      peak = Math.max(peak, residentMb(pid).now);
    };
    // Look at both big lists in turn, each polled while on screen, for two
    // minutes: the peak is not only the first load's, memory also creeps as
    // the world changes (a shorter window once read 20 MB below a longer one).
    for (let turn = 0; turn < 8; turn++) {
      term.press(turn % 2 === 0 ? '2' : '3');
      for (let i = 0; i < 30; i++) {
        await sleep(500);
        sample();
      }
    }
    const { now, peak: highWater } = residentMb(pid);
    return {
      figures: [
        {
          id: 'memory.rss',
          figure: 'resident memory (peak)',
          setup: '10,000 pods + 10,000 sandboxes, built CLI, 2 min',
          value: Math.round(highWater),
          unit: 'MB',
          budget: `≤ ${BUDGET_MB}`,
          pass: highWater <= BUDGET_MB,
          note: `now ${Math.round(now)} MB (${kinds(pid)}); peak sampled ${Math.round(peak)} MB`,
        },
      ],
    };
  } finally {
    await stopCli(term);
    await sim.close();
  }
}

/** No resource of any kind: the dashboard with nothing to show, for a minute of polling. */
export async function memoryEmpty(): Promise<ScenarioResult> {
  const sim = await startBenchSim({
    clockMultiplier: 1,
    churn: false,
    counts: { pods: 0, disks: 0, sandboxes: 0, nodes: 0 },
  });
  const term = spawnCli([], { env: sim.env() });
  try {
    await term.waitFor((screen) => screen.includes('● live') && screen.includes('No pods'), { timeoutMs: 30_000 });
    const pid = childPid(term);
    await sleep(60_000);
    const { now, peak } = residentMb(pid);
    return {
      figures: [
        {
          id: 'memory.empty',
          figure: 'resident memory (peak), empty account',
          setup: 'no resource of any kind, built CLI, 1 min',
          value: Math.round(peak),
          unit: 'MB',
          budget: '—',
          pass: null,
          note: `now ${Math.round(now)} MB (${kinds(pid)})`,
        },
      ],
    };
  } finally {
    await stopCli(term);
    await sim.close();
  }
}

/** What the resident memory is now: the process's own (anonymous) pages and those of files (the node binary). */
function kinds(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (name: string): number =>
    Math.round(Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024);
  return `anonymous ${mb('RssAnon')} MB, files ${mb('RssFile')} MB`;
}
