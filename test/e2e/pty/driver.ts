// The child runs under test/e2e/pty-driver.py (python3, standard library
// only), which owns the PTY, relays every byte the child writes to its stdout
// and takes JSON control lines on its stdin (keys, resizes, signals). This is
// the Node side of that protocol: starting the driver, the child's
// environment, input as typed, and the exit status.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PtyOptions, SignalName, TerminalModes } from './types.js';

// Ink reads a lone ESC as Escape only if nothing follows within 20 ms;
// otherwise ESC + key is Alt+key. A person pauses longer than that. The
// driver starts the pause once the child has read the Escape: a busy child
// may read it later than that, and then both at once.
const ESCAPE_PAUSE_MS = 50;

let pythonExecutable: string | undefined;

/** The real python3 binary (not a pyenv/asdf shim, which costs ~100 ms per start). */
function python(): string {
  if (pythonExecutable !== undefined) return pythonExecutable;
  const probe = spawnSync('python3', ['-I', '-S', '-c', 'import sys; sys.stdout.write(sys.executable)'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const executable = probe.stdout?.trim();
  if (probe.error || probe.status !== 0 || !executable) {
    const reason = probe.error
      ? probe.error.message
      : `exit status ${String(probe.status)}: ${probe.stderr ?? ''}`.trim();
    throw new Error(
      `The PTY test harness needs python3 (standard library only) on PATH to run test/e2e/pty-driver.py, ` +
        `and could not start it (${reason}). Install python3 to run the end-to-end tests.`,
    );
  }
  pythonExecutable = executable;
  return executable;
}

function childEnv(overrides: PtyOptions['env']): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) env[name] = value;
  }
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  delete env.COLORTERM;
  env.TERM = 'xterm-256color';
  env.LANG = 'C.UTF-8';
  // Each run starts as a first run (nothing remembered from another test), unless a test gives its own state directory.
  env.XDG_STATE_HOME = freshStateDirectory();
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

let stateRoot: string | undefined;

/** An empty directory for one run's remembered state, under one root this process removes when it exits. */
function freshStateDirectory(): string {
  if (stateRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), 'cloudtop-e2e-state-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    stateRoot = root;
  }
  return mkdtempSync(join(stateRoot, 'run-'));
}

const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;
function track(driver: ChildProcessWithoutNullStreams): void {
  live.add(driver);
  driver.once('close', () => live.delete(driver));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A crashed or forgetful test must not leave a dashboard running: the
    // driver outlives a closed stdin by design, so stop it explicitly.
    process.once('exit', () => {
      for (const d of live) d.kill('SIGTERM');
    });
  }
}

export interface DriverStart {
  /** The path of pty-driver.py. */
  script: string;
  command: string;
  args: string[];
  cols: number;
  rows: number;
  cwd: string;
  env: PtyOptions['env'];
}

export interface DriverEvents {
  /** Bytes the child wrote to the terminal, in order. */
  output(chunk: Buffer): void;
  /** Once: the child's exit status (128 + n for signal n), or 127 when the driver could not start. */
  exited(status: number): void;
}

export interface Driver {
  readonly pid: number | undefined;
  /** The driver has exited (or never started). */
  readonly closed: boolean;
  /** Bytes as typed; a write after a lone Escape waits a person's pause. */
  input(bytes: Buffer): void;
  resize(cols: number, rows: number): void;
  signal(name: SignalName): void;
  /** The driver's own complaints so far. */
  stderr(): string;
  /** How the child left the line discipline, once the driver has reported it (at exit). */
  terminalModes(): TerminalModes | undefined;
  /** SIGTERM to the driver, which SIGKILLs the child's process group. Idempotent. */
  stop(): void;
}

export function startDriver(start: DriverStart, events: DriverEvents): Driver {
  const driver = spawn(
    python(),
    ['-I', '-S', start.script, String(start.cols), String(start.rows), '--', start.command, ...start.args],
    { cwd: start.cwd, env: childEnv(start.env), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  track(driver);

  let driverStderr = '';
  let closed = false;
  let killed = false;
  let lastInputWasEscape = false;

  const send = (message: Record<string, unknown>): void => {
    if (closed || driver.stdin.destroyed || !driver.stdin.writable) return;
    driver.stdin.write(`${JSON.stringify(message)}\n`);
  };
  // Writing to a driver that has just exited fails with EPIPE; nothing to do.
  driver.stdin.on('error', () => {});

  driver.stdout.on('data', (chunk: Buffer) => events.output(chunk));
  driver.stderr.setEncoding('utf8');
  driver.stderr.on('data', (text: string) => {
    driverStderr += text;
  });

  const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (closed) return;
    closed = true;
    const bySignal = signal ? 128 + (osConstants.signals[signal] ?? 0) : undefined;
    events.exited(code ?? bySignal ?? 1);
  };
  driver.once('close', finish);
  driver.once('error', (error) => {
    driverStderr += `cannot start the driver: ${error.message}\n`;
    finish(127, null);
  });

  return {
    get pid() {
      return driver.pid;
    },
    get closed() {
      return closed;
    },
    input(bytes) {
      if (bytes.length === 0) return;
      send({ type: 'input', data: bytes.toString('base64'), delayMs: lastInputWasEscape ? ESCAPE_PAUSE_MS : 0 });
      lastInputWasEscape = bytes.length === 1 && bytes[0] === 0x1b;
    },
    resize(cols, rows) {
      send({ type: 'resize', cols, rows });
    },
    signal(name) {
      send({ type: 'signal', name });
    },
    stderr: () => driverStderr,
    terminalModes() {
      const line = /^@@terminal-modes (.*)$/m.exec(driverStderr)?.[1];
      return line ? (JSON.parse(line) as TerminalModes) : undefined;
    },
    stop() {
      if (killed) return;
      killed = true;
      if (!closed) {
        // The driver answers SIGTERM by SIGKILLing the child's process group.
        driver.kill('SIGTERM');
      }
      driver.stdin.end();
    },
  };
}
