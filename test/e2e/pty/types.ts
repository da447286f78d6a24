// The harness's public types: what a test passes to spawnPty and what it gets back.
import type { KeyName } from './keys.js';

export type SignalName = 'SIGTERM' | 'SIGHUP' | 'SIGINT';

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
   * with a short pause after Escape, from when the child has read it, so it
   * is not read as Alt+<next key>.
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
