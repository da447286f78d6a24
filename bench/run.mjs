// `npm run bench`: holds cloudtop's performance budgets (README "Performance").
//
// Builds the CLI (scripts/build.mjs), bundles bench/scenarios.tsx the same way
// (production React, dependencies inlined) into node_modules/.cache, runs each
// scenario in a fresh Node process and prints ONE table: every figure, its
// budget, pass/fail, and for figures a machine's speed changes, a ratio
// against a yardstick measured in the same run. Exits 1 when a budget is missed.
//
// Timing- and CPU-sensitive scenarios run one at a time; the memory
// scenarios run alongside each other (one at a time with --against). Every
// scenario process runs with the Node flags and environment of the `cloudtop`
// command (bin/cloudtop), so figures are the CLI's.
//
//   npm run bench                          everything (~6 minutes on 2 cores)
//   npm run bench -- keys bytes            only these scenarios
//   npm run bench -- startup-sea           the standalone executable: start-up and size
//   npm run bench -- --against REV …       the same scenarios on git revision REV too,
//                                          in turns with this tree's (A B A B), both
//                                          columns and their ratio (lib/targets.mjs)
//   npm run bench -- --rounds N …          each scenario N times (default 1, 2 with
//                                          --against); the median run's figures are shown
//
// With --against, the scenarios that run the built CLI (startup, cpu-idle,
// memory, memory-empty) run REV's CLI under this tree's harness, so both
// columns are measured the same way; the in-memory ones (which import the
// app's modules) run REV's own bench/scenarios.tsx, built from REV.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCli, bundleOptions } from '../scripts/build.mjs';
import { buildExecutable } from '../scripts/package.mjs';
import { rowsFor } from './lib/rows.mjs';
import { currentTarget, revisionTarget } from './lib/targets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = fileURLToPath(new URL('../node_modules/.cache/cloudtop-bench/', import.meta.url));
const out = `${cache}bundle/`;
const RESULT_PREFIX = '@@bench-result ';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `bench: needs Node 22+ (this is ${process.version}); run it as \`npm run bench\`, which uses the project's pinned Node.`,
  );
  process.exit(2);
}

const { values: flags, positionals: only } = parseArgs({
  allowPositionals: true,
  options: { against: { type: 'string' }, rounds: { type: 'string' } },
});
const rounds = Math.max(1, Number(flags.rounds ?? (flags.against ? 2 : 1)) || 1);

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
const PARALLEL = [
  ['heap', 'logs'],
  ['memory', 'memory-empty'],
];
/** These run the built CLI in a terminal: another revision's CLI can run under this tree's harness. */
const CLI_SCENARIOS = new Set(['startup', 'cpu-idle', 'memory', 'memory-empty']);

/** A figure judged against the bare frame needs the baseline scenario in the same run. */
const FRAME_RATIO_SCENARIOS = ['frames-5000', 'frames-20000', 'keys', 'filter'];
if (only.length > 0 && only.some((name) => FRAME_RATIO_SCENARIOS.includes(name)) && !only.includes('baseline'))
  only.unshift('baseline');
const wanted = (name) => only.length === 0 || only.includes(name);

const started = Date.now();
const log = (line) => process.stderr.write(`${line}\n`);
await buildCli();
await mkdir(out, { recursive: true });
const options = bundleOptions({
  entryPoints: ['bench/scenarios.tsx', 'bench/lib/sim-worker.ts', 'bench/lib/floor.ts'],
  outfile: 'unused',
  sourcemap: 'inline',
});
delete options.outfile;
await build({ ...options, outdir: out, entryNames: '[name]' });
// The PTY harness finds its driver next to itself.
await copyFile(`${root}test/e2e/pty-driver.py`, `${out}pty-driver.py`);
// The standalone executable (`npm run package`), for its start-up and size; from the bundle just built.
const sea = wanted('startup-sea') ? await buildExecutable({ bundled: true }) : undefined;

const current = currentTarget(root, out);
const targets = [current];
if (flags.against) targets.push(revisionTarget(root, flags.against, cache, log));
const cleanup = () => targets.forEach((target) => target.cleanup());
process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});

/**
 * One scenario of one target. A CLI scenario runs this tree's harness with the
 * target's CLI; any other runs the target's own bundle, as the target's app.
 */
function runScenario(name, target) {
  const harness = CLI_SCENARIOS.has(name) || target.own ? current : target;
  if (name === 'startup-sea' && !target.own) return Promise.resolve({ name, skipped: 'only for this tree' });
  return new Promise((resolve) => {
    const t0 = Date.now();
    const env = {
      ...process.env,
      CLOUDTOP_REPO_ROOT: target.root.replace(/\/$/, ''),
      CLOUDTOP_BENCH_CLI: target.launcher.command,
      CLOUDTOP_BENCH_NODE_DIR: dirname(target.node),
      CLOUDTOP_BENCH_CLI_FLAGS: JSON.stringify(target.launcher.flags),
      FORCE_COLOR: '1',
      ...(sea && target.own ? { CLOUDTOP_BENCH_SEA: JSON.stringify(sea) } : {}),
    };
    // The app under test gets its command's glibc setting: in this process, or from its own launcher.
    for (const [key, value] of Object.entries(target.launcher.env)) {
      if (value === undefined || CLI_SCENARIOS.has(name)) delete env[key];
      else env[key] = value;
    }
    const flagsOfProcess = CLI_SCENARIOS.has(name) ? current.launcher.flags : target.launcher.flags;
    const child = spawn(harness.node, [...flagsOfProcess, '--expose-gc', `${harness.bundle}scenarios.js`, name], {
      cwd: target.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const who = targets.length > 1 ? ` [${target.label}]` : '';
      log(`bench: ${name}${who} ${code === 0 && line ? 'done' : 'FAILED'} in ${seconds} s`);
      if (code === 2 && /unknown scenario/.test(stderr)) resolve({ name, skipped: 'no such scenario there' });
      else if (code !== 0 || !line)
        resolve({ name, error: (stderr.trim() || `exit ${code}`).split('\n').slice(0, 6).join(' | ') });
      else resolve({ name, ...JSON.parse(line.slice(RESULT_PREFIX.length)) });
    });
  });
}

