/**
 * When to poll next. Pure, so the backoff rules can be tested without timers.
 *
 * The visible tab polls at the chosen interval; hidden tabs keep polling, more
 * slowly, so no change is missed. After failures the delay doubles per
 * consecutive failure (with jitter, so many clients do not retry in step) up
 * to a cap, and a server's `Retry-After` is always respected.
 *
 * A list whose endpoint has a documented rate limit never polls faster than
 * keeps it within a share of that limit (RATE_SHARE, 10%), however many pages
 * it needs: one poll of 10,000 sandboxes is 10 requests (1,000 per page), so
 * at the 5 s default it would be 120 requests a minute, 12% of the documented
 * 1,000 a minute per token, leaving the person's other tools (the `prime` CLI,
 * scripts, a second cloudtop) little room. Such a list instead polls every
 * `pages × 60 s / (1,000 × 10% × 90%)`: 6.7 s for 10 pages (90 a minute), 15 s
 * when hidden, as before. The 90% is headroom for timer jitter and the first
 * poll. Lists of one page are unaffected.
 *
 * A view may also set its own pace (ResourceView.pace), a floor under the
 * interval. The offers of the Availability tab poll every 60 s while shown
 * and every 5 minutes while hidden. Their endpoints (`/availability/gpus`
 * and `/availability/multi-node`) document no rate limit: the docs and the
 * published OpenAPI give limits for the sandbox, image and tunnel endpoints
 * only, and the official client neither retries nor backs off there. With
 * no limit to keep within a share of, the pace follows the list: stock and
 * prices move over minutes, and one poll is at least two requests (a page
 * of up to 100 offers per endpoint; some 14 for 600 offers of each kind). At
 * the 5 s default that would be 24 to 170 requests a minute for a list that
 * seldom changes between two of them; at 60 s it is 2 to 14, and a watch
 * (src/filter/watch.ts) still hears within the minute. Both endpoints'
 * requests count as the list's pages (ListResult.pages), so a limit
 * documented later needs only its entry in DOCUMENTED_LIST_LIMITS.
 */
import type { PollPace, ResourceKind } from '../views/resource.js';

/** A list endpoint's documented rate limit, and how many items one request returns. */
export interface ListRateLimit {
  requests: number;
  windowMs: number;
  pageSize: number;
}

/**
 * Documented limits (the Prime docs' "List Sandboxes" page): only the sandbox list has one,
 * "1000 requests per 60 seconds per IP and token", at up to 1,000 per page.
 */
export const DOCUMENTED_LIST_LIMITS: Partial<Record<ResourceKind, ListRateLimit>> = {
  sandboxes: { requests: 1_000, windowMs: 60_000, pageSize: 1_000 },
};

/** The share of a documented rate limit that polling may use. */
export const RATE_SHARE = 0.1;
/** Aim this far below the share, so jitter and the first poll never cross it. */
const RATE_HEADROOM = 0.9;

export interface PollPolicy {
  intervalMs: number;
  /** Hidden tabs poll this many times less often. */
  hiddenFactor: number;
  /** Longest wait between polls while failing. */
  maxBackoffMs: number;
  /** Rate limits polling stays within RATE_SHARE of; default DOCUMENTED_LIST_LIMITS. Tests scale them with the interval. */
  listLimits?: Partial<Record<ResourceKind, ListRateLimit>>;
}

export const DEFAULT_POLICY: PollPolicy = { intervalMs: 5_000, hiddenFactor: 3, maxBackoffMs: 60_000 };

export interface PollState {
  visible: boolean;
  paused: boolean;
  consecutiveFailures: number;
  retryAfterMs?: number | undefined;
  /** Shortest interval the list's rate limit allows (see rateLimitedInterval); 0 when it has none. */
  minIntervalMs?: number | undefined;
  /** A slow-moving list polls every this many intervals, shown or hidden (ResourceView.slowPoll). */
  slowFactor?: number | undefined;
  /** The list's own floor, shown and hidden (ResourceView.pace). */
  pace?: PollPace | undefined;
}

/**
 * The shortest poll interval that keeps a list of `items` within RATE_SHARE
 * of its endpoint's rate limit, or 0 when the endpoint documents none.
 * `requestsPerPoll`, when known (the last poll's page count), wins over the
 * count the documented page size implies: a server may give smaller pages.
 */
export function rateLimitedInterval(limit: ListRateLimit | undefined, items: number, requestsPerPoll?: number): number {
  if (!limit || limit.requests <= 0) return 0;
  const requests = Math.max(1, requestsPerPoll ?? Math.ceil(items / Math.max(1, limit.pageSize)));
  return Math.ceil((requests * limit.windowMs) / (limit.requests * RATE_SHARE * RATE_HEADROOM));
}

/** Milliseconds until the next poll, or false for none (paused). `random` in [0, 1) supplies jitter. */
export function nextPollDelay(state: PollState, policy: PollPolicy, random: number = Math.random()): number | false {
  if (state.paused) return false;
  const chosen = state.visible ? policy.intervalMs : policy.intervalMs * policy.hiddenFactor;
  const paced = state.pace === undefined ? 0 : state.visible ? state.pace.visibleMs : state.pace.hiddenMs;
  const base = Math.max(chosen, policy.intervalMs * (state.slowFactor ?? 1), state.minIntervalMs ?? 0, paced);
  if (state.consecutiveFailures <= 0) return base;
  const exponential = Math.min(policy.maxBackoffMs, base * 2 ** Math.min(state.consecutiveFailures, 16));
  // Jitter in [75%, 100%] of the step: spread out, never faster than the base interval.
  const jittered = Math.max(base, exponential * (0.75 + 0.25 * random));
  // Node fires a timer longer than 2^31-1 ms at once: clamp, or a huge Retry-After becomes a storm.
  return Math.min(MAX_TIMER_MS, Math.max(jittered, state.retryAfterMs ?? 0));
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Counts consecutive failures per resource, for backoff and the header's "retrying" state. */
export class FailureTracker<K extends string> {
  private readonly failures = new Map<K, { count: number; retryAfterMs: number | undefined; jitter: number }>();

  recordSuccess(kind: K): void {
    this.failures.delete(kind);
  }

  /**
   * The jitter is drawn once per failure and kept: react-query re-evaluates the
   * poll delay on every render and restarts its timer when the value changes,
   * so a fresh random number each time would push a failing tab's next poll
   * back for ever while anything else on screen re-renders.
   */
  recordFailure(kind: K, retryAfterMs: number | undefined, random: number = Math.random()): void {
    const previous = this.failures.get(kind)?.count ?? 0;
    this.failures.set(kind, { count: previous + 1, retryAfterMs, jitter: random });
  }

  /** The jitter drawn at the last failure, for nextPollDelay. */
  jitter(kind: K): number {
    return this.failures.get(kind)?.jitter ?? 0;
  }

  consecutiveFailures(kind: K): number {
    return this.failures.get(kind)?.count ?? 0;
  }

  retryAfterMs(kind: K): number | undefined {
    return this.failures.get(kind)?.retryAfterMs;
  }
}
