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
 * itself, so its shebang's Node flags apply, with this Node first on PATH.
 */
export function spawnCli(args: string[], options: PtyOptions = {}): PtySession {
  const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  return spawnPty(`${REPO_ROOT}/bin/cloudtop`, args, {
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
