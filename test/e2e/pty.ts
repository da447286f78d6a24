// A real pseudo-terminal for end-to-end tests, without native addons.
//
// The child runs under test/e2e/pty-driver.py (python3, standard library
// only), which owns the PTY, relays every byte the child writes to its stdout
// and takes JSON control lines on its stdin (keys, resizes, signals). Those
// bytes feed an @xterm/headless emulator, so tests read the screen a person
// would see, while the raw stream stays available for byte budgets and for
// checking that the terminal is restored.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import xtermHeadless from '@xterm/headless';
import type { IUnicodeVersionProvider, Terminal as XTerm } from '@xterm/headless';
import stringWidth from 'string-width';

// The package is CommonJS built by a bundler whose exports Node cannot detect
// statically, so named ESM imports fail at run time; take the default export.
const { Terminal } = xtermHeadless;

const here = dirname(fileURLToPath(import.meta.url));
const DRIVER = join(here, 'pty-driver.py');
export const REPO_ROOT = resolve(here, '../..');

export type SignalName = 'SIGTERM' | 'SIGHUP' | 'SIGINT';

export type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageUp'
  | 'pageDown'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'shiftTab'
  | 'backspace'
  | 'delete'
  | 'space'
  | 'ctrlC'
  | 'ctrlD';

/** A named key, or any single character (typed as itself). */
// `string & {}` keeps editor completion for the names while accepting any character.
export type KeyName = NamedKey | (string & {});

export interface PtyOptions {
  /** Terminal width; default 100. */
  cols?: number;
  /** Terminal height; default 30. */
  rows?: number;
  /**
   * Changes to the child's environment, applied last; `undefined` removes a
   * variable. The base is this process's environment without `CI` and
   * `CONTINUOUS_INTEGRATION` (Ink turns non-interactive under either) and
   * without `COLORTERM`, with `TERM=xterm-256color` and `LANG=C.UTF-8`.
   */
  env?: Record<string, string | undefined>;
  /** Working directory; default the repository root. */
  cwd?: string;
  /**
   * Character widths the emulator uses. `xterm` (default): xterm.js's Unicode 6
   * tables, where an emoji takes one column. `modern`: what current terminals
   * and Ink (through string-width) use, where emoji such as 🚀 take two.
   */
  unicode?: 'xterm' | 'modern';
}

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
}

export type ScreenPredicate = string | RegExp | ((screen: string) => boolean);

/** The line discipline as the child left it: raw mode turns both off. */
export interface TerminalModes {
  echo: boolean;
  canonical: boolean;
}

export interface PtySession {
  /** Raw input, as typed: '\u001b[B' is ↓, '\r' is Enter, '\u0003' is Ctrl-C. */
  write(keys: string | Uint8Array): void;
  /**
   * Named keys or single characters, written one after another like fast
   * typing (the child may read several in one read, and Ink splits them),
   * with a short pause after Escape so it is not read as Alt+<next key>.
   * Arrows and Home/End follow the application-cursor mode (DECCKM).
   */
  press(...keys: KeyName[]): void;
  /** Resizes the terminal (the emulator at once; the child gets SIGWINCH). */
  resize(cols: number, rows: number): void;
  /** Signals the child's process group. */
  signal(name: SignalName): void;
  /** The visible screen as parsed so far: one line per row, trailing spaces trimmed. */
  screen(): string;
  screenLines(): string[];
  /**
   * The visible screen cell by cell: one array of `cols` strings per row, a
   * wide character in its first cell and '' in the cell it also covers, so an
   * index is a terminal column.
   */
  screenCells(): string[][];
  /** Rows of the visible screen that continue the row above because a line was too long (auto-wrap). */
  wrappedRows(): number[];
  /** Every line of the active buffer, scrollback included, without trailing blank lines. */
  text(): string;
  /**
   * Resolves with the screen once it matches: a string is a substring, a
   * RegExp is tested, a function decides. It is checked only when all output
   * received so far is parsed and no synchronized-output frame is open, so it
   * never matches a half-drawn frame. Rejects, showing the screen, on timeout
   * or when the child exits first.
   */
  waitFor(predicate: ScreenPredicate, options?: WaitOptions): Promise<string>;
  /** Resolves with the child's exit status (128 + n when signal n ended it) once all its output is parsed. */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Resolves when everything received so far has been parsed by the emulator. */
  flush(): Promise<void>;
  /** Every raw byte the child wrote to the terminal, in order. */
  output(): Buffer;
  bytesWritten(): number;
  /** Whether the emulator shows the alternate screen buffer. */
  isAlternateScreen(): boolean;
  /** Whether the cursor is hidden (DECTCEM, `CSI ? 25 l` / `h`, as parsed so far). */
  cursorHidden(): boolean;
  /** Every window title the child set (OSC 0 and 2), in order, as the emulator parsed them. */
  titles(): string[];
  /**
   * Every operating-system command the emulator parsed (title, clipboard 52,
   * hyperlink 8, colours, notifications...), in order, 7-bit or 8-bit form alike.
   */
  oscs(): { id: number; data: string }[];
  /** The exit status once known. */
  exitStatus(): number | undefined;
  /** After exit: whether echo and canonical (line) mode are on, i.e. raw mode was turned off. */
  terminalModesAfterExit(): TerminalModes | undefined;
  readonly pid: number | undefined;
  readonly cols: number;
  readonly rows: number;
  /** Ends the child and its process group (SIGKILL). Idempotent; for afterEach. */
  kill(): void;
}

