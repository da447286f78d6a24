/**
 * Scenarios of work that draws nothing: the transition tracker on a 20,000-row
 * list, the filter on 10,000 rows, and the simulator generating its world.
 * The unit tests keep what this work does; these keep how long it may take,
 * as a multiple of the bare frame (lib/bare-frame.tsx), which each scenario
 * measures itself in turns with its work: on a shared machine the bare frame
 * of a separate process measured 10.7–20.6 ms within minutes, and a ratio to
 * it moved as much. bench/run.mjs judges the ratios.
 */
import { performance } from 'node:perf_hooks';
import { TransitionTracker } from '../../src/changes/tracker.js';
import type { Snapshot } from '../../src/changes/transition.js';
import { compileFilter } from '../../src/filter/match.js';
import { parseFilter, type FilterExpression } from '../../src/filter/parse.js';
import { startSimulator } from '../../src/sim/index.js';
import { manyFilterRows, rowAccessors, TYPED_FILTER } from '../../test/helpers/filter-rows.js';
import { bareFrameTimes } from './bare-frame.js';
import type { ScenarioResult } from './figures.js';
import { percentile } from './harness.js';

const median = (values: readonly number[]): number => percentile(values, 50);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Turns of bare frames and work: each turn draws this many frames (the first few warm up a fresh Ink). */
const TURNS = 5;
const turnFrames = async (frames: number[]): Promise<void> => void frames.push(...(await bareFrameTimes(12, 4)));

/** ms that `work` took. */
function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

interface PodRow {
  id: string;
  name: string;
  status: string;
}

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const snap = (rows: readonly PodRow[]): Snapshot<PodRow> => ({
  rows,
  getId: (r) => r.id,
  getName: (r) => r.name,
  getStatus: (r) => r.status,
});

/**
 * The tracker observing a poll of 20,000 pods: nothing changed (what most
 * polls are), every row changed, every row gone (test/unit/transitions.test.ts
 * checks what each reports).
 */
export async function tracker(): Promise<ScenarioResult> {
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    id: `id-${i}`,
    name: `name-id-${i}`,
    status: i % 3 === 0 ? 'ACTIVE' : 'PENDING',
  }));
  const list = snap(rows);
  const allChanged = snap(rows.map((r) => ({ ...r, status: 'ERROR' })));
  const steady = new TransitionTracker({ highlightMs: 10_000 });
  steady.observe('pods', list, T0);
  let at = T0;
  const unchangedPoll = (): number => timed(() => steady.observe('pods', list, (at += 1_000)));
  /** A poll where every row changed, then one where every row left, on a fresh tracker. */
  const churnPolls = (): [number, number] => {
    const t = new TransitionTracker({ highlightMs: 10_000 });
    t.observe('pods', list, T0);
    gc();
    return [
      timed(() => t.observe('pods', allChanged, T0 + 200_000)),
      timed(() => t.observe('pods', snap([]), T0 + 201_000)),
    ];
  };
  // Warm up: the code optimised, as after the first minutes of polling.
  for (let i = 0; i < 20; i++) unchangedPoll();
  for (let i = 0; i < 3; i++) churnPolls();

  const frames: number[] = [];
  const unchanged: number[] = [];
  const changed: number[] = [];
  const gone: number[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    await turnFrames(frames);
    for (let i = 0; i < 20; i++) unchanged.push(unchangedPoll());
    for (let i = 0; i < 2; i++) {
      const [changeMs, goneMs] = churnPolls();
      changed.push(changeMs);
      gone.push(goneMs);
    }
  }
  return {
    figures: [],
    values: {
      frameMs: median(frames),
      frames: frames.length,
      unchanged: median(unchanged),
      unchangedSamples: unchanged.length,
      changed: median(changed),
      gone: median(gone),
      changeSamples: changed.length,
    },
  };
}

function filterOf(input: string): FilterExpression {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.filter;
}

/**
 * The filter alone (compiled and run over 10,000 rows) for each keystroke of
 * a filter being typed, a word, then a label and a negated status (the rows
 * and keystrokes test/unit/filter-match.test.ts checks). The `filter`
 * scenario measures the whole way from a key to the frame.
 */
export async function filterMatch(): Promise<ScenarioResult> {
  const many = manyFilterRows(10_000);
  const inputs = TYPED_FILTER;
  let shown = 0;
  const run = (): void => {
    for (const input of inputs)
      shown += many.filter(compileFilter(filterOf(input), rowAccessors, { showGone: false })).length;
  };
  const perKeystroke = (): number => timed(run) / inputs.length;
  // Warm up the JIT and the lower-case cache, as the first keystrokes after data arrives do.
  for (let i = 0; i < 5; i++) perKeystroke();
  const frames: number[] = [];
  const samples: number[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    await turnFrames(frames);
    for (let i = 0; i < 4; i++) samples.push(perKeystroke());
  }
  if (shown === 0) throw new Error('the filter showed no rows');
  return {
    figures: [],
    values: {
      frameMs: median(frames),
      frames: frames.length,
      p50: median(samples),
      p95: percentile(samples, 95),
      samples: samples.length,
    },
  };
}

/** The simulator generating a world of 20,000 pods and listening: what demo mode and every test's simulator start with. */
export async function simWorld(): Promise<ScenarioResult> {
  const start20k = async (): Promise<number> => {
    gc();
    const start = performance.now();
    const sim = await startSimulator({
      clockMultiplier: 0,
      counts: { pods: 20_000, disks: 50, sandboxes: 0, nodes: 0 },
    });
    const ms = performance.now() - start;
    const pods = sim.control.list('pods').length;
    await sim.close();
    if (pods !== 20_000) throw new Error(`the simulator generated ${pods} pods, not 20,000`);
    return ms;
  };
  // The first is left out: the code is cold.
  await start20k();
  const frames: number[] = [];
  const samples: number[] = [];
  for (let turn = 0; turn < TURNS; turn++) {
    await turnFrames(frames);
    samples.push(await start20k());
  }
  return {
    figures: [],
    values: {
      frameMs: median(frames),
      frames: frames.length,
      p50: median(samples),
      max: Math.max(...samples),
      samples: samples.length,
    },
  };
}
