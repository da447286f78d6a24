import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from '../../src/util/pool.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('gives results in input order, whatever order the calls finish in', async () => {
    const delays = [30, 5, 20, 1, 10, 0];
    const results = await mapWithConcurrency(delays, 3, async (ms, index) => {
      await tick(ms);
      return `${index}:${ms}`;
    });
    expect(results).toEqual(delays.map((ms, index) => `${index}:${ms}`));
  });

  it('keeps at most `limit` calls in flight, and uses all of them', async () => {
    let inFlight = 0;
    let peak = 0;
    await mapWithConcurrency(
      Array.from({ length: 12 }, (_, i) => i),
      4,
      async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await tick(2);
        inFlight -= 1;
      },
    );
    expect(peak).toBe(4);
  });

  it('runs one at a time for a limit below one, and nothing for no items', async () => {
    const started: number[] = [];
    expect(await mapWithConcurrency([1, 2, 3], 0, async (n) => (started.push(n), n * 2))).toEqual([2, 4, 6]);
    expect(started).toEqual([1, 2, 3]);
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });

  it('rejects with the first failure', async () => {
    const failing = mapWithConcurrency([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error(`no ${n}`);
      await tick(5);
      return n;
    });
    await expect(failing).rejects.toThrow('no 2');
  });
});
