/**
 * The real pseudo-terminal harness of the end-to-end tests (test/e2e/pty.ts),
 * used from the bundled benchmark: its driver script is copied next to the
 * bundle by bench/run.mjs, and commands are given with absolute paths.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { spawnPty, type PtyOptions, type PtySession } from '../../test/e2e/pty.js';

export const REPO_ROOT = process.env.CLOUDTOP_REPO_ROOT ?? process.cwd();

/**
 * The built CLI in a PTY, as a person starts it: the `cloudtop` command
 * itself, so its Node flags apply, with its Node first on PATH. bench/run.mjs
 * names the command and that Node (CLOUDTOP_BENCH_CLI, CLOUDTOP_BENCH_NODE_DIR):
 * this tree's, or with --against another revision's.
 */
export function spawnCli(args: string[], options: PtyOptions = {}): PtySession {
  const nodeDir = process.env.CLOUDTOP_BENCH_NODE_DIR ?? dirname(process.execPath);
  const path = `${nodeDir}:${process.env.PATH ?? ''}`;
  const extra = profilingArgs();
  if (extra)
    return spawnPty(
      `${nodeDir}/node`,
      [...JSON.parse(process.env.CLOUDTOP_BENCH_CLI_FLAGS ?? '[]'), ...extra, `${REPO_ROOT}/bin/cloudtop.js`, ...args],
      { cwd: REPO_ROOT, cols: 200, rows: 50, ...options, env: { PATH: path, ...options.env } },
    );
  return spawnPty(process.env.CLOUDTOP_BENCH_CLI ?? `${REPO_ROOT}/bin/cloudtop`, args, {
    cwd: REPO_ROOT,
    cols: 200,
    rows: 50,
    ...options,
    env: { PATH: path, ...options.env },
  });
}

export { spawnPty, type PtySession };

/** The node process the PTY driver started (the driver is python3; the child is what we measure). */
export function childPid(session: PtySession): number {
  const driver = session.pid;
  if (driver === undefined) throw new Error('the PTY driver has no pid');
  const children = readFileSync(`/proc/${driver}/task/${driver}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  const pid = Number(children[0]);
  if (!Number.isInteger(pid)) throw new Error(`no child under the PTY driver ${driver}`);
  return pid;
}

/** User + system CPU time of a process so far, in ms (Linux /proc). */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

function clockTicksPerSecond(): number {
  // USER_HZ is 100 on every Linux that Node supports.
  return 100;
}

/** Resident set size now and at its peak, in MB (Linux /proc). */
export function residentMb(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Profiling the CLI a scenario starts: CLOUDTOP_BENCH_CPU_PROF=DIR adds V8's
 * CPU profiler, CLOUDTOP_BENCH_NODE_ARGS='["--import", "…"]' any other Node
 * arguments (Node refuses --cpu-prof in NODE_OPTIONS). The CLI then runs as
 * `node FLAGS ARGS bin/cloudtop.js`, with the command's flags, and is stopped
 * with SIGTERM so that it writes its profile (stopCli).
 */
function profilingArgs(): string[] | undefined {
  const cpu = process.env.CLOUDTOP_BENCH_CPU_PROF;
  const more = process.env.CLOUDTOP_BENCH_NODE_ARGS;
  if (!cpu && !more) return undefined;
  return [...(cpu ? ['--cpu-prof', `--cpu-prof-dir=${cpu}`] : []), ...(more ? (JSON.parse(more) as string[]) : [])];
}

/** Ends a CLI started by spawnCli: SIGTERM (so a profile is written) and, after a moment, the driver. */
export async function stopCli(session: PtySession): Promise<void> {
  if (profilingArgs()) {
    session.signal('SIGTERM');
    await session.waitForExit(10_000).catch(() => undefined);
  }
  session.kill();
}