// results[target][round]: scenario name → result. Each round runs every target in turn, so drift hits both.
const results = targets.map(() => Array.from({ length: rounds }, () => new Map()));
const runTurns = async (name) => {
  for (let round = 0; round < rounds; round++)
    for (const [t, target] of targets.entries()) {
      const result = await runScenario(name, target);
      if (!result.skipped) results[t][round].set(name, result);
    }
};
try {
  for (const name of SEQUENTIAL.filter(wanted)) await runTurns(name);
  // Memory scenarios side by side only when one revision runs: with two, each pair in turn.
  if (targets.length === 1)
    await Promise.all(
      PARALLEL.map(async (group) => {
        for (const name of group.filter(wanted)) await runTurns(name);
      }),
    );
  else for (const name of PARALLEL.flat().filter(wanted)) await runTurns(name);
} finally {
  cleanup();
}

// ---------------------------------------------------------------------------

/** Per target: each row of its median round (for an even count, the higher of the middle two), with every round's value. */
const rowsOf = results.map((byRound) => {
  const perRound = byRound.map(rowsFor);
  const merged = new Map();
  for (const row of perRound.flat()) {
    const entry = merged.get(row.key) ?? [];
    entry.push(row);
    merged.set(row.key, entry);
  }
  return new Map(
    [...merged].map(([key, list]) => {
      const sorted = [...list].sort((a, b) => (Number(a.value) || 0) - (Number(b.value) || 0));
      const chosen = sorted[Math.floor(sorted.length / 2)];
      return [key, { ...chosen, all: list.map((row) => row.value) }];
    }),
  );
});
const keys = [...new Set(rowsOf.flatMap((rows) => [...rows.keys()]))];
const shown = (row) =>
  !row || row.value === ''
    ? ''
    : `${typeof row.value === 'number' ? row.value.toLocaleString('en-US') : row.value} ${row.unit}`.trim();
const verdict = (row) => (!row ? '' : row.pass === null ? 'info' : row.pass ? 'PASS' : 'FAIL');
const spread = (row) =>
  row && row.all.length > 1 && row.all.every((v) => typeof v === 'number')
    ? `runs ${row.all.map((v) => v.toLocaleString('en-US')).join(', ')}`
    : '';
const cells = keys.map((key) => {
  const [mine, theirs] = rowsOf.map((rows) => rows.get(key));
  const base = mine ?? theirs;
  const cell = {
    figure: base.figure,
    setup: base.setup,
    budget: base.budget,
    value: shown(mine),
    result: verdict(mine),
    ratio: mine?.ratio ?? '',
    note: [mine?.note, spread(mine)].filter(Boolean).join('; '),
  };
  if (targets.length > 1) {
    const both = typeof mine?.value === 'number' && typeof theirs?.value === 'number' && theirs.value !== 0;
    Object.assign(cell, {
      theirs: shown(theirs),
      versus: both ? `${(mine.value / theirs.value).toFixed(2)}×` : '',
      theirResult: verdict(theirs),
      theirRatio: theirs?.ratio ?? '',
      theirNote: [theirs?.note, spread(theirs)].filter(Boolean).join('; '),
    });
  }
  return cell;
});
const rows = [...rowsOf[0].values()];

const columns =
  targets.length === 1
    ? [
        ['figure', 'figure'],
        ['setup', 'setup'],
        ['value', 'value'],
        ['budget', 'budget'],
        ['result', 'result'],
        ['ratio', 'vs baseline'],
        ['note', 'note'],
      ]
    : [
        ['figure', 'figure'],
        ['setup', 'setup'],
        ['budget', 'budget'],
        ['value', targets[0].label],
        ['theirs', targets[1].label],
        ['versus', 'ratio'],
        ['result', 'result'],
        ['theirResult', `result ${targets[1].label.split(' ')[0]}`],
        ['ratio', 'vs baseline'],
        ['theirRatio', `vs baseline ${targets[1].label.split(' ')[0]}`],
        ['note', 'note'],
        ['theirNote', `note ${targets[1].label.split(' ')[0]}`],
      ];
const widths = columns.map(([key, title]) => Math.max(title.length, ...cells.map((c) => String(c[key] ?? '').length)));
const line = (values) => `| ${values.map((v, i) => String(v ?? '').padEnd(widths[i])).join(' | ')} |`;
console.log(line(columns.map(([, title]) => title)));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells) console.log(line(columns.map(([key]) => c[key])));
const failed = rows.filter((r) => r.pass === false);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const runtimes = targets.map((target) => `${target.label}: Node ${target.nodeVersion}`).join(' · ');
console.log(
  `\n${failed.length === 0 ? 'All budgets met' : `${failed.length} budget(s) missed`} · ${runtimes} · ${rounds} round(s) · ${cpus().length} × ${cpu} · ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed.length === 0 ? 0 : 1);