const DEFAULT_COLS = 100;
const DEFAULT_ROWS = 30;
const DEFAULT_TIMEOUT_MS = 5000;
// Ink reads a lone ESC as Escape only if nothing follows within 20 ms;
// otherwise ESC + key is Alt+key. A person pauses longer than that.
const ESCAPE_PAUSE_MS = 50;
// How often waitFor looks again without new output (a synchronized frame timing out).
const POLL_MS = 50;
// Terminals render anyway when a synchronized-output frame (mode 2026) stays
// open too long; the headless emulator never does, so waitFor applies this.
const SYNC_FRAME_TIMEOUT_MS = 1000;

const CSI = '\u001b[';
const KEYS: Record<NamedKey, string | ((appCursor: boolean) => string)> = {
  up: (app) => (app ? '\u001bOA' : `${CSI}A`),
  down: (app) => (app ? '\u001bOB' : `${CSI}B`),
  right: (app) => (app ? '\u001bOC' : `${CSI}C`),
  left: (app) => (app ? '\u001bOD' : `${CSI}D`),
  home: (app) => (app ? '\u001bOH' : `${CSI}H`),
  end: (app) => (app ? '\u001bOF' : `${CSI}F`),
  pageUp: `${CSI}5~`,
  pageDown: `${CSI}6~`,
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: `${CSI}Z`,
  backspace: '\u007f',
  delete: `${CSI}3~`,
  space: ' ',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
};

/**
 * OSC identifiers the session records: titles (0-2), colours (4, 10-19, 104,
 * 110-119), working directory (7), hyperlinks (8), notifications (9, 777),
 * clipboard (52), shell integration (133, 633) and iTerm2's (1337).
 */
const OSC_IDS = [
  0, 1, 2, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 50, 51, 52, 104, 110, 111, 112, 133, 633, 777, 1337,
];

/** The bit layout of xterm.js's character properties (UnicodeService.createPropertyValue / extractWidth). */
const propertyValue = (width: number, join: boolean): number => ((width & 3) << 1) | (join ? 1 : 0);
const propertyWidth = (value: number): number => (value >> 1) & 3;

const modernWidthCache = new Map<number, 0 | 1 | 2>();
function modernWidth(codepoint: number): 0 | 1 | 2 {
  let width = modernWidthCache.get(codepoint);
  if (width === undefined) {
    const measured = stringWidth(String.fromCodePoint(codepoint));
    width = measured >= 2 ? 2 : measured <= 0 ? 0 : 1;
    modernWidthCache.set(codepoint, width);
  }
  return width;
}

