// `npm run bench`: holds cloudtop's performance budgets (README "Performance").
//
// Builds the CLI (scripts/build.mjs), bundles bench/scenarios.tsx the same way
// (production React, dependencies inlined) into node_modules/.cache, runs each
// scenario in a fresh Node process and prints ONE table: every figure, its
// budget, pass/fail, and for figures a machine's speed changes, a ratio
// against a baseline measured in the same run. Exits 1 when a budget is missed.
//
// Timing- and CPU-sensitive scenarios run one at a time; the two memory
// scenarios run alongside each other. Every scenario process runs with the
// Node flags and environment of the `cloudtop` command (bin/cloudtop), so
// figures are the CLI's.
//
//   npm run bench                 everything (~4 minutes on 2 cores)
//   npm run bench -- keys bytes   only these scenarios
//   npm run bench -- startup-sea  the standalone executable: start-up and size
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildCli, bundleOptions } from '../scripts/build.mjs';
import { cliNodeFlags } from '../scripts/cli-flags.mjs';
import { buildExecutable } from '../scripts/package.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../node_modules/.cache/cloudtop-bench/', import.meta.url));
const RESULT_PREFIX = '@@bench-result ';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `bench: needs Node 22+ (this is ${process.version}); run it as \`npm run bench\`, which uses the project's pinned Node.`,
  );
  process.exit(2);
}

/** Sequential: latency, byte and CPU figures, which other work on the machine would disturb (idle CPU measured 0.8% of a core higher beside the memory scenario). */
const SEQUENTIAL = [
  'baseline',
  'startup',
  'startup-sea',
  'bytes',
  'frames-5000',
  'frames-20000',
  'keys',
  'filter',
  'tracker',
  'filter-match',
  'sim-world',
  'requests',
  'cpu-idle',
];
/** Alongside each other: all measure memory. */
const PARALLEL = [['heap', 'logs'], ['memory']];

/** The Node flags the `cloudtop` command runs with (the last line of bin/cloudtop): in-memory scenarios run the app under the same ones. */
const CLI_NODE_FLAGS = await cliNodeFlags();
/** The command's environment setting for glibc (see bin/cloudtop), for the same reason. */
const CLI_ENV = { MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072' };

/**
 * Budgets of figures that depend on the machine's speed, as ratios to a
 * baseline measured in the same run (a bare Ink frame; `node -e 0`), so that
 * a verdict is the same on a slow machine and a fast one. Each is set from
 * the figures measured here (2 × AMD EPYC, shared; README "Performance"),
 * with room for a noisy machine: frame after a poll 1.8–2.2×, key 2.4×,
 * filter keystroke 2.5×, idle CPU 150–200 bare frames a minute, start-up
 * 5.0–5.3× `node -e 0`. Work that draws nothing (bench/lib/work.ts; once
 * the upper bounds of unit tests, which a loaded machine broke), against the
 * bare frame measured in turns with it, on 2 × Intel Xeon, shared: one poll
 * of 20,000 pods through the transition tracker 0.08–0.10× when nothing
 * changed, 1.7–2.0× when every pod changed, 1.3–1.4× when every pod left;
 * the filter alone on 10,000 rows 0.11–0.16× a keystroke; the simulator's
 * world of 20,000 pods 21–25×.
 */
const RATIO_BUDGETS = {
  frame: 3,
  key: 3,
  filter: 4,
  idleFramesPerMinute: 300,
  trackerUnchanged: 0.2,
  trackerAll: 3,
  filterMatch: 0.25,
  simWorld: 35,
};

const only = process.argv.slice(2);
/** A figure judged against the bare frame needs the baseline scenario in the same run. */
const FRAME_RATIO_SCENARIOS = ['frames-5000', 'frames-20000', 'keys', 'filter', 'cpu-idle'];
if (only.length > 0 && only.some((name) => FRAME_RATIO_SCENARIOS.includes(name)) && !only.includes('baseline'))
  only.unshift('baseline');
const wanted = (name) => only.length === 0 || only.includes(name);

const started = Date.now();
await buildCli();
await mkdir(out, { recursive: true });
const options = bundleOptions({
  entryPoints: ['bench/scenarios.tsx', 'bench/lib/sim-worker.ts'],
  outfile: 'unused',
  sourcemap: 'inline',
});
delete options.outfile;
await build({ ...options, outdir: out, entryNames: '[name]' });
// The PTY harness finds its driver next to itself.
await copyFile(`${root}test/e2e/pty-driver.py`, `${out}pty-driver.py`);
// The standalone executable (`npm run package`), for its start-up and size; from the bundle just built.
const sea = wanted('startup-sea') ? await buildExecutable({ bundled: true }) : undefined;

function runScenario(name) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [...CLI_NODE_FLAGS, '--expose-gc', `${out}scenarios.js`, name], {
      cwd: root,
      env: {
        ...process.env,
        ...CLI_ENV,
        CLOUDTOP_REPO_ROOT: root.replace(/\/$/, ''),
        FORCE_COLOR: '1',
        ...(sea ? { CLOUDTOP_BENCH_SEA: JSON.stringify(sea) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      process.stderr.write(`bench: ${name} ${code === 0 && line ? 'done' : 'FAILED'} in ${seconds} s\n`);
      if (code !== 0 || !line)
        resolve({ name, error: (stderr.trim() || `exit ${code}`).split('\n').slice(0, 6).join(' | ') });
      else resolve({ name, ...JSON.parse(line.slice(RESULT_PREFIX.length)) });
    });
  });
}

