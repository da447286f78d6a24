/**
 * The several-targets confirm dialog's list: what will be deleted, one row
 * each, under column titles, scrolled a page at a time, with the total the
 * targets bill per hour. Its columns share the width as the main table's do
 * (views/table/layout.ts): each as wide as its content, the targets' names
 * first to keep their room, the least important columns given up first.
 */
import { Text } from 'ink';
import type { ReactElement } from 'react';
import type { ActionTarget } from '../views/actions.js';
import { money } from '../views/format.js';
import { statusCategory } from '../views/status.js';
import type { ColourRole } from '../views/theme.js';
import { cellText, renderCell, type Column } from '../views/table/columns.js';
import { ContentWidths, layoutColumns } from '../views/table/layout.js';
import { pad, sanitize, textWidth, truncate } from '../util/text.js';

type Paint = (role: ColourRole | undefined) => string | undefined;

const GAP = 2;
const NO_LONGER_LISTED = '(no longer listed)';
const PRICE_WIDTH = 7;

/** The list's columns: NAME, ID, the targets' own (DialogColumn), and $/HR when any target has a price. */
function listColumns(targets: readonly ActionTarget[]): Column<ActionTarget>[] {
  const columns: Column<ActionTarget>[] = [
    { id: 'name', title: 'NAME', minWidth: 10, maxWidth: 48, priority: 0, render: (target) => target.name },
    { id: 'id', title: 'ID', minWidth: 8, maxWidth: 14, priority: 2, render: (target) => target.id },
  ];
  for (const [index, column] of (targets[0]?.columns ?? []).entries()) {
    columns.push({
      id: `own-${index}`,
      title: column.title,
      maxWidth: column.width,
      priority: column.priority,
      render: (target) => {
        const cell = target.columns[index];
        if (cell === undefined) return '';
        return 'status' in cell ? { text: cell.status, color: statusCategory(cell.status) } : cell.text;
      },
    });
  }
  if (targets.some((target) => target.priceHr !== undefined)) {
    columns.push({
      id: 'price',
      title: '$/HR',
      width: PRICE_WIDTH,
      align: 'right',
      priority: 0,
      render: (target) => money(target.priceHr ?? null),
    });
  }
  return columns;
}

export function DeleteTargetList(props: {
  targets: readonly ActionTarget[];
  missingIds: ReadonlySet<string>;
  offset: number;
  pageSize: number;
  inner: number;
  paint: Paint;
}): ReactElement {
  const { targets, missingIds, pageSize, inner, paint } = props;
  const start = Math.min(Math.max(0, props.offset), Math.max(0, targets.length - pageSize));
  const visible = targets.slice(start, start + pageSize);
  const columns = listColumns(targets);
  // Widths from every target, not just the page shown, so columns do not shift while scrolling.
  const laidOut = layoutColumns(columns, inner, GAP, new ContentWidths<ActionTarget>().measure(targets, columns));
  const gap = ' '.repeat(GAP);
  const header = laidOut.map(({ column, width }) => pad(column.title, width, column.align)).join(gap);

  const known = targets.filter((target) => target.priceHr !== undefined && target.priceHr !== null);
  const total = known.reduce((sum, target) => sum + (target.priceHr ?? 0), 0);
  const unknown = targets.length - known.length;
  const priced = columns.some((column) => column.id === 'price');
  const totalLine = priced
    ? `Total ${money(total)}/hr${unknown > 0 ? ` (+${unknown} without a price)` : ''}`
    : `${targets.length} in all`;
  const position = targets.length > pageSize ? `${start + 1}–${start + visible.length} of ${targets.length}` : ' ';

  return (
    <>
      <Text dimColor wrap="truncate">
        {truncate(header, inner)}
      </Text>
      {visible.map((target) => {
        if (missingIds.has(target.id)) {
          // The flag must stay visible: the name gives way to it on a narrow dialog.
          const id = sanitize(target.id);
          const nameWidth = Math.max(1, inner - textWidth(id) - 2 * GAP - textWidth(NO_LONGER_LISTED));
          return (
            <Text key={target.id} color={paint('warning')} wrap="truncate">
              {truncate(`${pad(sanitize(target.name), nameWidth)}${gap}${id}${gap}${NO_LONGER_LISTED}`, inner)}
            </Text>
          );
        }
        return (
          <Text key={target.id} wrap="truncate">
            {laidOut.map(({ column, width }, index) => {
              const cell = renderCell(column, target);
              return (
                <Text key={column.id} color={paint(cell.color)}>
                  {(index > 0 ? gap : '') + pad(cellText(cell), width, column.align)}
                </Text>
              );
            })}
          </Text>
        );
      })}
      <Text dimColor wrap="truncate">
        {truncate(position, inner)}
      </Text>
      <Text bold wrap="truncate">
        {truncate(totalLine, inner)}
      </Text>
    </>
  );
}
