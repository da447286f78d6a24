// Waiting for the screen and for the exit: checked whenever the emulator has
// parsed new output (and on a short poll, for a synchronized frame that times
// out without new output), never on a half-drawn frame.
import type { ScreenPredicate } from './types.js';

// How often waitFor looks again without new output (a synchronized frame timing out).
const POLL_MS = 50;

export const DEFAULT_TIMEOUT_MS = 5000;

export interface WaitContext {
  screen(): string;
  /** All output so far parsed and no synchronized frame open: the screen is a whole frame. */
  stable(): boolean;
  /** The child has exited and its last byte is parsed: the screen will not change again. */
  finished(): boolean;
  /** The session's state, for a failed wait's message. */
  describe(): string;
}

export function describePredicate(predicate: ScreenPredicate): string {
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
export function errorFrom(origin: Error, message: string): Error {
  const error = new Error(message);
  const frames = origin.stack?.split('\n').slice(1).join('\n');
  if (frames) error.stack = `Error: ${message}\n${frames}`;
  return error;
}

interface Waiter {
  predicate: ScreenPredicate;
  origin: Error;
  timer: NodeJS.Timeout;
  resolve: (screen: string) => void;
  reject: (error: Error) => void;
}

export class ScreenWaiters {
  private readonly waiters = new Set<Waiter>();
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly context: WaitContext) {}

  /** `origin` is created by the caller, so a failure points at the test's line. */
  wait(predicate: ScreenPredicate, timeoutMs: number, origin: Error): Promise<string> {
    return new Promise<string>((resolvePromise, rejectPromise) => {
      const waiter: Waiter = {
        predicate,
        origin,
        resolve: resolvePromise,
        reject: rejectPromise,
        timer: setTimeout(() => {
          this.settle(waiter);
          rejectPromise(
            errorFrom(
              origin,
              `waitFor(${describePredicate(predicate)}) timed out after ${String(timeoutMs)} ms; ${this.context.describe()}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.poll ??= setInterval(() => this.check(), POLL_MS);
      this.check();
    });
  }

  check(): void {
    if (this.waiters.size === 0) return;
    const finished = this.context.finished();
    if (!this.context.stable() && !finished) return;
    const now = this.context.screen();
    for (const waiter of [...this.waiters]) {
      let ok: boolean;
      try {
        ok = matches(waiter.predicate, now);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (ok) {
        this.settle(waiter);
        waiter.resolve(now);
      } else if (finished) {
        this.settle(waiter);
        waiter.reject(
          errorFrom(
            waiter.origin,
            `waitFor(${describePredicate(waiter.predicate)}): the screen never matched before the child exited; ${this.context.describe()}`,
          ),
        );
      }
    }
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    if (this.waiters.size === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }
}

/** The child's exit status, once reported, and those waiting for it. */
export class ExitWaiters {
  private code: number | undefined;
  private readonly waiting: ((status: number) => void)[] = [];

  get status(): number | undefined {
    return this.code;
  }

  report(status: number): void {
    this.code = status;
    for (const resolveExit of this.waiting.splice(0)) resolveExit(status);
  }

  wait(timeoutMs: number, origin: Error, describe: () => string): Promise<number> {
    if (this.code !== undefined) return Promise.resolve(this.code);
    return new Promise<number>((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(onExit);
        if (index >= 0) this.waiting.splice(index, 1);
        rejectPromise(errorFrom(origin, `waitForExit() timed out after ${String(timeoutMs)} ms; ${describe()}`));
      }, timeoutMs);
      const onExit = (code: number): void => {
        clearTimeout(timer);
        resolvePromise(code);
      };
      this.waiting.push(onExit);
    });
  }
}
