/**
 * The generic Table, checked by what a person sees in the rendered frame.
 *
 * The selection is drawn with SGR 7 (inverse), so the test needs Ink's colour
 * library to emit styles: vitest.config sets FORCE_COLOR=1 for every test. A
 * guard test fails loudly if styling is off, rather than letting the
 * inverse checks pass or fail for the wrong reason.
 */
import { decoration, PLAIN } from '../../src/views/table/decoration.js';
import { stripVTControlCharacters } from 'node:util';

import { Text } from 'ink';
import { render } from 'ink-testing-library';
import type { JSX } from 'react';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';

import { Table, type TableProps } from '../../src/views/table/Table.js';
import type { Column } from '../../src/views/table/columns.js';

const INVERSE = '\u001b[7m';

interface Pod {
  id: string;
  name: string;
  status: string;
  gpus: number;
  region: string;
  labels: string;
  age: string;
}

let renderCalls = 0;

const columns: Column<Pod>[] = [
  {
    id: 'name',
    title: 'NAME',
    minWidth: 12,
    maxWidth: 40,
    priority: 0,
    render: (p) => {
      renderCalls++;
      return p.name;
    },
  },
  {
    id: 'status',
    title: 'STATUS',
    width: 10,
    priority: 0,
    render: (p) => ({ text: p.status, color: p.status === 'ERROR' ? 'failed' : 'healthy' }),
  },
  {
    id: 'gpus',
    title: 'GPUS',
    width: 5,
    align: 'right',
    priority: 1,
    render: (p) => String(p.gpus),
    sortValue: (p) => p.gpus,
  },
  { id: 'region', title: 'REGION', width: 12, priority: 3, render: (p) => p.region },
  { id: 'labels', title: 'LABELS', minWidth: 10, priority: 4, render: (p) => p.labels },
  { id: 'age', title: 'AGE', width: 4, align: 'right', priority: 0, render: (p) => p.age },
];

const makePod = (i: number): Pod => ({
  id: `id-${i}`,
  name: `pod-${String(i).padStart(5, '0')}`,
  status: i % 7 === 0 ? 'ERROR' : 'ACTIVE',
  gpus: i % 9,
  region: 'eu-west-1',
  labels: `team=ml,idx=${i}`,
  age: '3d',
});

const makePods = (n: number): Pod[] => Array.from({ length: n }, (_, i) => makePod(i));
const getId = (p: Pod): string => p.id;

function table(props: Partial<TableProps<Pod>> & Pick<TableProps<Pod>, 'rows'>): JSX.Element {
  return <Table columns={columns} getId={getId} selectedId={null} width={100} height={12} {...props} />;
}

function frameOf(lastFrame: () => string | undefined): { raw: string; lines: string[]; plain: string[] } {
  const raw = lastFrame() ?? '';
  const lines = raw.split('\n');
  return { raw, lines, plain: lines.map((l) => stripVTControlCharacters(l)) };
}

/** The column titles in a header line, without the scroll indicator. */
const titles = (header: string | undefined): string[] =>
  (header ?? '').split(/\s+/).filter((w) => w !== '' && !/^[\d,]+–[\d,]+\/[\d,]+$/.test(w));

const selectedLines = (lines: string[]): string[] =>
  lines.filter((l) => l.includes(INVERSE)).map((l) => stripVTControlCharacters(l));

const instances: { unmount: () => void }[] = [];
function mount(element: JSX.Element): ReturnType<typeof render> {
  const instance = render(element);
  instances.push(instance);
  return instance;
}
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
  renderCalls = 0;
});