/** string-width's widths, per code point, joined like xterm's own provider joins zero-width marks. */
const MODERN_WIDTHS: IUnicodeVersionProvider = {
  version: 'cloudtop-modern',
  wcwidth: modernWidth,
  charProperties(codepoint, preceding) {
    let width: number = modernWidth(codepoint);
    let join = width === 0 && preceding !== 0;
    if (join) {
      const previous = propertyWidth(preceding);
      if (previous === 0) join = false;
      else if (previous > width) width = previous;
    }
    return propertyValue(width, join);
  },
};

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

function checkSize(cols: number, rows: number): void {
  if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 2 || rows < 1 || cols > 1000 || rows > 1000) {
    throw new Error(`invalid terminal size ${String(cols)}x${String(rows)}`);
  }
}

function describePredicate(predicate: ScreenPredicate): string {
  if (typeof predicate === 'string') return JSON.stringify(predicate);
  if (predicate instanceof RegExp) return String(predicate);
  return predicate.name ? `${predicate.name}()` : 'a predicate';
}

function matches(predicate: ScreenPredicate, screen: string): boolean {
  if (typeof predicate === 'string') return screen.includes(predicate);
  if (predicate instanceof RegExp) {
    predicate.lastIndex = 0;
    return predicate.test(screen);
  }
  return predicate(screen);
}

