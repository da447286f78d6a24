/**
 * A view's own pace (ResourceView.pace): the offers poll every 60 s shown
 * and every 5 minutes hidden, whatever the interval, and their requests, two
 * endpoints' pages, are what the rate-limit planner counts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, DOCUMENTED_LIST_LIMITS, nextPollDelay, rateLimitedInterval } from '../../src/data/polling.js';
import { VIEWS } from '../../src/views/index.js';

const pace = VIEWS.availability.pace;

describe('the offers’ pace', () => {
  it('is 60 s while shown and 5 minutes while hidden, at the default interval', () => {
    expect(pace).toEqual({ visibleMs: 60_000, hiddenMs: 300_000 });
    const at = (visible: boolean) =>
      nextPollDelay({ visible, paused: false, consecutiveFailures: 0, pace }, DEFAULT_POLICY);
    expect(at(true)).toBe(60_000);
    expect(at(false)).toBe(300_000);
  });

  it('is a floor: a slower interval wins, and backing off after failures never polls faster', () => {
    const slow = { ...DEFAULT_POLICY, intervalMs: 120_000 };
    expect(nextPollDelay({ visible: true, paused: false, consecutiveFailures: 0, pace }, slow)).toBe(120_000);
    for (let failures = 1; failures < 6; failures++)
      expect(
        nextPollDelay({ visible: true, paused: false, consecutiveFailures: failures, pace }, DEFAULT_POLICY, 0),
      ).toBeGreaterThanOrEqual(60_000);
    expect(nextPollDelay({ visible: true, paused: true, consecutiveFailures: 0, pace }, DEFAULT_POLICY)).toBe(false);
  });

  it('no other tab is paced, and the offers have no documented limit to plan by', () => {
    for (const view of Object.values(VIEWS)) if (view.kind !== 'availability') expect(view.pace).toBeUndefined();
    expect(DOCUMENTED_LIST_LIMITS.availability).toBeUndefined();
  });

  it('counts both endpoints’ requests, should a limit be documented: the pages of a poll, not its items', () => {
    const limit = { requests: 100, windowMs: 60_000, pageSize: 100 };
    // 4 offers a page would be 1 request by the page size; the list says it took 2 + 3 pages.
    expect(rateLimitedInterval(limit, 400, 5)).toBe(rateLimitedInterval(limit, 500));
    expect(rateLimitedInterval(limit, 400, 5)).toBeGreaterThan(rateLimitedInterval(limit, 400));
  });
});
