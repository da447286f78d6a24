import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compareSortValues, naturalCompare, renderCell, sortRows, type Column } from '../../src/views/table/columns.js';
import { moveSelection, reconcileSelection, windowStart } from '../../src/views/table/selection.js';

interface Pod {
  id: string;
  name: string;
  status: string;
  gpus: number | null;
  provider: string;
  region: string;
  price: number;
  labels: string;
  age: string;
}

// Shaped like a real resource view: two flexible columns, the rest fixed, with "wide" columns at higher priority numbers.
const podColumns: Column<Pod>[] = [
  { id: 'name', title: 'NAME', minWidth: 12, maxWidth: 40, priority: 0, render: (p) => p.name },
  { id: 'status', title: 'STATUS', width: 12, priority: 0, render: (p) => p.status },
  {
    id: 'gpus',
    title: 'GPUS',
    width: 5,
    align: 'right',
    priority: 1,
    render: (p) => String(p.gpus ?? ''),
    sortValue: (p) => p.gpus,
  },
  { id: 'provider', title: 'PROVIDER', width: 10, priority: 2, render: (p) => p.provider },
  { id: 'region', title: 'REGION', width: 12, priority: 3, render: (p) => p.region },
  {
    id: 'price',
    title: '$/HR',
    width: 7,
    align: 'right',
    priority: 2,
    render: (p) => p.price.toFixed(2),
    sortValue: (p) => p.price,
  },
  { id: 'labels', title: 'LABELS', minWidth: 10, priority: 4, render: (p) => p.labels },
  { id: 'age', title: 'AGE', width: 5, align: 'right', priority: 0, render: (p) => p.age },
];