/** An error whose stack points at the test line that started the wait. */
function errorFrom(origin: Error, message: string): Error {
  const error = new Error(message);
  const frames = origin.stack?.split('\n').slice(1).join('\n');
  if (frames) error.stack = `Error: ${message}\n${frames}`;
  return error;
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

interface Waiter {
  predicate: ScreenPredicate;
  origin: Error;
  timer: NodeJS.Timeout;
  resolve: (screen: string) => void;
  reject: (error: Error) => void;
}

/** Runs `command` in a new pseudo-terminal. */
export function spawnPty(command: string, args: string[] = [], options: PtyOptions = {}): PtySession {
  const initialCols = options.cols ?? DEFAULT_COLS;
  const initialRows = options.rows ?? DEFAULT_ROWS;
  checkSize(initialCols, initialRows);

  const driver = spawn(
    python(),
    ['-I', '-S', DRIVER, String(initialCols), String(initialRows), '--', command, ...args],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: childEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  track(driver);

  const term: XTerm = new Terminal({ cols: initialCols, rows: initialRows, allowProposedApi: true, scrollback: 1000 });
  if (options.unicode === 'modern') {
    term.unicode.register(MODERN_WIDTHS);
    term.unicode.activeVersion = MODERN_WIDTHS.version;
  }

  // DECTCEM is not in the public `modes`; follow it through parser hooks,
  // which run in stream order (returning false lets xterm handle it too).
  let hidden = false;
  let syncFrameSince = 0;
  const has = (params: (number | number[])[], mode: number): boolean => params.some((p) => p === mode);
  term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => {
    if (has(params, 25)) hidden = false;
    if (has(params, 2026) && !term.modes.synchronizedOutputMode) syncFrameSince = Date.now();
    return false;
  });
  term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => {
    if (has(params, 25)) hidden = true;
    return false;
  });
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));
  const oscs: { id: number; data: string }[] = [];
  for (const id of OSC_IDS) {
    term.parser.registerOscHandler(id, (data) => {
      oscs.push({ id, data });
      return false;
    });
  }

  // RIS (ESC c) and DECSTR (CSI ! p) show the cursor again.
  term.parser.registerEscHandler({ final: 'c' }, () => {
    hidden = false;
    return false;
  });
  term.parser.registerCsiHandler({ intermediates: '!', final: 'p' }, () => {
    hidden = false;
    return false;
  });

  const chunks: Buffer[] = [];
  let joined: Buffer | undefined;
  let received = 0;
  let pending = 0;
  let flushWaiters: (() => void)[] = [];
  let driverStderr = '';
  let status: number | undefined;
  let closed = false;
  let killed = false;
  let lastInputWasEscape = false;
  const waiters = new Set<Waiter>();
  const exitWaiters: ((status: number) => void)[] = [];
  let poll: NodeJS.Timeout | undefined;

  const send = (message: Record<string, unknown>): void => {
    if (closed || driver.stdin.destroyed || !driver.stdin.writable) return;
    driver.stdin.write(`${JSON.stringify(message)}\n`);
  };
  // Writing to a driver that has just exited fails with EPIPE; nothing to do.
  driver.stdin.on('error', () => {});

  const sendInput = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    send({ type: 'input', data: bytes.toString('base64'), delayMs: lastInputWasEscape ? ESCAPE_PAUSE_MS : 0 });
    lastInputWasEscape = bytes.length === 1 && bytes[0] === 0x1b;
  };

  // The emulator answers queries (cursor position, device attributes) as a real terminal would.
  term.onData((data) => sendInput(Buffer.from(data, 'utf8')));
  term.onBinary((data) => sendInput(Buffer.from(data, 'latin1')));

  const screenLines = (): string[] => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      lines.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
    }
    return lines;
  };
  const screen = (): string => screenLines().join('\n');
  const screenCells = (): string[][] => {
    const buffer = term.buffer.active;
    const rows: string[][] = [];
    for (let y = 0; y < term.rows; y++) {
      const line = buffer.getLine(buffer.baseY + y);
      const cells: string[] = [];
      for (let x = 0; x < term.cols; x++) cells.push(line?.getCell(x)?.getChars() ?? '');
      rows.push(cells);
    }
    return rows;
  };
  const wrappedRows = (): number[] => {
    const buffer = term.buffer.active;
    const rows: number[] = [];
    for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.baseY + y)?.isWrapped) rows.push(y);
    return rows;
  };

  const stable = (): boolean =>
    pending === 0 && (!term.modes.synchronizedOutputMode || Date.now() - syncFrameSince >= SYNC_FRAME_TIMEOUT_MS);

  const state = (): string => {
    const running =
      status === undefined
        ? closed
          ? 'the driver has closed'
          : 'the child is still running'
        : `the child exited with status ${String(status)}`;
    const flags = [
      term.buffer.active.type === 'alternate' ? 'alternate screen' : 'normal screen',
      hidden ? 'cursor hidden' : 'cursor visible',
      pending > 0 ? `${String(pending)} chunks unparsed` : undefined,
      term.modes.synchronizedOutputMode ? 'inside a synchronized-output frame' : undefined,
    ].filter(Boolean);
    const width = String(term.rows).length;
    const body = screenLines()
      .map((line, i) => `${String(i + 1).padStart(width)}│${line}`)
      .join('\n');
    const stderr = driverStderr.trim() ? `\npty-driver stderr:\n${driverStderr.trim()}` : '';
    return `${running}; ${String(received)} bytes received.\nScreen ${String(term.cols)}x${String(term.rows)} (${flags.join(', ')}):\n${body}${stderr}`;
  };

  const settle = (waiter: Waiter): void => {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
    if (waiters.size === 0 && poll) {
      clearInterval(poll);
      poll = undefined;
    }
  };

  const check = (): void => {
    if (waiters.size === 0) return;
    const finished = status !== undefined && pending === 0;
    if (!stable() && !finished) return;
    const now = screen();
    for (const waiter of [...waiters]) {
      let ok: boolean;
      try {
        ok = matches(waiter.predicate, now);
      } catch (error) {
        settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (ok) {
        settle(waiter);
        waiter.resolve(now);
      } else if (finished) {
        settle(waiter);
        waiter.reject(
          errorFrom(
            waiter.origin,
            `waitFor(${describePredicate(waiter.predicate)}): the screen never matched before the child exited; ${state()}`,
          ),
        );
      }
    }
  };

  const afterParse = (): void => {
    if (pending === 0) {
      const done = flushWaiters;
      flushWaiters = [];
      for (const resolveFlush of done) resolveFlush();
    }
    check();
  };

  driver.stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    joined = undefined;
    received += chunk.length;
    pending++;
    term.write(chunk, () => {
      pending--;
      afterParse();
    });
  });
  driver.stderr.setEncoding('utf8');
  driver.stderr.on('data', (text: string) => {
    driverStderr += text;
  });
  const terminalModes = (): TerminalModes | undefined => {
    const line = /^@@terminal-modes (.*)$/m.exec(driverStderr)?.[1];
    return line ? (JSON.parse(line) as TerminalModes) : undefined;
  };

  const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (closed) return;
    closed = true;
    const bySignal = signal ? 128 + (osConstants.signals[signal] ?? 0) : undefined;
    const exitCode = code ?? bySignal ?? 1;
    // Exit is reported only after the emulator has parsed the last byte.
    const report = (): void => {
      status = exitCode;
      for (const resolveExit of exitWaiters.splice(0)) resolveExit(exitCode);
      check();
    };
    if (pending === 0) report();
    else flushWaiters.push(report);
  };
  driver.once('close', finish);
  driver.once('error', (error) => {
    driverStderr += `cannot start the driver: ${error.message}\n`;
    finish(127, null);
  });

  const session: PtySession = {
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
      sendInput(typeof keys === 'string' ? Buffer.from(keys, 'utf8') : Buffer.from(keys));
    },

    press(...keys) {
      const appCursor = term.modes.applicationCursorKeysMode;
      for (const key of keys) {
        const named = (KEYS as Record<string, string | ((app: boolean) => string) | undefined>)[key];
        if (named !== undefined) {
          sendInput(Buffer.from(typeof named === 'function' ? named(appCursor) : named, 'utf8'));
        } else if ([...key].length === 1) {
          sendInput(Buffer.from(key, 'utf8'));
        } else {
          throw new Error(
            `press(): unknown key ${JSON.stringify(key)}; use one of ${Object.keys(KEYS).join(', ')}, a single character, or write() for raw bytes`,
          );
        }
      }
    },

    resize(cols, rows) {
      checkSize(cols, rows);
      // Like a terminal window: the emulator changes size first, then the child hears of it.
      term.resize(cols, rows);
      send({ type: 'resize', cols, rows });
      check();
    },

    signal(name) {
      send({ type: 'signal', name });
    },

    screen,
    screenLines,
    screenCells,
    wrappedRows,

    text() {
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines.join('\n');
    },

    waitFor(predicate, options = {}) {
      const origin = new Error('waitFor');
      const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return new Promise<string>((resolvePromise, rejectPromise) => {
        const waiter: Waiter = {
          predicate,
          origin,
          resolve: resolvePromise,
          reject: rejectPromise,
          timer: setTimeout(() => {
            settle(waiter);
            rejectPromise(
              errorFrom(
                origin,
                `waitFor(${describePredicate(predicate)}) timed out after ${String(timeoutMs)} ms; ${state()}`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
        poll ??= setInterval(check, POLL_MS);
        check();
      });
    },

    waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS) {
      if (status !== undefined) return Promise.resolve(status);
      const origin = new Error('waitForExit');
      return new Promise<number>((resolvePromise, rejectPromise) => {
        const timer = setTimeout(() => {
          const index = exitWaiters.indexOf(onExit);
          if (index >= 0) exitWaiters.splice(index, 1);
          rejectPromise(errorFrom(origin, `waitForExit() timed out after ${String(timeoutMs)} ms; ${state()}`));
        }, timeoutMs);
        const onExit = (code: number): void => {
          clearTimeout(timer);
          resolvePromise(code);
        };
        exitWaiters.push(onExit);
      });
    },

    flush() {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolveFlush) => flushWaiters.push(resolveFlush));
    },

    output() {
      joined ??= Buffer.concat(chunks);
      return joined;
    },

    bytesWritten() {
      return received;
    },

    isAlternateScreen() {
      return term.buffer.active.type === 'alternate';
    },

    cursorHidden() {
      return hidden;
    },

    titles() {
      return [...titles];
    },

    oscs() {
      return oscs.map((osc) => ({ ...osc }));
    },

    terminalModesAfterExit() {
      return terminalModes();
    },
    exitStatus() {
      return status;
    },

    kill() {
      if (killed) return;
      killed = true;
      if (!closed) {
        // The driver answers SIGTERM by SIGKILLing the child's process group.
        driver.kill('SIGTERM');
      }
      driver.stdin.end();
    },
  };
  return session;
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
