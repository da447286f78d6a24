/**
 * Runs a command of the config file (input/custom-commands.ts): its
 * arguments as separate argv elements, never through a shell unless it asks
 * for one, and then as the script's positional parameters (`sh -c SCRIPT
 * NAME ARG…`: `"$1"` is the first). In the terminal, which the dashboard
 * lends it as it does to ssh, or in the background, its output kept from the
 * screen. Either way the last line it wrote to stderr comes back, cleaned,
 * for the flash line.
 */
import { spawn } from 'node:child_process';
import { oneLine } from '../api/errors.js';

export interface RunSpec {
  /** The program, or the script with `shell`. */
  program: string;
  argv: readonly string[];
  shell: boolean;
  /** `$0` of a script: the command's name. */
  name: string;
  /** True: the terminal is the child's (the caller has handed it over); false: no terminal at all. */
  foreground: boolean;
}

export interface RunOutcome {
  /** The exit status, or null when a signal ended it (or it never ran). */
  code: number | null;
  signal?: NodeJS.Signals | null;
  /** Why it did not run, or the last line it wrote to stderr, cleaned. */
  lastError: string;
}

/** The program and argv `spawn` is given: never a shell unless asked, and then the values as `$1`…, not text. */
export function spawnArguments(spec: Pick<RunSpec, 'program' | 'argv' | 'shell' | 'name'>): [string, string[]] {
  return spec.shell ? ['/bin/sh', ['-c', spec.program, spec.name, ...spec.argv]] : [spec.program, [...spec.argv]];
}

export function runCommand(spec: RunSpec): Promise<RunOutcome> {
  return new Promise((resolve) => {
    let tail = '';
    const [program, args] = spawnArguments(spec);
    const child = spawn(program, args, {
      stdio: [spec.foreground ? 'inherit' : 'ignore', spec.foreground ? 'inherit' : 'ignore', 'pipe'],
      shell: false,
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (spec.foreground) process.stderr.write(chunk);
      // Only the end matters; keep it short.
      tail = (tail + chunk.toString('utf8')).slice(-4096);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve({
        code: null,
        lastError: error.code === 'ENOENT' ? `${oneLine(program)} was not found` : oneLine(error.message),
      });
    });
    child.on('close', (code, signal) => {
      const lines = tail
        .split(/\r?\n/)
        .map((line) => oneLine(line))
        .filter(Boolean);
      resolve({ code, signal, lastError: lines.at(-1) ?? '' });
    });
  });
}

/** One line for the flash line about how it ended: `inspect on pod llama-serve ended`. */
export function describeRun(what: string, outcome: RunOutcome): { text: string; tone: 'success' | 'error' } {
  if (outcome.code === 0) return { text: `${what} ended`, tone: 'success' };
  const status =
    outcome.code !== null
      ? `${what} exited with ${outcome.code}`
      : outcome.signal
        ? `${what} was stopped (${outcome.signal})`
        : `${what} did not run`;
  return { text: outcome.lastError ? `${status}: ${outcome.lastError}` : status, tone: 'error' };
}