describe('renderCell and sorting', () => {
  const pod = (id: string, gpus: number | null, name = id): Pod => ({
    id,
    name,
    status: 'ACTIVE',
    gpus,
    provider: 'x',
    region: 'r',
    price: 1,
    labels: '',
    age: '1m',
  });

  it('sanitizes rendered strings and Cell text, keeping the style', () => {
    const column: Column<Pod> = {
      id: 'n',
      title: 'N',
      priority: 0,
      render: (p) => ({ text: `${p.name}\u001b[2J`, color: 'failed' }),
    };
    expect(renderCell(column, pod('a', 1))).toEqual({ text: 'a', color: 'failed' });
    expect(renderCell(podColumns[0]!, pod('a', 1, 'x\u001b]0;t\u0007y'))).toEqual({ text: 'xy' });
  });

  it('a throwing renderer gives an empty cell', () => {
    const column: Column<Pod> = {
      id: 'n',
      title: 'N',
      priority: 0,
      render: () => {
        throw new Error('bad row');
      },
    };
    expect(renderCell(column, pod('a', 1))).toEqual({ text: '' });
  });

  it('compares numbers numerically, strings naturally, nulls last', () => {
    expect([10, 9, null, 100].sort(compareSortValues)).toEqual([9, 10, 100, null]);
    expect(['pod-10', 'pod-9', 'Pod-1'].sort(compareSortValues)).toEqual(['Pod-1', 'pod-9', 'pod-10']);
  });

  it('orders names as people read them: case aside, numbers by value, leading zeros ignored', () => {
    const names = [
      'gpu-node-100',
      'GPU-node-20',
      'gpu-node-3',
      'gpu-node-003b',
      'gpu',
      'gpu-node-3a',
      'Alpha',
      'alpha-2',
      'beta',
    ];
    expect([...names].sort(naturalCompare)).toEqual([
      'Alpha',
      'alpha-2',
      'beta',
      'gpu',
      'gpu-node-3',
      'gpu-node-3a',
      'gpu-node-003b',
      'GPU-node-20',
      'gpu-node-100',
    ]);
    expect(naturalCompare('run-007', 'run-7')).toBe(0);
    expect(naturalCompare('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
  });

  it('natural order is a consistent order for any strings (antisymmetric and transitive)', () => {
    const text = fc.stringMatching(/^[a-zA-Z0-9._ -]{0,8}$/);
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(Math.sign(naturalCompare(a, b))).toBe(-Math.sign(naturalCompare(b, a)) || 0);
        if (naturalCompare(a, b) <= 0 && naturalCompare(b, c) <= 0) expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('sortRows uses sortValue, is stable by id and keeps missing values last both ways', () => {
    const rows = [pod('c', 2), pod('a', null), pod('b', 8), pod('d', 2)];
    const byId = { getId: (p: Pod) => p.id };
    const asc = sortRows(rows, podColumns, { columnId: 'gpus', descending: false }, byId);
    expect(asc.map((p) => p.id)).toEqual(['c', 'd', 'b', 'a']);
    const desc = sortRows(rows, podColumns, { columnId: 'gpus', descending: true }, byId);
    expect(desc.map((p) => p.id)).toEqual(['b', 'c', 'd', 'a']);
    // default sort value is the rendered text
    const byName = sortRows(
      [pod('x', 1, 'pod-10'), pod('y', 1, 'pod-9')],
      podColumns,
      { columnId: 'name', descending: false },
      byId,
    );
    expect(byName.map((p) => p.id)).toEqual(['y', 'x']);
    expect(sortRows(rows, podColumns, undefined, byId)).toEqual(rows);
  });

  it('breaks ties by name, then id, the same way in both directions, so equal rows never shuffle', () => {
    const rows = [pod('3', 1, 'beta'), pod('1', 1, 'gamma'), pod('2', 1, 'alpha'), pod('0', 1, 'alpha')];
    const identity = { getId: (p: Pod) => p.id, getName: (p: Pod) => p.name };
    for (const descending of [false, true]) {
      const sorted = sortRows(rows, podColumns, { columnId: 'gpus', descending }, identity);
      expect(sorted.map((p) => `${p.name}/${p.id}`)).toEqual(['alpha/0', 'alpha/2', 'beta/3', 'gamma/1']);
    }
  });

  it('reads hexadecimal suffixes as text, not numbers: names as they read, then numbers before them', () => {
    expect(['bench-3f11', 'bench-35c6', 'bench-3303'].sort(naturalCompare)).toEqual([
      'bench-3303',
      'bench-35c6',
      'bench-3f11',
    ]);
    // A UUID's parts are not numbers either; a name with a number and a letter is.
    expect(naturalCompare('9939cf79-6f9d', '10aa0000-0000')).toBeGreaterThan(0);
    expect(['llama3-70b', 'llama3-8b', 'a100', 'a40'].sort(naturalCompare)).toEqual([
      'a40',
      'a100',
      'llama3-8b',
      'llama3-70b',
    ]);
  });
});

describe('windowStart', () => {
  it('keeps the previous start while the selection is visible', () => {
    expect(windowStart(12, 10, 5, 100)).toBe(10);
    expect(windowStart(10, 10, 5, 100)).toBe(10);
    expect(windowStart(14, 10, 5, 100)).toBe(10);
  });

  it('scrolls minimally to show the selection', () => {
    expect(windowStart(15, 10, 5, 100)).toBe(11);
    expect(windowStart(40, 10, 5, 100)).toBe(36);
    expect(windowStart(9, 10, 5, 100)).toBe(9);
    expect(windowStart(0, 10, 5, 100)).toBe(0);
  });

  it('clamps at the end so there is no empty space at the bottom', () => {
    expect(windowStart(99, 0, 5, 100)).toBe(95);
    expect(windowStart(97, 98, 5, 100)).toBe(95); // rows were removed below the window
    expect(windowStart(2, 7, 5, 4)).toBe(0); // fewer rows than lines
  });

  it('stays put when the selection is not in rows', () => {
    expect(windowStart(-1, 30, 5, 100)).toBe(30);
    expect(windowStart(-1, 99, 5, 100)).toBe(95);
  });

  it('handles nothing to show', () => {
    expect(windowStart(0, 3, 0, 100)).toBe(0);
    expect(windowStart(-1, 3, 5, 0)).toBe(0);
  });
});

describe('moveSelection', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}` }));
  const getId = (r: { id: string }): string => r.id;

  it('moves one row, a page, or to the ends, clamped', () => {
    expect(moveSelection(rows, getId, 'r3', 'up', 4)).toBe('r2');
    expect(moveSelection(rows, getId, 'r3', 'down', 4)).toBe('r4');
    expect(moveSelection(rows, getId, 'r0', 'up', 4)).toBe('r0');
    expect(moveSelection(rows, getId, 'r9', 'down', 4)).toBe('r9');
    expect(moveSelection(rows, getId, 'r3', 'pageDown', 4)).toBe('r7');
    expect(moveSelection(rows, getId, 'r7', 'pageDown', 4)).toBe('r9');
    expect(moveSelection(rows, getId, 'r3', 'pageUp', 4)).toBe('r0');
    expect(moveSelection(rows, getId, 'r5', 'top', 4)).toBe('r0');
    expect(moveSelection(rows, getId, 'r5', 'bottom', 4)).toBe('r9');
  });

  it('from no selection (or a stale one) lands on the first row, or the last for bottom', () => {
    expect(moveSelection(rows, getId, null, 'down', 4)).toBe('r0');
    expect(moveSelection(rows, getId, 'gone', 'pageDown', 4)).toBe('r0');
    expect(moveSelection(rows, getId, null, 'bottom', 4)).toBe('r9');
  });

  it('returns null with no rows', () => {
    expect(moveSelection([], getId, 'r1', 'down', 4)).toBeNull();
  });
});

describe('reconcileSelection', () => {
  const getId = (r: { id: string }): string => r.id;
  const rows = (...names: string[]): { id: string }[] => names.map((id) => ({ id }));

  it('keeps the id while it exists, wherever it moved', () => {
    expect(reconcileSelection(rows('a', 'b', 'c'), rows('c', 'b', 'a'), getId, 'a')).toBe('a');
  });

  it('when the selected row vanished, selects the row now at its old position', () => {
    expect(reconcileSelection(rows('a', 'b', 'c', 'd'), rows('a', 'b', 'd'), getId, 'c')).toBe('d');
    expect(reconcileSelection(rows('a', 'b', 'c', 'd'), rows('a', 'b', 'c'), getId, 'd')).toBe('c');
    expect(reconcileSelection(rows('a', 'b', 'c', 'd'), rows('x'), getId, 'c')).toBe('x');
  });

  it('selects the first row when nothing was selected or the id was never seen', () => {
    expect(reconcileSelection([], rows('a', 'b'), getId, null)).toBe('a');
    expect(reconcileSelection(rows('a'), rows('a', 'b'), getId, 'zzz')).toBe('a');
  });

  it('selects nothing when there are no rows', () => {
    expect(reconcileSelection(rows('a'), [], getId, 'a')).toBeNull();
    expect(reconcileSelection([], [], getId, null)).toBeNull();
  });
});
