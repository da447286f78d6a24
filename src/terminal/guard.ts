/**
 * Leaving the terminal as we found it, whatever ends the process: quit,
 * Ctrl-C, SIGTERM, SIGHUP (a dropped SSH session), an uncaught exception or
 * an unhandled rejection. Ink restores the screen on a normal unmount; these
 * handlers make the abnormal exits do the same, and then some.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneLine } from '../api/errors.js';

/** Main screen back, cursor visible, attributes reset. Harmless if already restored. */
export const RESTORE_SEQUENCE = '\u001b[?1049l\u001b[?25h\u001b[0m';

export interface TerminalGuardOptions {
  /** Unmount the UI (Ink restores alternate screen, cursor, raw mode). */
  unmount: () => void;
  /** Secrets to scrub from crash reports. */
  secrets: readonly (string | undefined)[];
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  exit?: (code: number) => never;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** How many child processes (ssh) have the terminal now. */
let lent = 0;

/**
 * Runs `run` while a child process has the terminal (ssh). Ctrl-C is then
 * the child's: the terminal sends SIGINT to every process in the foreground
 * group, cloudtop included, and Ctrl-C to give up on a hanging connection
 * must not quit the dashboard waiting behind it.
 */
export async function lendTerminal<T>(run: () => Promise<T>): Promise<T> {
  lent += 1;
  try {
    return await run();
  } finally {
    lent -= 1;
  }
}

/**
 * Raw input from before the first frame. Ink turns raw mode on only once its
 * input hook has mounted, after the first frame is out; keys typed in
 * between (a fast typist, keys typed ahead on a slow link) would be echoed
 * by the terminal over the dashboard and scroll it by a line. Ink takes
 * raw mode over from here and gives it back on exit (restoreTerminal too).
 */
export function holdKeysFromStart(stdin: NodeJS.ReadStream = process.stdin): void {
  if (stdin.isTTY && !stdin.isRaw) stdin.setRawMode(true);
}

export function restoreTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): void {
  try {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  } catch {
    // The terminal may already be gone (SIGHUP); nothing left to restore.
  }
  try {
    if (stdout.isTTY) stdout.write(RESTORE_SEQUENCE);
  } catch {
    // Same: a closed terminal cannot be written to.
  }
}

/** Installs the handlers; returns a function that removes them. */
export function guardTerminal(options: TerminalGuardOptions): () => void {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stdin = options.stdin ?? process.stdin;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let finishing = false;

  const shutdown = (code: number): void => {
    if (finishing) return;
    finishing = true;
    try {
      options.unmount();
    } catch {
      // Restoring below does not depend on a clean unmount.
    }
    restoreTerminal(stdout, stdin);
    exit(code);
  };

  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => () => {
    if (signal === 'SIGINT' && lent > 0) return;
    shutdown(SIGNAL_EXIT_CODES[signal]);
  };
  const handlers = {
    SIGINT: onSignal('SIGINT'),
    SIGTERM: onSignal('SIGTERM'),
    SIGHUP: onSignal('SIGHUP'),
  };
  const onCrash = (error: unknown): void => {
    if (finishing) return;
    try {
      options.unmount();
    } catch {
      // Ignored: we are already failing.
    }
    restoreTerminal(stdout, stdin);
    const report = writeCrashReport(error, options.secrets);
    const summary = oneLine(
      describeError(error, (e) => e.message),
      options.secrets,
    );
    try {
      stderr.write(`cloudtop crashed: ${summary}\n${report ? `Full report: ${report}\n` : ''}`);
    } catch {
      // No terminal to tell.
    }
    finishing = true;
    exit(1);
  };

  for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}

/**
 * Text for anything thrown: whatever a crash throws must not make the crash
 * handler throw too (a null-prototype object has no String(), a getter can
 * throw), or the terminal message and the report would be lost.
 */
function describeError(error: unknown, ofError: (error: Error) => string): string {
  try {
    return error instanceof Error ? ofError(error) : String(error);
  } catch {
    try {
      return Object.prototype.toString.call(error);
    } catch {
      return 'unknown error';
    }
  }
}

/** Writes the full error to a private file in the temp directory; returns its path, or null if that failed. */
export function writeCrashReport(error: unknown, secrets: readonly (string | undefined)[]): string | null {
  const path = join(tmpdir(), `cloudtop-crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  let text = describeError(error, (e) => `${e.stack ?? e.message}`);
  for (const secret of secrets) if (secret && secret.length >= 6) text = text.split(secret).join('***');
  try {
    writeFileSync(path, `cloudtop crash report\n${new Date().toISOString()}\nnode ${process.version}\n\n${text}\n`, {
      mode: 0o600,
    });
    return path;
  } catch {
    return null;
  }
}