describe('Table', () => {
  it('emits styles in this test file (guard for the inverse checks)', () => {
    const { lastFrame } = mount(<Text inverse>x</Text>);
    expect(lastFrame()).toContain(INVERSE);
  });

  it('renders the header and only the rows that fit, out of 10,000', () => {
    const rows = makePods(10_000);
    const { lastFrame } = mount(table({ rows, selectedId: 'id-0', height: 20 }));
    const { plain } = frameOf(lastFrame);

    expect(plain).toHaveLength(20);
    // The position sits at the right end of the header, where the layout kept room for it, hiding no title.
    expect(plain[0]).toMatch(/^NAME\s+STATUS\s+GPUS REGION\s+LABELS\s+AGE\s+1–19\/10,000$/);
    // Without content widths a flexible column takes its minimum (the app measures them: ContentWidths).
    expect(plain[1]).toMatch(/^pod-00000\s+ERROR\s+0 eu-west-1\s+team=ml,i…\s+3d\s*$/);
    expect(plain[19]).toContain('pod-00018');
    expect(plain.join('\n')).not.toContain('pod-00019');
    expect(plain.join('\n')).not.toContain('pod-09999');
  });

  it('costs the same with 10,000 rows as with 50: only visible rows are rendered', () => {
    mount(table({ rows: makePods(50), selectedId: 'id-0', height: 20 }));
    const with50 = renderCalls;
    renderCalls = 0;
    mount(table({ rows: makePods(10_000), selectedId: 'id-0', height: 20 }));
    expect(renderCalls).toBe(with50);
    expect(with50).toBe(19);
  });

  it('shows where you are in the header: first–last/total', () => {
    const rows = makePods(10_000);
    const { lastFrame } = mount(table({ rows, selectedId: 'id-9999', height: 20 }));
    const { plain } = frameOf(lastFrame);
    expect(plain[0]).toMatch(/ 9,982–10,000\/10,000$/);
    expect(titles(plain[0])).toEqual(['NAME', 'STATUS', 'GPUS', 'REGION', 'LABELS', 'AGE']);
    expect(plain[19]).toContain('pod-09999');
    expect(plain[1]).toContain('pod-09981');
  });

  it('scrolls to show the selection, and marks only that row inverse', () => {
    const rows = makePods(1_000);
    const { lastFrame } = mount(table({ rows, selectedId: 'id-500', height: 12 }));
    const { lines, plain } = frameOf(lastFrame);
    expect(plain.some((l) => l.startsWith('pod-00500'))).toBe(true);
    expect(selectedLines(lines)).toHaveLength(1);
    expect(selectedLines(lines)[0]).toMatch(/^pod-00500 /);
    // The inverse bar spans the whole width so it reads as a cursor.
    expect(stringWidth(selectedLines(lines)[0]!)).toBe(100);
  });

  it('keeps every line within the width and truncates long cells with …', () => {
    const rows = [
      { ...makePod(1), name: 'a-very-long-pod-name-that-goes-on-and-on-and-on-forever-and-ever' },
      { ...makePod(2), name: '日本語のとても長いポッドの名前です日本語のとても長いポッドの名前です' },
      { ...makePod(3), labels: '😀'.repeat(60) },
    ];
    for (const width of [100, 80, 57, 33]) {
      const { lastFrame, unmount } = render(table({ rows, width, height: 6, selectedId: 'id-2' }));
      const { plain } = frameOf(lastFrame);
      expect(plain).toHaveLength(6); // header + 3 rows + 2 blank: nothing wrapped onto an extra line
      for (const line of plain) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      expect(plain[1]).toMatch(/^a-very-long\S*… /);
      expect(plain[2]).toMatch(/日本語.*…/);
      unmount();
    }
  });

  it('drops high-priority-number columns on a narrow terminal', () => {
    const rows = makePods(3);
    const wide = frameOf(mount(table({ rows, width: 100 })).lastFrame).plain[0];
    expect(titles(wide)).toEqual(['NAME', 'STATUS', 'GPUS', 'REGION', 'LABELS', 'AGE']);

    const narrow = frameOf(mount(table({ rows, width: 40 })).lastFrame).plain;
    expect(titles(narrow[0])).toEqual(['NAME', 'STATUS', 'GPUS', 'AGE']);
    expect(narrow[1]).not.toContain('eu-west-1');

    const narrower = frameOf(mount(table({ rows, width: 30 })).lastFrame).plain;
    expect(titles(narrower[0])).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(narrower[1]).toMatch(/^pod-00000\s+ERROR\s+3d$/);
  });

  it('keeps the same id highlighted and visible across a re-sort', () => {
    const rows = makePods(100);
    const { lastFrame, rerender } = mount(table({ rows, selectedId: 'id-5', height: 11 }));
    expect(selectedLines(frameOf(lastFrame).lines)[0]).toMatch(/^pod-00005 /);

    rerender(table({ rows: rows.toReversed(), selectedId: 'id-5', height: 11 }));
    const { lines, plain } = frameOf(lastFrame);
    expect(selectedLines(lines)).toHaveLength(1);
    expect(selectedLines(lines)[0]).toMatch(/^pod-00005 /);
    // id-5 is now index 94 of 100: the window scrolled just far enough to show it, on the last line.
    expect(plain[10]).toMatch(/^pod-00005 /);
    expect(plain[0]).toMatch(/86–95\/100/);
  });

  it('does not move the window when rows are inserted above a visible selection', () => {
    const rows = makePods(100);
    const { lastFrame, rerender } = mount(table({ rows, selectedId: 'id-5', height: 11 }));
    expect(frameOf(lastFrame).plain[1]).toContain('pod-00000');

    const inserted = [{ ...makePod(0), id: 'new-1', name: 'pod-new-1' }, ...rows];
    rerender(table({ rows: inserted, selectedId: 'id-5', height: 11 }));
    const { lines, plain } = frameOf(lastFrame);
    expect(plain[1]).toContain('pod-new-1');
    expect(plain[2]).toContain('pod-00000');
    expect(selectedLines(lines)[0]).toMatch(/^pod-00005 /);
  });

  it('highlights nothing and keeps the window when the selected id is gone', () => {
    const rows = makePods(100);
    const { lastFrame, rerender } = mount(table({ rows, selectedId: 'id-50', height: 11 }));
    const before = frameOf(lastFrame).plain;
    rerender(table({ rows: rows.filter((p) => p.id !== 'id-50'), selectedId: 'id-50', height: 11 }));
    const { lines, plain } = frameOf(lastFrame);
    expect(selectedLines(lines)).toHaveLength(0);
    expect(plain[1]).toBe(before[1]);
  });

  it('shows the sort arrow after the sorted column title', () => {
    const rows = makePods(3);
    expect(frameOf(mount(table({ rows, sort: { columnId: 'gpus', descending: false } })).lastFrame).plain[0]).toMatch(
      /GPUS▲/,
    );
    expect(frameOf(mount(table({ rows, sort: { columnId: 'name', descending: true } })).lastFrame).plain[0]).toMatch(
      /^NAME▼/,
    );
  });

  it('with room for the header only, shows just the header', () => {
    const { lastFrame } = mount(table({ rows: makePods(10), selectedId: 'id-3', height: 1 }));
    const { plain } = frameOf(lastFrame);
    expect(plain).toHaveLength(1);
    expect(titles(plain[0])).toEqual(['NAME', 'STATUS', 'GPUS', 'REGION', 'LABELS', 'AGE']);
  });

  it('shows the empty text under the header when there are no rows', () => {
    const { lastFrame } = mount(table({ rows: [], emptyText: 'No pods' }));
    const { plain } = frameOf(lastFrame);
    expect(plain[0]).toMatch(/^NAME/);
    expect(plain[1]?.trim()).toBe('No pods');
  });

  it("draws the cursor and each decoration's glyph in the gutter, and keeps columns aligned", () => {
    const rows = makePods(4);
    const marked = new Set(['id-1', 'id-3']);
    const { lastFrame } = mount(
      table({ rows, decoration: (p) => decoration(null, marked.has(p.id)), selectedId: 'id-0' }),
    );
    const { plain } = frameOf(lastFrame);
    expect(plain[0]).toMatch(/^ {3}NAME/);
    expect(plain[1]).toMatch(/^› {2}pod-00000/);
    expect(plain[2]).toMatch(/^ ✓ pod-00001/);
    expect(plain[3]).toMatch(/^ {3}pod-00002/);
    expect(plain[4]).toMatch(/^ ✓ pod-00003/);
  });

  it('colours cells, and rows as their decoration says', () => {
    const rows = makePods(8);
    const { lastFrame } = mount(
      table({
        rows,
        decoration: (p) => (p.id === 'id-3' ? decoration({ kind: 'added' }, false) : PLAIN),
        selectedId: 'id-1',
      }),
    );
    const { lines } = frameOf(lastFrame);
    expect(lines[1]).toContain('\u001b[31mERROR'); // status cell: red
    expect(lines[4]).toContain('\u001b[36m'); // a row that just appeared: cyan
    expect(lines[3]).not.toContain('\u001b[36m');
  });

  it('never lets escape sequences from the data reach the terminal', () => {
    const rows = [{ ...makePod(1), name: 'evil\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202Etxt' }];
    const { lastFrame } = mount(table({ rows }));
    const { raw, plain } = frameOf(lastFrame);
    expect(plain[1]).toMatch(/^eviltxt /);
    expect(raw).not.toContain('pwned');
    expect(raw).not.toContain('\u001b]');
    expect(raw).not.toContain('\u001b[2J');
    expect(raw).not.toContain('\u202E');
  });

  it('re-renders only rows whose data object changed', () => {
    const rows = makePods(50);
    const { rerender } = mount(table({ rows, selectedId: 'id-0', height: 20 }));
    renderCalls = 0;
    // A poll that changed one row (structural sharing keeps the other objects).
    const next = rows.slice();
    next[3] = { ...rows[3]!, status: 'ERROR' };
    rerender(table({ rows: next, selectedId: 'id-0', height: 20 }));
    expect(renderCalls).toBe(1);
    // Moving the selection re-renders just the two rows involved.
    renderCalls = 0;
    rerender(table({ rows: next, selectedId: 'id-1', height: 20 }));
    expect(renderCalls).toBe(2);
  });
});
