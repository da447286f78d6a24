/**
 * Renders an Ink tree into an in-memory terminal of a chosen size: Ink writes
 * its real escape sequences (incremental rendering, cursor moves) into a fake
 * TTY stream, and @xterm/headless interprets them into a screen we can read.
 * Used by component tests of the whole app and by the benchmark, which also
 * counts the bytes written.
 */
import { EventEmitter } from 'node:events';
import xtermHeadless from '@xterm/headless';
import { render, type Instance, type RenderOptions } from 'ink';
import type { ReactElement } from 'react';

// CommonJS bundle: Node cannot see its named exports, so take the default (as test/e2e/pty/emulator.ts does).
const { Terminal } = xtermHeadless;

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  bytes = 0;
  writes = 0;
  constructor(
    public columns: number,
    public rows: number,
    private readonly sink: (chunk: string) => void,
  ) {
    super();
  }
  write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.bytes += Buffer.byteLength(text);
    this.writes += 1;
    this.sink(text);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }
  getColorDepth(): number {
    return 8;
  }
  hasColors(): boolean {
    return true;
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  isRaw = false;
  private queue: string[] = [];
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  read(): string | null {
    return this.queue.shift() ?? null;
  }
  type(data: string): void {
    this.queue.push(data);
    this.emit('readable');
    this.emit('data', data);
  }
}

export interface VirtualTerminal {
  instance: Instance;
  stdout: FakeStdout;
  /** Resolves once every byte written so far has been interpreted. */
  settle(): Promise<void>;
  screen(): string;
  lines(): string[];
  type(keys: string): void;
  resize(columns: number, rows: number): void;
  /** Bytes Ink has written so far. */
  bytes(): number;
  unmount(): void;
}

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  ctrlC: '\u0003',
} as const;

/**
 * `parse: false` leaves the output unread (the screen stays blank): for a
 * measurement of what the app keeps, where a terminal that parses more slowly
 * than the app writes would hold a growing backlog of frames of its own.
 */
export function renderInTerminal(
  tree: ReactElement,
  size: { columns: number; rows: number },
  options: RenderOptions = {},
  { parse = true } = {},
): VirtualTerminal {
  // convertEol: a real TTY's line discipline turns \n into \r\n (onlcr); this fake stream has none.
  const terminal = new Terminal({ cols: size.columns, rows: size.rows, allowProposedApi: true, convertEol: true });
  let pending = Promise.resolve();
  const stdout = new FakeStdout(size.columns, size.rows, (chunk) => {
    if (parse) pending = pending.then(() => new Promise<void>((resolve) => terminal.write(chunk, resolve)));
  });
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    interactive: true,
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
    maxFps: 1000,
    ...options,
  });
  const lines = (): string[] => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < terminal.rows; y++)
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  return {
    instance,
    stdout,
    settle: async () => {
      // Let React and Ink flush, then let xterm parse everything written.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await pending;
    },
    screen: () => lines().join('\n'),
    lines,
    type: (keys) => stdin.type(keys),
    resize: (columns, rows) => {
      stdout.columns = columns;
      stdout.rows = rows;
      terminal.resize(columns, rows);
      stdout.emit('resize');
    },
    bytes: () => stdout.bytes,
    unmount: () => {
      instance.unmount();
      terminal.dispose();
    },
  };
}

/** Polls until the screen satisfies `predicate` (React Query and timers are asynchronous). */
export async function waitForScreen(
  vt: VirtualTerminal,
  predicate: string | RegExp | ((screen: string) => boolean),
  timeoutMs = 5000,
): Promise<string> {
  const test =
    typeof predicate === 'string'
      ? (s: string) => s.includes(predicate)
      : predicate instanceof RegExp
        ? (s: string) => predicate.test(s)
        : predicate;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await vt.settle();
    const screen = vt.screen();
    if (test(screen)) return screen;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for the screen to match ${String(predicate)}. Screen:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