const results = new Map();
for (const name of SEQUENTIAL.filter(wanted)) results.set(name, await runScenario(name));
await Promise.all(
  PARALLEL.map(async (group) => {
    for (const name of group.filter(wanted)) results.set(name, await runScenario(name));
  }),
);

// ---------------------------------------------------------------------------
// Figures that combine scenarios, with ratios against the baseline frame.

const baseFrame = results.get('baseline')?.values?.frameMs;
const times = (ms) => ms / baseFrame;
const against = (ms) => `${times(ms).toFixed(times(ms) < 1 ? 2 : 1)}× bare frame`;
const fmt = (n, digits = 1) => Number(n.toFixed(digits));

const rows = [];
const add = (name, figures) => {
  const result = results.get(name);
  if (!result) return;
  if (result.error) {
    rows.push({
      figure: `${name}: scenario failed`,
      setup: result.error,
      value: '',
      unit: '',
      budget: '',
      pass: false,
    });
    return;
  }
  rows.push(...(figures ? figures(result) : result.figures));
};

add('baseline');
add('startup');
add('startup-sea');
add('bytes');
if (results.has('frames-5000') || results.has('frames-20000')) {
  const small = results.get('frames-5000');
  const large = results.get('frames-20000');
  for (const [result, pods] of [
    [small, '5,000'],
    [large, '20,000'],
  ]) {
    if (!result) continue;
    if (result.error) {
      rows.push({
        figure: `frames (${pods} pods): scenario failed`,
        setup: result.error,
        value: '',
        unit: '',
        budget: '',
        pass: false,
      });
      continue;
    }
    const v = result.values;
    rows.push({
      figure: 'frame time after a poll with one change, p95',
      setup: `${pods} pods, 200×50`,
      value: fmt(v.p95),
      unit: 'ms',
      budget: `≤ ${RATIO_BUDGETS.frame}× bare frame`,
      pass: times(v.p95) <= RATIO_BUDGETS.frame,
      ratio: against(v.p95),
      note: `p50 ${fmt(v.p50)} ms, ${v.samples} polls; data in cache → frame written`,
    });
    rows.push({
      figure: '  poll processing: response → data in cache, p50',
      setup: `${pods} pods`,
      value: fmt(v.processP50),
      unit: 'ms',
      budget: '—',
      pass: null,
      ratio: against(v.processP50),
      note: `tracker + react-query structural sharing; fetch+parse p50 ${Math.round(v.fetchP50)} ms`,
    });
  }
  if (small?.values && large?.values) {
    const scaling = large.values.p95 / small.values.p95;
    rows.push({
      figure: 'frame time 20,000 vs 5,000 pods (windowing)',
      setup: 'p95 / p95',
      value: fmt(scaling, 2),
      unit: '×',
      budget: '≤ 1.5×',
      pass: scaling <= 1.5,
    });
  }
}
add('keys', (r) => [
  {
    figure: 'key press (↓) to frame written, p95',
    setup: '5,000 pods, 200×50',
    value: fmt(r.values.p95),
    unit: 'ms',
    budget: `≤ ${RATIO_BUDGETS.key}× bare frame`,
    pass: times(r.values.p95) <= RATIO_BUDGETS.key,
    ratio: against(r.values.p95),
    note: `p50 ${fmt(r.values.p50)} ms, ${r.values.samples} presses`,
  },
]);
add('filter', (r) => [
  {
    figure: 'filter keystroke to frame, p95',
    setup: '10,000 sandboxes, 200×50',
    value: fmt(r.values.p95),
    unit: 'ms',
    budget: `≤ ${RATIO_BUDGETS.filter}× bare frame`,
    pass: times(r.values.p95) <= RATIO_BUDGETS.filter,
    ratio: against(r.values.p95),
    note: `p50 ${fmt(r.values.p50)} ms, ${r.values.samples} keystrokes`,
  },
]);
// Work that draws nothing, against the bare frame its scenario measured in turns with it (bench/lib/work.ts).
const ownFrame = (r, ms) => ms / r.values.frameMs;
const ownRatio = (r, ms) => `${ownFrame(r, ms).toFixed(ownFrame(r, ms) < 1 ? 2 : 1)}× bare frame`;
const ownFrameNote = (r) => `bare frame ${fmt(r.values.frameMs, 2)} ms (median of ${r.values.frames}, in turns)`;
add('tracker', (r) =>
  [
    ['nothing changed', 'unchanged', RATIO_BUDGETS.trackerUnchanged, 'unchangedSamples'],
    ['every pod changed', 'changed', RATIO_BUDGETS.trackerAll, 'changeSamples'],
    ['every pod gone', 'gone', RATIO_BUDGETS.trackerAll, 'changeSamples'],
  ].map(([what, key, budget, samples]) => ({
    figure: `transitions of one poll, ${what}, p50`,
    setup: '20,000 pods, TransitionTracker.observe',
    value: fmt(r.values[key], 2),
    unit: 'ms',
    budget: `≤ ${budget}× bare frame`,
    pass: ownFrame(r, r.values[key]) <= budget,
    ratio: ownRatio(r, r.values[key]),
    note: `${r.values[samples]} polls; ${ownFrameNote(r)}`,
  })),
);
add('filter-match', (r) => [
  {
    figure: 'filter alone, per keystroke, p50',
    setup: '10,000 rows, 10 keystrokes (words, label:, -status:)',
    value: fmt(r.values.p50, 2),
    unit: 'ms',
    budget: `≤ ${RATIO_BUDGETS.filterMatch}× bare frame`,
    pass: ownFrame(r, r.values.p50) <= RATIO_BUDGETS.filterMatch,
    ratio: ownRatio(r, r.values.p50),
    note: `p95 ${fmt(r.values.p95, 2)} ms, ${r.values.samples} runs; ${ownFrameNote(r)}`,
  },
]);
add('sim-world', (r) => [
  {
    figure: 'simulator: a world of 20,000 pods generated and listening, p50',
    setup: 'startSimulator, clock frozen',
    value: fmt(r.values.p50, 0),
    unit: 'ms',
    budget: `≤ ${RATIO_BUDGETS.simWorld}× bare frame`,
    pass: ownFrame(r, r.values.p50) <= RATIO_BUDGETS.simWorld,
    ratio: ownRatio(r, r.values.p50),
    note: `max ${fmt(r.values.max, 0)} ms, ${r.values.samples} runs (1 before left out); ${ownFrameNote(r)}`,
  },
]);
add('cpu-idle', (r) =>
  r.figures.map((f) => {
    if (f.id !== 'cpu.idle') return f;
    const framesPerMinute = r.values.cpuMs / (r.values.elapsedMs / 60_000) / baseFrame;
    return {
      ...f,
      budget: `≤ ${RATIO_BUDGETS.idleFramesPerMinute} bare frames/min`,
      pass: framesPerMinute <= RATIO_BUDGETS.idleFramesPerMinute,
      ratio: `${fmt(framesPerMinute, 0)} bare frames/min`,
    };
  }),
);
add('memory');
add('heap');
add('logs');
add('requests');

// ---------------------------------------------------------------------------

const columns = [
  ['figure', 'figure'],
  ['setup', 'setup'],
  ['value', 'value'],
  ['budget', 'budget'],
  ['result', 'result'],
  ['ratio', 'vs baseline'],
  ['note', 'note'],
];
const cells = rows.map((row) => ({
  figure: row.figure,
  setup: row.setup,
  value:
    row.value === ''
      ? ''
      : `${typeof row.value === 'number' ? row.value.toLocaleString('en-US') : row.value} ${row.unit}`.trim(),
  budget: row.budget,
  result: row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL',
  ratio: row.ratio ?? '',
  note: row.note ?? '',
}));
const widths = columns.map(([key, title]) => Math.max(title.length, ...cells.map((c) => String(c[key]).length)));
const line = (values) => `| ${values.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
console.log(line(columns.map(([, title]) => title)));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells) console.log(line(columns.map(([key]) => c[key])));
const failed = rows.filter((r) => r.pass === false);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\n${failed.length === 0 ? 'All budgets met' : `${failed.length} budget(s) missed`} · Node ${process.version} · ${cpus().length} × ${cpu} · ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed.length === 0 ? 0 : 1);
