/**
 * The log pane's buffer: fetches of a growing log laid end to end without
 * repeating or losing lines, a marker where two fetches do not meet, lines
 * cleaned once, and a hard bound on what is kept however long it follows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuation, GAP_MARKER, LogBuffer, MAX_LOG_LINES } from '../../src/data/log-buffer.js';

describe('continuation', () => {
  it('finds what a fetch adds after the last one: all of it grown (sandboxes), or a later window (pods)', () => {
    expect(continuation(['a', 'b', 'c'], ['a', 'b', 'c', 'd'])).toEqual(['d']);
    expect(continuation(['a', 'b', 'c', 'd'], ['c', 'd', 'e', 'f'])).toBeNull(); // only 2 shared: too few to trust
    expect(continuation(['a', 'b', 'c', 'd', 'e'], ['c', 'd', 'e', 'f', 'g'])).toEqual(['f', 'g']);
    expect(continuation(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([]);
    expect(continuation(['x', 'y', 'z'], ['p', 'q', 'r'])).toBeNull();
    expect(continuation([], ['a'])).toEqual(['a']);
  });

  it('does not take repeated lines for new ones when the whole log is fetched again', () => {
    expect(continuation(['tick', 'tick', 'tick'], ['tick', 'tick', 'tick', 'tick'])).toEqual(['tick']);
  });

  it('rebuilds a log exactly from overlapping windows of its distinct lines, however they step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }),
        (window, steps) => {
          const log = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
          const buffer = new LogBuffer();
          let end = 0;
          for (const step of steps) {
            // A step shorter than the window minus the anchor keeps the windows overlapping enough.
            end = Math.min(log.length, end + Math.min(step, window - 3));
            buffer.take(log.slice(Math.max(0, end - window), end));
          }
          expect(buffer.lines).toEqual(log.slice(firstWindowStart(steps, window), end));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Where the first non-empty window began: the buffer starts there. */
function firstWindowStart(steps: readonly number[], window: number): number {
  const end = steps.map((step) => Math.min(step, window - 3)).find((step) => step > 0) ?? 0;
  return Math.max(0, end - window);
}

describe('LogBuffer', () => {
  it('marks a gap when a fetch does not continue the last one, then goes on from it', () => {
    const buffer = new LogBuffer();
    buffer.take(['a', 'b', 'c']);
    buffer.take(['x', 'y', 'z']);
    expect(buffer.lines).toEqual(['a', 'b', 'c', GAP_MARKER, 'x', 'y', 'z']);
  });

  it('cleans each line once: escape sequences gone, tabs as spaces, nothing that moves the cursor', () => {
    const buffer = new LogBuffer();
    buffer.take(['\u001b[31mERROR\u001b[0m\tdisk full', '\u001b]0;pwned\u0007title', 'a\rb', '\u009b2Jc1']);
    expect(buffer.lines).toEqual(['ERROR    disk full', 'title', 'a b', 'c1']);
  });

  it('keeps at most its bound, numbering lines so that a line keeps its number as older ones go', () => {
    const buffer = new LogBuffer(100);
    for (let round = 0; round < 50; round++)
      buffer.take(Array.from({ length: 20 * (round + 1) }, (_, i) => `line ${i}`));
    expect(buffer.lines.length).toBeLessThanOrEqual(110);
    expect(buffer.end).toBe(1000);
    expect(buffer.lines.at(-1)).toBe('line 999');
    expect(buffer.lines[0]).toBe(`line ${buffer.first}`);
    // One fetch larger than the bound keeps its newest lines.
    const flood = new LogBuffer(10);
    flood.take(Array.from({ length: 25 }, (_, i) => `n${i}`));
    expect(flood.lines).toEqual(Array.from({ length: 10 }, (_, i) => `n${i + 15}`));
    expect(flood.first).toBe(15);
    expect(MAX_LOG_LINES).toBe(10_000);
  });
});
