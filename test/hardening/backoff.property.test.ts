/**
 * The polling backoff (src/data/polling.ts) as properties, and the HTTP
 * layer's Retry-After reading: exponential per consecutive failure, jitter
 * only ever between 75% and 100% of a step, never faster than the base
 * interval, never past the cap unless a server's Retry-After asks, and never
 * longer than a timer can hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/api/http/client.js';
import { DEFAULT_POLICY, nextPollDelay, type PollPolicy } from '../../src/data/polling.js';

/** The longest delay a Node timer honours; anything longer runs after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const policy: fc.Arbitrary<PollPolicy> = fc.record({
  intervalMs: fc.integer({ min: 1_000, max: 3_600_000 }),
  hiddenFactor: fc.integer({ min: 1, max: 5 }),
  maxBackoffMs: fc.integer({ min: 1_000, max: 600_000 }),
});
/** As the FailureTracker reports it: a Retry-After only comes with a failure. */
const state = fc
  .record({
    visible: fc.boolean(),
    paused: fc.constant(false),
    consecutiveFailures: fc.integer({ min: 0, max: 1_000 }),
    retryAfterMs: fc.option(fc.integer({ min: 0, max: MAX_RETRY_AFTER_MS }), { nil: undefined }),
  })
  .map((s) => (s.consecutiveFailures === 0 ? { ...s, retryAfterMs: undefined } : s));
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('nextPollDelay', () => {
  it('stays between the base interval (or Retry-After) and the larger of the cap and Retry-After, jitter within 75-100% of the step', () => {
    fc.assert(
      fc.property(policy, state, random, (p, s, r) => {
        const delay = nextPollDelay(s, p, r) as number;
        const base = s.visible ? p.intervalMs : p.intervalMs * p.hiddenFactor;
        const step =
          s.consecutiveFailures > 0 ? Math.min(p.maxBackoffMs, base * 2 ** Math.min(s.consecutiveFailures, 16)) : base;
        expect(delay).toBeGreaterThanOrEqual(
          Math.max(base, s.retryAfterMs ?? 0, s.consecutiveFailures > 0 ? 0.75 * step : 0),
        );
        expect(delay).toBeLessThanOrEqual(Math.max(base, step, s.retryAfterMs ?? 0));
        expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
      }),
      { numRuns: 3000 },
    );
  });

  it('never shrinks as failures add up (for the same jitter), and is exactly the base interval when healthy', () => {
    fc.assert(
      fc.property(policy, fc.boolean(), random, fc.integer({ min: 0, max: 40 }), (p, visible, r, n) => {
        const at = (failures: number) =>
          nextPollDelay({ visible, paused: false, consecutiveFailures: failures }, p, r) as number;
        expect(at(n + 1)).toBeGreaterThanOrEqual(at(n));
        expect(at(0)).toBe(visible ? p.intervalMs : p.intervalMs * p.hiddenFactor);
      }),
      { numRuns: 2000 },
    );
  });

  it('at the default policy: 7.5-10 s, 15-20 s, 30-40 s, then 45-60 s', () => {
    const range = (failures: number) =>
      [0, 0.999999].map(
        (r) =>
          nextPollDelay({ visible: true, paused: false, consecutiveFailures: failures }, DEFAULT_POLICY, r) as number,
      );
    expect(range(1)).toEqual([7_500, expect.closeTo(10_000, 0)]);
    expect(range(2)).toEqual([15_000, expect.closeTo(20_000, 0)]);
    expect(range(3)).toEqual([30_000, expect.closeTo(40_000, 0)]);
    expect(range(4)).toEqual([45_000, expect.closeTo(60_000, 0)]);
    expect(range(50)).toEqual([45_000, expect.closeTo(60_000, 0)]);
    expect(nextPollDelay({ visible: true, paused: true, consecutiveFailures: 3 }, DEFAULT_POLICY)).toBe(false);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, ignores nonsense, and never asks for more than an hour', () => {
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('-1')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('2600000')).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('1e308')).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Date(Date.now() + 90 * 86_400_000).toUTCString())).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Date(Date.now() - 60_000).toUTCString())).toBe(0);
    fc.assert(
      fc.property(fc.string(), (value) => {
        const ms = retryAfterMs(value.replace(/[\r\n\0]/g, ''));
        if (ms !== undefined) expect(ms).toBeGreaterThanOrEqual(0);
        if (ms !== undefined) expect(ms).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
      }),
      { numRuns: 1000 },
    );
  });

  it('whatever a server sends, the next poll fits in a timer', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0 }).map(String), fc.double({ min: 0, noNaN: true }).map(String)),
        state,
        (value, s) => {
          const delay = nextPollDelay({ ...s, retryAfterMs: retryAfterMs(value) }, DEFAULT_POLICY) as number;
          expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
