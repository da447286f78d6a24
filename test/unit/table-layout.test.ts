/**
 * How a table shares its width (views/table/layout.ts): columns as wide as
 * their content, optional ones dropped before an important one is cut hard,
 * room left over to columns their cap cut short, and the position counter's
 * room kept at the right end of the header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/views/table/columns.js';
import {
  ContentWidths,
  fitTable,
  layoutColumns,
  layoutWidth,
  minWidthOf,
  positionReserve,
  type LaidOutColumn,
} from '../../src/views/table/layout.js';

interface Row {
  id: string;
  name: string;
  status: string;
  image: string;
  provider: string;
  age: string;
}

const columns: Column<Row>[] = [
  { id: 'name', title: 'NAME', minWidth: 10, maxWidth: 48, priority: 0, render: (r) => r.name },
  { id: 'status', title: 'STATUS', minWidth: 12, maxWidth: 28, priority: 0, render: (r) => r.status },
  { id: 'image', title: 'IMAGE', minWidth: 12, maxWidth: 24, priority: 2, render: (r) => r.image },
  { id: 'provider', title: 'PROVIDER', minWidth: 8, maxWidth: 16, priority: 3, render: (r) => r.provider },
  { id: 'price', title: '$/HR', width: 7, align: 'right', priority: 1, render: () => '$1.00' },
  { id: 'age', title: 'AGE', width: 5, align: 'right', priority: 0, render: (r) => r.age },
];

const rows: Row[] = [
  {
    id: '1',
    name: 'llama3-8b-distill',
    status: 'ACTIVE',
    image: 'nvidia/cuda:12.4.1-runtime-ubuntu22.04',
    provider: 'primecompute',
    age: '3d',
  },
  {
    id: '2',
    name: 'llama3-8b-distill-7',
    status: 'STOPPED',
    image: 'ubuntu:22.04',
    provider: 'runpod',
    age: '44h',
  },
];

const measured = new ContentWidths<Row>().measure(rows, columns);
const ids = (laidOut: LaidOutColumn<Row>[]): string[] => laidOut.map((c) => c.column.id);
const widthOf = (laidOut: LaidOutColumn<Row>[], id: string): number | undefined =>
  laidOut.find((c) => c.column.id === id)?.width;

describe('layoutColumns', () => {
  it('makes each column as wide as its widest cell (or its title and sort arrow), within its bounds', () => {
    const laidOut = layoutColumns(columns, 200, 1, measured);
    expect(widthOf(laidOut, 'name')).toBe('llama3-8b-distill-7'.length);
    // ACTIVE and STOPPED are narrower than the status column's minimum, kept for `OLD → NEW`.
    expect(widthOf(laidOut, 'status')).toBe(12);
    expect(widthOf(laidOut, 'provider')).toBe('primecompute'.length);
    expect(widthOf(laidOut, 'price')).toBe(7);
  });

  it('gives room to spare to a column its cap cut short (a long image at 200 columns), not to blank name space', () => {
    const laidOut = layoutColumns(columns, 200, 1, measured);
    expect(widthOf(laidOut, 'image')).toBe('nvidia/cuda:12.4.1-runtime-ubuntu22.04'.length);
    expect(widthOf(laidOut, 'name')).toBe('llama3-8b-distill-7'.length);
    // The cap holds while room is short: at 84 every column has what it wants, the image its 24.
    expect(widthOf(layoutColumns(columns, 84, 1, measured), 'image')).toBe(24);
    expect(widthOf(layoutColumns(columns, 90, 1, measured), 'image')).toBe(30);
  });

  it('gives the status its room for `OLD → NEW` before a capped column grows past its cap', () => {
    const withRoom = columns.map((column) =>
      column.id === 'status' ? { ...column, roomFor: (widest: number) => 2 * widest + 3 } : column,
    );
    // At 90 there are 6 columns to spare: the status takes the 5 it wants (2 × STOPPED + 3 = 17), the image the last.
    const at90 = layoutColumns(withRoom, 90, 1, measured);
    expect(widthOf(at90, 'status')).toBe(17);
    expect(widthOf(at90, 'image')).toBe(25);
    // Without the room, the image takes them all.
    expect(widthOf(layoutColumns(columns, 90, 1, measured), 'image')).toBe(30);
  });

  it('cuts a column only as far as nine cells in ten stay whole before it drops any, then the least important first', () => {
    // Wanted: name 19, status 12, image 38, provider 12, price 7, age 5, gaps 5 = 98; 24 once the image is capped.
    // Two rows: both images must stay whole up to the cap, so at 80 PROVIDER (3) goes rather than cut them.
    const at80 = layoutColumns(columns, 80, 1, measured);
    expect(ids(at80)).toEqual(['name', 'status', 'image', 'price', 'age']);
    expect(widthOf(at80, 'name')).toBe(19);
    expect(widthOf(at80, 'image')).toBe(33); // its 24, and the room PROVIDER left
    // Ten rows, one with a long name: that one is cut, the nine others' width kept, and nothing dropped.
    const many: Row[] = Array.from({ length: 9 }, (_, i) => ({ ...rows[1]!, id: `m${i}`, name: `pod-${i}` }));
    const outlier = { ...rows[0]!, name: 'an-outlier-with-a-very-long-name', image: 'ubuntu:22.04' };
    const widths = new ContentWidths<Row>().measure([...many, outlier], columns);
    const at60 = layoutColumns(columns, 60, 1, widths);
    expect(ids(at60)).toEqual(['name', 'status', 'image', 'provider', 'price', 'age']);
    expect(widthOf(at60, 'name')).toBeGreaterThanOrEqual('pod-0'.length);
    expect(widthOf(at60, 'name')).toBeLessThan('an-outlier-with-a-very-long-name'.length);
    // At 60 with every row wanting its width, PROVIDER (3) goes, then IMAGE (2); the name stays whole.
    const at60whole = layoutColumns(columns, 60, 1, measured);
    expect(ids(at60whole)).toEqual(['name', 'status', 'price', 'age']);
    expect(widthOf(at60whole, 'name')).toBe(19);
    // At 45 the price goes too, rather than a name cut by one.
    expect(ids(layoutColumns(columns, 45, 1, measured))).toEqual(['name', 'status', 'age']);
    expect(widthOf(layoutColumns(columns, 45, 1, measured), 'name')).toBe(19);
  });

  it('keeps declared order, never exceeds the width and gives every column at least one cell, at any width', () => {
    for (let width = 0; width <= 220; width++) {
      for (const gap of [0, 1, 2]) {
        const laidOut = layoutColumns(columns, width, gap, measured);
        expect(layoutWidth(laidOut, gap)).toBeLessThanOrEqual(width);
        for (const c of laidOut) expect(c.width).toBeGreaterThanOrEqual(1);
        const order = ids(laidOut).map((id) => columns.findIndex((c) => c.id === id));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it('when even the columns that always show do not fit, cuts the widest to its minimum, then the last column', () => {
    const tight = layoutColumns(columns, 30, 1, measured);
    expect(ids(tight)).toEqual(['name', 'status', 'age']);
    expect(layoutWidth(tight)).toBeLessThanOrEqual(30);
    expect(layoutColumns(columns, 1, 1, measured).map((c) => [c.column.id, c.width])).toEqual([['name', 1]]);
    expect(layoutColumns(columns, 0, 1, measured)).toEqual([]);
  });

  it('without content widths, a flexible column takes its minimum: its title, at least 4, unless given', () => {
    const base = { priority: 0, render: () => '' };
    expect(minWidthOf({ ...base, id: 'a', title: 'ID' })).toBe(4);
    expect(minWidthOf({ ...base, id: 'b', title: 'CREATED AT' })).toBe(10);
    expect(minWidthOf({ ...base, id: 'c', title: 'ID', width: 2 })).toBe(2);
  });

  it('is deterministic', () => {
    expect(layoutColumns(columns, 97, 1, measured)).toEqual(layoutColumns(columns, 97, 1, measured));
  });
});

describe('ContentWidths', () => {
  it('measures a row once while it stays the same object, and answers for the same list at once', () => {
    let renders = 0;
    const counting: Column<Row>[] = [
      {
        id: 'name',
        title: 'NAME',
        priority: 0,
        render: (r) => {
          renders++;
          return r.name;
        },
      },
    ];
    const widths = new ContentWidths<Row>();
    expect(widths.measure(rows, counting)('name')?.widest).toBe(19);
    expect(renders).toBe(2);
    widths.measure(rows, counting);
    expect(renders).toBe(2);
    // A poll that changed one row: only it is measured again.
    const next = [rows[0]!, { ...rows[1]!, name: 'a-much-longer-name-than-before' }];
    expect(widths.measure(next, counting)('name')?.widest).toBe('a-much-longer-name-than-before'.length);
    expect(renders).toBe(3);
  });
  it('measures a column that reads other names again when the names change, and only that column', () => {
    let names = new Map([['1', 'short']]);
    let renders = 0;
    const reading: Column<Row>[] = [
      { id: 'name', title: 'NAME', priority: 0, render: (r) => r.name },
      {
        id: 'owner',
        title: 'OWNER',
        priority: 0,
        readsNames: true,
        render: (r) => {
          renders++;
          return names.get(r.id) ?? r.id;
        },
      },
    ];
    const widths = new ContentWidths<Row>();
    const first = names;
    expect(widths.measure(rows, reading, first)('owner')?.widest).toBe('short'.length);
    names = new Map([['1', 'a-pod-with-a-long-name']]);
    expect(widths.measure(rows, reading, first)('owner')?.widest).toBe('short'.length);
    expect(widths.measure(rows, reading, names)('owner')?.widest).toBe('a-pod-with-a-long-name'.length);
    expect(renders).toBe(4);
  });
});

describe('ContentWidths from one poll to the next', () => {
  const widthsOf = (measure: (id: string) => { widest: number; most: number } | undefined) =>
    columns.filter((column) => column.width === undefined).map((column) => measure(column.id));
  const rowArb = fc.record({
    id: fc.string(),
    name: fc.string({ maxLength: 40 }),
    status: fc.constantFrom('ACTIVE', 'STOPPED', 'PROVISIONING'),
    image: fc.string({ maxLength: 30 }),
    provider: fc.string({ maxLength: 12 }),
    age: fc.constant('1d'),
  });

  it('counts what changed as a fresh measure counts everything: rows changed, added, dropped, moved', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('change', 'add', 'drop', 'move'), rowArb), { maxLength: 12 }),
        (start, edits) => {
          const widths = new ContentWidths<Row>();
          widths.measure(start, columns);
          const next = [...start];
          for (const [at, edit, row] of edits) {
            const index = next.length === 0 ? 0 : at % next.length;
            if (edit === 'add' || next.length === 0) next.splice(index, 0, row);
            else if (edit === 'drop') next.splice(index, 1);
            else if (edit === 'change') next[index] = { ...next[index]!, name: row.name, image: row.image };
            else next.push(...next.splice(index, 1));
          }
          expect(widthsOf(widths.measure(next, columns))).toEqual(
            widthsOf(new ContentWidths<Row>().measure(next, columns)),
          );
        },
      ),
    );
  });
});

describe('fitTable', () => {
  it('keeps the column the rows are sorted by, dropping another instead, and hands back the columns themselves', () => {
    const fit = { lineWidth: 63, gutter: true, rowCount: 2, visibleRows: 20, contentWidth: measured };
    expect(ids(fitTable(columns, fit))).toEqual(['name', 'status', 'price', 'age']);
    const sorted = fitTable(columns, { ...fit, sortedBy: 'provider' });
    expect(ids(sorted)).toContain('provider');
    expect(sorted.every((laidOut) => columns.includes(laidOut.column))).toBe(true);
  });

  it('keeps room for the position at the right end when not every row fits', () => {
    expect(positionReserve(10, 20)).toBe(0);
    expect(positionReserve(240, 20)).toBe('240/240'.length + 1);
    const all = fitTable(columns, {
      lineWidth: 100,
      gutter: true,
      rowCount: 2,
      visibleRows: 20,
      contentWidth: measured,
    });
    const scrolling = fitTable(columns, {
      lineWidth: 100,
      gutter: true,
      rowCount: 240,
      visibleRows: 20,
      contentWidth: measured,
    });
    expect(layoutWidth(all)).toBeLessThanOrEqual(100 - 3);
    expect(layoutWidth(scrolling)).toBeLessThanOrEqual(100 - 3 - 8);
  });
});
