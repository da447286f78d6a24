// A real pseudo-terminal for end-to-end tests, without native addons.
//
// The child runs under test/e2e/pty-driver.py (python3, standard library
// only), which owns the PTY, relays every byte the child writes to its stdout
// and takes JSON control lines on its stdin (keys, resizes, signals). Those
// bytes feed an @xterm/headless emulator, so tests read the screen a person
// would see, while the raw stream stays available for byte budgets and for
// checking that the terminal is restored.
//
// The parts, in pty/: driver.ts (the driver process and its protocol),
// emulator.ts (the emulator, the output fed to it, reading the screen),
// terminal-state.ts (cursor, synchronized frames, titles, OSCs), keys.ts (key
// names to bytes), waiting.ts (waitFor and waitForExit), types.ts (the API).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDriver } from './pty/driver.js';
import {
  bufferText,
  checkSize,
  createTerminal,
  OutputFeed,
  screenCells,
  screenLines,
  wrappedRows,
} from './pty/emulator.js';
import { keyBytes } from './pty/keys.js';
import { watchTerminalState } from './pty/terminal-state.js';
import type { PtyOptions, PtySession } from './pty/types.js';
import { DEFAULT_TIMEOUT_MS, ExitWaiters, ScreenWaiters } from './pty/waiting.js';

export type { KeyName, NamedKey } from './pty/keys.js';
export type { PtyOptions, PtySession, ScreenPredicate, SignalName, TerminalModes, WaitOptions } from './pty/types.js';

// Computed here, beside the driver script: the benchmark bundles this file and
// copies pty-driver.py next to the bundle (bench/run.mjs).
const here = dirname(fileURLToPath(import.meta.url));
const DRIVER = join(here, 'pty-driver.py');
export const REPO_ROOT = resolve(here, '../..');

const DEFAULT_COLS = 100;
const DEFAULT_ROWS = 30;

/** Runs `command` in a new pseudo-terminal. */
export function spawnPty(command: string, args: string[] = [], options: PtyOptions = {}): PtySession {
  const initialCols = options.cols ?? DEFAULT_COLS;
  const initialRows = options.rows ?? DEFAULT_ROWS;
  checkSize(initialCols, initialRows);

  const term = createTerminal(initialCols, initialRows, options.unicode);
  const terminal = watchTerminalState(term);
  const screen = (): string => screenLines(term).join('\n');
  const describe = (): string => {
    const status = exits.status;
    const running =
      status === undefined
        ? driver.closed
          ? 'the driver has closed'
          : 'the child is still running'
        : `the child exited with status ${String(status)}`;
    const flags = [
      term.buffer.active.type === 'alternate' ? 'alternate screen' : 'normal screen',
      terminal.cursorHidden() ? 'cursor hidden' : 'cursor visible',
      feed.unparsed > 0 ? `${String(feed.unparsed)} chunks unparsed` : undefined,
      term.modes.synchronizedOutputMode ? 'inside a synchronized-output frame' : undefined,
    ].filter(Boolean);
    const width = String(term.rows).length;
    const body = screenLines(term)
      .map((line, i) => `${String(i + 1).padStart(width)}│${line}`)
      .join('\n');
    const stderr = driver.stderr().trim() ? `\npty-driver stderr:\n${driver.stderr().trim()}` : '';
    return `${running}; ${String(feed.bytes)} bytes received.\nScreen ${String(term.cols)}x${String(term.rows)} (${flags.join(', ')}):\n${body}${stderr}`;
  };

  const exits = new ExitWaiters();
  const waiters = new ScreenWaiters({
    screen,
    stable: () => feed.unparsed === 0 && !terminal.frameOpen(),
    finished: () => exits.status !== undefined && feed.unparsed === 0,
    describe,
  });
  const feed = new OutputFeed(term, () => waiters.check());

  const driver = startDriver(
    {
      script: DRIVER,
      command,
      args,
      cols: initialCols,
      rows: initialRows,
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env,
    },
    {
      output: (chunk) => feed.push(chunk),
      // Exit is reported only after the emulator has parsed the last byte.
      exited: (code) =>
        feed.whenParsed(() => {
          exits.report(code);
          waiters.check();
        }),
    },
  );

  // The emulator answers queries (cursor position, device attributes) as a real terminal would.
  term.onData((data) => driver.input(Buffer.from(data, 'utf8')));
  term.onBinary((data) => driver.input(Buffer.from(data, 'latin1')));

  return {
    get pid() {
      return driver.pid;
    },
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    write(keys) {
      driver.input(typeof keys === 'string' ? Buffer.from(keys, 'utf8') : Buffer.from(keys));
    },
    press(...keys) {
      const appCursor = term.modes.applicationCursorKeysMode;
      for (const key of keys) driver.input(keyBytes(key, appCursor));
    },
    resize(cols, rows) {
      checkSize(cols, rows);
      // Like a terminal window: the emulator changes size first, then the child hears of it.
      term.resize(cols, rows);
      driver.resize(cols, rows);
      waiters.check();
    },
    signal: (name) => driver.signal(name),
    screen,
    screenLines: () => screenLines(term),
    screenCells: () => screenCells(term),
    wrappedRows: () => wrappedRows(term),
    text: () => bufferText(term),
    waitFor(predicate, options = {}) {
      return waiters.wait(predicate, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, new Error('waitFor'));
    },
    waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS) {
      return exits.wait(timeoutMs, new Error('waitForExit'), describe);
    },
    flush: () => feed.flush(),
    output: () => feed.output(),
    bytesWritten: () => feed.bytes,
    isAlternateScreen: () => term.buffer.active.type === 'alternate',
    cursorHidden: () => terminal.cursorHidden(),
    titles: () => terminal.titles(),
    oscs: () => terminal.oscs(),
    terminalModesAfterExit: () => driver.terminalModes(),
    exitStatus: () => exits.status,
    kill: () => driver.stop(),
  };
}

/**
 * Runs the `cloudtop` command as installed (`bin/cloudtop`, which starts the
 * built CLI on the `node` in PATH, with its flags) in a new pseudo-terminal,
 * on this Node, from the repository root unless `cwd` says otherwise.
 */
export function spawnCloudtop(args: string[] = [], options: PtyOptions = {}): PtySession {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: the end-to-end tests run the built CLI, so run `npm run build` first.');
  }
  const path = `${dirname(process.execPath)}:${options.env?.PATH ?? process.env.PATH ?? ''}`;
  // No config file of the person running the tests may leak in: a test that wants one sets XDG_CONFIG_HOME.
  return spawnPty(join(REPO_ROOT, 'bin', 'cloudtop'), args, {
    ...options,
    env: { XDG_CONFIG_HOME: '/nonexistent-config-for-tests', ...options.env, PATH: path },
  });
}
