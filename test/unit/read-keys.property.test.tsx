/**
 * Keys that arrive together act as keys typed apart. Over a slow SSH link a
 * terminal hands several keys over in one read; Ink parses each read (an Esc
 * and the key after it become one "Alt+key"), and cloudtop splits what it
 * gets back into keys (input/read-keys.ts) before the controllers see them.
 *
 * The property: any sequence of keys, cut into reads at random places, ends
 * in the same UI state as the same keys written one read each. The reads go
 * through Ink's own input parsing (ink-testing-library's stdin), not a model
 * of it. A read that ends with Esc is followed by a pause longer than Ink's
 * 20 ms wait for the rest of an escape sequence, as a separate read would be.
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
import { reduceKey, type KeyEnvironment, type TabContext } from '../../src/controllers/index.js';
import { readKeys } from '../../src/input/read-keys.js';
import { initialUiState, type UiState } from '../../src/model/ui-state.js';
import { viewFor, type AnyRow, type ResourceKind } from '../../src/views/index.js';
import { disks, pod, sandboxes } from '../helpers/fixtures.js';

const PODS = [pod('p1', { name: 'alpha' }), pod('p2', { name: 'bravo' }), pod('p3', { name: 'charlie' })];
const ITEMS: Record<ResourceKind, readonly AnyRow[]> = {
  disks,
  sandboxes,
  pods: PODS,
  nodes: [],
  history: [],
  availability: [],
};

const ENV: KeyEnvironment = {
  tab(state: UiState): TabContext {
    const view = viewFor(state.tab);
    const rows = ITEMS[state.tab];
    const asked = state.tabs[state.tab].selectedId;
    const selectedId = rows.some((row) => view.getId(row) === asked) ? asked : rows[0] ? view.getId(rows[0]) : null;
    return { view, rows, items: rows, selectedId, ghostIds: new Set(), visibleColumnIds: ['name', 'status'] };
  },
  bodyHeight: 20,
  detailEntries: () => 10,
  eventCount: 5,
  readOnly: false,
  canRun: () => true,
  nameOf: () => undefined,
  log: () => null,
  accounts: { teams: [], contexts: [] },
};

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
function Harness({ onState }: { onState: (state: UiState) => void }): ReactElement {
  const state = useRef(initialUiState({ tab: 'pods', filter: undefined }));
  useInput((input, key) => {
    for (const [one, oneKey] of readKeys(input, key, state.current.overlay.type === 'filter')) {
      state.current = reduceKey(state.current, one, oneKey, ENV).state;
    }
    onState(state.current);
  });
  return <></>;
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than Ink's wait for the rest of an escape sequence (20 ms). */
const ESCAPE_FLUSH_MS = 30;

async function finalState(reads: readonly string[]): Promise<string> {
  let last = initialUiState({ tab: 'pods' });
  const app = render(<Harness onState={(state) => (last = state)} />);
  await tick();
  for (const read of reads) {
    app.stdin.write(read);
    await tick(read.endsWith('\u001b') ? ESCAPE_FLUSH_MS : 0);
  }
  app.unmount();
  return JSON.stringify({ ...last, marked: [...last.marked] });
}

/** Cuts `keys` into reads after the indexes in `cuts`. */
function readsOf(keys: readonly string[], cuts: ReadonlySet<number>): string[] {
  const reads: string[] = [];
  let current = '';
  keys.forEach((key, index) => {
    current += key;
    if (cuts.has(index)) {
      reads.push(current);
      current = '';
    }
  });
  if (current) reads.push(current);
  return reads;
}

describe('keys read together act as keys typed apart', () => {
  it('Esc then a digit in one read: the filter is cleared and the tab switched', async () => {
    const typedApart = await finalState(['/', 'x', '\r', '\u001b', '4']);
    const together = await finalState(['/', 'x', '\r', '\u001b4']);
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
          const apart = await finalState(keys);
          const together = await finalState(readsOf(keys, new Set(cutAt)));
          expect(together).toBe(apart);
        },
      ),
      { numRuns: 60 },
    );
  });
});
