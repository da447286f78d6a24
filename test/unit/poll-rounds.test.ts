import { afterEach, describe, expect, it, vi } from 'vitest';
import { alignedDelay, JOIN_MS, MAX_WAIT_MS, PollRounds } from '../../src/data/poll-rounds.js';

describe('alignedDelay', () => {
  it('names the same moment however often it is asked before it', () => {
    const last = 100_030;
    const moments = [100_040, 102_000, 104_999].map((now) => now + alignedDelay(5_000, now, last, false));
    expect(moments).toEqual([105_000, 105_000, 105_000]);
  });

  it('polls at least half an interval after the last poll, on the next whole interval', () => {
    // Polled at 103,000: 105,000 is only 2 s later, so the next is 110,000.
    expect(103_100 + alignedDelay(5_000, 103_100, 103_000, false)).toBe(110_000);
  });

  it('puts lists whose intervals divide each other on the same moments', () => {
    const visible = 120_020 + alignedDelay(5_000, 120_020, 120_010, false);
    const hidden = 120_020 + alignedDelay(15_000, 120_020, 120_010, false);
    expect([visible, hidden]).toEqual([125_000, 135_000]);
    expect(135_000 % 5_000).toBe(0);
  });

  it('answers "now" once its moment has come, until the poll starts, and then the moment after', () => {
    // Asked again exactly at 105,000 (another list's poll rendered first): still due.
    expect(alignedDelay(5_000, 105_000, 100_030, false)).toBe(1);
    expect(alignedDelay(5_000, 105_001, 100_030, true)).toBe(4_999);
  });

  it('polls at once a list that has never polled and is not polling', () => {
    expect(alignedDelay(5_000, 1_000_000, 0, false)).toBe(1);
  });
});

describe('PollRounds', () => {
  afterEach(() => vi.useRealTimers());

  it('lets a poll alone in its round go on at once', async () => {
    let now = 0;
    const rounds = new PollRounds(() => now);
    const done = rounds.join();
    now = 40;
    await expect(done()).resolves.toBeUndefined();
  });

  it('holds the polls that started together until the last of them is in', async () => {
    let now = 0;
    const rounds = new PollRounds(() => now);
    const fast = rounds.join();
    now = 5;
    const slow = rounds.join();
    const order: string[] = [];
    const fastDone = fast().then(() => order.push('fast'));
    await Promise.resolve();
    expect(order).toEqual([]);
    order.push('slow answered');
    const slowDone = slow().then(() => order.push('slow'));
    await Promise.all([fastDone, slowDone]);
    expect(order).toEqual(['slow answered', 'fast', 'slow']);
  });

  it('starts a new round for a poll that starts later than JOIN_MS after the first', async () => {
    let now = 0;
    const rounds = new PollRounds(() => now);
    const first = rounds.join();
    now = JOIN_MS + 1;
    const later = rounds.join();
    // The later poll is in a round of its own: it does not wait for the first.
    await expect(later()).resolves.toBeUndefined();
    await expect(first()).resolves.toBeUndefined();
  });

  it('waits for a slow member of its round no longer than MAX_WAIT_MS', async () => {
    vi.useFakeTimers();
    const rounds = new PollRounds(() => 0);
    const answered = rounds.join();
    rounds.join(); // never answers
    let resumed = false;
    void answered().then(() => (resumed = true));
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS - 1);
    expect(resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resumed).toBe(true);
  });

  it('counts a poll once however often its end is reported', async () => {
    const rounds = new PollRounds(() => 0);
    const a = rounds.join();
    const b = rounds.join();
    let resumed = false;
    void a().then(() => (resumed = true));
    void a();
    await Promise.resolve();
    await Promise.resolve();
    expect(resumed).toBe(false);
    await b();
    expect(resumed).toBe(true);
  });
});
