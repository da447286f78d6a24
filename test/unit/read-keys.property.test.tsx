/**
 * Keys that arrive together act as keys typed apart. Over a slow SSH link a
 * terminal hands several keys over in one read; Ink parses each read (an Esc
 * and the key after it become one "Alt+key"), and cloudtop splits what it
 * gets back into keys (input/read-keys.ts) before the controllers see them.
 *
 * The property: any sequence of keys, cut into reads at random places, ends
 * in the same UI state as the same keys written one read each. The reads go
 * through Ink's own input parsing (ink-testing-library's stdin), not a model
 * of it. Each read is written once the keys before it have all arrived, so
 * a read that ends with Esc stays a read of its own (Ink waits 20 ms for the
 * rest of an escape sequence) however slow the machine.
 *
 * Keys that would start an escape sequence after Esc (`[` and `O`) are left
 * out: `Esc [` and `Esc O` in one read are the start of an arrow key to every
 * terminal program, a limit of the protocol rather than of cloudtop.
 */
import fc from 'fast-check';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { useRef, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { reduceKey } from '../../src/controllers/index.js';
import { readKeys } from '../../src/input/read-keys.js';
import { initialUiState, type UiState } from '../../src/model/ui-state.js';
import { type AnyRow, type ResourceKind } from '../../src/views/index.js';
import { disks, pod, sandboxes } from '../helpers/fixtures.js';
import { keyEnvironment } from '../helpers/keys.js';

const PODS = [pod('p1', { name: 'alpha' }), pod('p2', { name: 'bravo' }), pod('p3', { name: 'charlie' })];
const ITEMS: Record<ResourceKind, readonly AnyRow[]> = {
  disks,
  sandboxes,
  pods: PODS,
  nodes: [],
  history: [],
  availability: [],
};

const ENV = keyEnvironment(ITEMS, { detailLines: () => 10 });

/** Keys as a terminal sends them. */
const KEYS: readonly string[] = [
  '\u001b', // Esc
  '\r', // Enter
  '\u007f', // Backspace
  '\t', // Tab
  '\u001b[A', // ↑
  '\u001b[B', // ↓
  ...'12345/:ajkxe ?lsDy'.split(''),
];

/** Renders the dashboard's input path: each read, split into keys, through the controllers from the state the last key left. */
function Harness({ onKeys }: { onKeys: (state: UiState, endsWithEscape: boolean) => void }): ReactElement {
  const state = useRef(initialUiState({ tab: 'pods', filter: undefined }));
  useInput((input, key) => {
    const keys = readKeys(input, key, state.current.overlay.type === 'filter');
    for (const [one, oneKey] of keys) state.current = reduceKey(state.current, one, oneKey, ENV).state;
    onKeys(state.current, keys.at(-1)?.[1].escape === true);
  });
  return <></>;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const ESC = '\u001b';

/**
 * The state after `reads` (each a list of keys written as one read), each
 * written once the one before it has arrived: Ink hands a read over as it
 * comes, but a read that ends with Esc only after its wait for more.
 */
async function finalState(reads: readonly (readonly string[])[]): Promise<string> {
  let last = initialUiState({ tab: 'pods' });
  let handed = 0;
  let escapeLast = false;
  const app = render(
    <Harness
      onKeys={(state, endsWithEscape) => {
        last = state;
        handed += 1;
        escapeLast = endsWithEscape;
      }}
    />,
  );
  await tick();
  for (const read of reads) {
    const before = handed;
    app.stdin.write(read.join(''));
    while (handed === before || (read.at(-1) === ESC && !escapeLast)) await tick();
  }
  app.unmount();
  return JSON.stringify({ ...last, marked: [...last.marked] });
}

const apart = (keys: readonly string[]): string[][] => keys.map((key) => [key]);

/** Cuts `keys` into reads after the indexes in `cuts`. */
function readsOf(keys: readonly string[], cuts: ReadonlySet<number>): string[][] {
  const reads: string[][] = [];
  let current: string[] = [];
  keys.forEach((key, index) => {
    current.push(key);
    if (cuts.has(index)) {
      reads.push(current);
      current = [];
    }
  });
  if (current.length > 0) reads.push(current);
  return reads;
}

describe('keys read together act as keys typed apart', () => {
  it('Esc then a digit in one read: the filter is cleared and the tab switched', async () => {
    const typedApart = await finalState(apart(['/', 'x', '\r', '\u001b', '4']));
    const together = await finalState([['/'], ['x'], ['\r'], ['\u001b', '4']]);
    expect(JSON.parse(together)).toMatchObject({ tab: 'nodes' });
    expect(JSON.parse(together).tabs.pods.filter.source).toBe('');
    expect(together).toBe(typedApart);
  });

  it('any sequence of keys, cut into reads anywhere between keys, ends in the same state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(11)),
        async (keys, cutAt) => {
          const typedApart = await finalState(apart(keys));
          const together = await finalState(readsOf(keys, new Set(cutAt)));
          expect(together).toBe(typedApart);
        },
      ),
      { numRuns: 60 },
    );
  });
});
