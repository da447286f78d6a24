import { describe, expect, it } from 'vitest';
import { FailureTracker, nextPollDelay, type PollPolicy } from '../../src/data/polling.js';

const policy: PollPolicy = { intervalMs: 5_000, hiddenFactor: 3, maxBackoffMs: 60_000 };

describe('nextPollDelay', () => {
  it('polls the visible tab at the interval and hidden tabs more slowly', () => {
    expect(nextPollDelay({ visible: true, paused: false, consecutiveFailures: 0 }, policy)).toBe(5_000);
    expect(nextPollDelay({ visible: false, paused: false, consecutiveFailures: 0 }, policy)).toBe(15_000);
  });

  it('stops while paused', () => {
    expect(nextPollDelay({ visible: true, paused: true, consecutiveFailures: 3 }, policy)).toBe(false);
  });

  it('backs off exponentially with jitter, never below the interval, up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 10].map((failures) =>
      nextPollDelay({ visible: true, paused: false, consecutiveFailures: failures }, policy, 1),
    );
    expect(delays).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    const low = nextPollDelay({ visible: true, paused: false, consecutiveFailures: 1 }, policy, 0);
    expect(low).toBe(7_500);
  });

  it('respects Retry-After even beyond the cap', () => {
    expect(
      nextPollDelay({ visible: true, paused: false, consecutiveFailures: 1, retryAfterMs: 120_000 }, policy, 0.5),
    ).toBe(120_000);
  });

  it('bounds requests during a long outage', () => {
    // A 60 s outage at the default interval: sum the waits until 60 s pass.
    let elapsed = 0;
    let polls = 0;
    for (let failures = 0; elapsed < 60_000; failures++) {
      elapsed += nextPollDelay({ visible: true, paused: false, consecutiveFailures: failures }, policy, 0) as number;
      polls++;
    }
    expect(polls).toBeLessThanOrEqual(6);
  });
});

describe('FailureTracker', () => {
  it('counts consecutive failures and resets on success', () => {
    const tracker = new FailureTracker<'pods'>();
    tracker.recordFailure('pods', undefined);
    tracker.recordFailure('pods', 3000);
    expect(tracker.consecutiveFailures('pods')).toBe(2);
    expect(tracker.retryAfterMs('pods')).toBe(3000);
    tracker.recordSuccess('pods');
    expect(tracker.consecutiveFailures('pods')).toBe(0);
  });
});
