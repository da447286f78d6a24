/**
 * When to poll next. Pure, so the backoff rules can be tested without timers.
 *
 * The visible tab polls at the chosen interval; hidden tabs keep polling, more
 * slowly, so no change is missed. After failures the delay doubles per
 * consecutive failure (with jitter, so many clients do not retry in step) up
 * to a cap, and a server's `Retry-After` is always respected.
 */

export interface PollPolicy {
  intervalMs: number;
  /** Hidden tabs poll this many times less often. */
  hiddenFactor: number;
  /** Longest wait between polls while failing. */
  maxBackoffMs: number;
}

export const DEFAULT_POLICY: PollPolicy = { intervalMs: 5_000, hiddenFactor: 3, maxBackoffMs: 60_000 };

export interface PollState {
  visible: boolean;
  paused: boolean;
  consecutiveFailures: number;
  retryAfterMs?: number | undefined;
}

/** Milliseconds until the next poll, or false for none (paused). `random` in [0, 1) supplies jitter. */
export function nextPollDelay(state: PollState, policy: PollPolicy, random: number = Math.random()): number | false {
  if (state.paused) return false;
  const base = state.visible ? policy.intervalMs : policy.intervalMs * policy.hiddenFactor;
  if (state.consecutiveFailures <= 0) return base;
  const exponential = Math.min(policy.maxBackoffMs, base * 2 ** Math.min(state.consecutiveFailures, 16));
  // Jitter in [75%, 100%] of the step: spread out, never faster than the base interval.
  const jittered = Math.max(base, exponential * (0.75 + 0.25 * random));
  return Math.max(jittered, state.retryAfterMs ?? 0);
}

/** Counts consecutive failures per resource, for backoff and the header's "retrying" state. */
export class FailureTracker<K extends string> {
  private readonly failures = new Map<K, { count: number; retryAfterMs: number | undefined }>();

  recordSuccess(kind: K): void {
    this.failures.delete(kind);
  }

  recordFailure(kind: K, retryAfterMs: number | undefined): void {
    const previous = this.failures.get(kind)?.count ?? 0;
    this.failures.set(kind, { count: previous + 1, retryAfterMs });
  }

  consecutiveFailures(kind: K): number {
    return this.failures.get(kind)?.count ?? 0;
  }

  retryAfterMs(kind: K): number | undefined {
    return this.failures.get(kind)?.retryAfterMs;
  }
}
