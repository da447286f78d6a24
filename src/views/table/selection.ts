/**
 * Windowing and selection by id: pure functions shared by the Table (which
 * window to draw) and the app's key handling (which id the cursor moves to).
 * Selection is always an id, never an index, so it survives polls and re-sorts.
 */

/**
 * First visible row index. Keeps `previousStart` while the selection is
 * visible, otherwise scrolls just enough to show it; never leaves blank lines
 * at the bottom when there are rows enough to fill them. `selectedIndex` < 0
 * (selection not in rows) keeps the window where it was.
 */
export function windowStart(selectedIndex: number, previousStart: number, visibleCount: number, total: number): number {
  const visible = Math.max(0, Math.floor(visibleCount));
  if (visible === 0 || total <= 0) return 0;
  const maxStart = Math.max(0, total - visible);
  const clamp = (n: number): number => Math.min(maxStart, Math.max(0, Number.isFinite(n) ? Math.floor(n) : 0));
  let start = clamp(previousStart);
  if (selectedIndex < 0 || selectedIndex >= total) return start;
  if (selectedIndex < start) start = selectedIndex;
  else if (selectedIndex >= start + visible) start = selectedIndex - visible + 1;
  return clamp(start);
}

export type SelectionMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** Index of the row with `id`, or -1. O(n): fine per key press or per frame, not per cell. */
export function indexOfId<Row>(rows: readonly Row[], getId: (row: Row) => string, id: string | null): number {
  if (id === null) return -1;
  for (let i = 0; i < rows.length; i++) if (getId(rows[i]!) === id) return i;
  return -1;
}

/** The id selected after a cursor move. No selection (or a stale one) lands on the first row, or the last for 'bottom'. */
export function moveSelection<Row>(
  rows: readonly Row[],
  getId: (row: Row) => string,
  selectedId: string | null,
  move: SelectionMove,
  pageSize: number,
): string | null {
  const last = rows.length - 1;
  if (last < 0) return null;
  const page = Math.max(1, Number.isFinite(pageSize) ? Math.floor(pageSize) : 1);
  const current = indexOfId(rows, getId, selectedId);
  let next: number;
  if (current === -1) {
    next = move === 'bottom' ? last : 0;
  } else {
    switch (move) {
      case 'up':
        next = current - 1;
        break;
      case 'down':
        next = current + 1;
        break;
      case 'pageUp':
        next = current - page;
        break;
      case 'pageDown':
        next = current + page;
        break;
      case 'top':
        next = 0;
        break;
      case 'bottom':
        next = last;
        break;
    }
  }
  return getId(rows[Math.min(last, Math.max(0, next))]!);
}

/**
 * The selection after the rows changed (a poll, a filter, a re-sort). The
 * same id when it is still there; when it vanished, the row now at its old
 * position (clamped), so deleting a row selects its neighbour instead of
 * jumping to the top.
 */
export function reconcileSelection<Row>(
  previousRows: readonly Row[],
  nextRows: readonly Row[],
  getId: (row: Row) => string,
  selectedId: string | null,
): string | null {
  if (nextRows.length === 0) return null;
  if (selectedId === null) return getId(nextRows[0]!);
  if (indexOfId(nextRows, getId, selectedId) !== -1) return selectedId;
  const previousIndex = indexOfId(previousRows, getId, selectedId);
  const index = Math.min(nextRows.length - 1, Math.max(0, previousIndex));
  return getId(nextRows[index]!);
}
