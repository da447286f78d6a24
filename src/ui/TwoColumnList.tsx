/**
 * A scrolled list of key/value lines under a column header: the detail
 * pane's fields and the help's keys. The lines are already laid out
 * (views/detail.ts detailLines): the key column never moves while scrolling
 * and long values go on over further lines rather than being cut.
 * `ListPane` is the pane around one: a title line, the list, and a hint line
 * that says where in the list the view is.
 */
import { Box, Text } from 'ink';
import type { ReactElement, ReactNode } from 'react';
import type { DetailLine } from '../views/detail.js';
import { pad, truncate } from '../util/text.js';

export interface TwoColumnListProps {
  /** The column titles, e.g. `Field` and `Value`. */
  titles: readonly [string, string];
  lines: readonly DetailLine[];
  keyWidth: number;
  /** The first line shown. */
  start: number;
  /** Lines shown (the header line not counted). */
  pageSize: number;
  width: number;
}

export function TwoColumnList({ titles, lines, keyWidth, start, pageSize, width }: TwoColumnListProps): ReactElement {
  const row = (key: string, value: string): string => truncate(` ${pad(key, keyWidth)}  ${value}`, width);
  return (
    <>
      <Text bold underline wrap="truncate">
        {pad(row(titles[0], titles[1]), width)}
      </Text>
      {lines.slice(start, start + pageSize).map((line, index) => (
        <Text key={start + index} wrap="truncate">
          <Text dimColor>{` ${pad(line.key, keyWidth)}  `}</Text>
          {truncate(line.value, Math.max(1, width - keyWidth - 3))}
        </Text>
      ))}
    </>
  );
}

export interface ListPaneProps extends Omit<TwoColumnListProps, 'start'> {
  /** The title line, drawn as given (a title, and beside it what fits). */
  title: ReactNode;
  /** The first line asked for; kept within the list. */
  offset: number;
  height: number;
  /** What the hint line says before the position (`No longer in the list…`). */
  notes?: readonly string[];
  /** What it says last: how to close the pane. */
  closing: string;
}

export function ListPane({
  title,
  lines,
  offset,
  pageSize,
  height,
  width,
  notes = [],
  closing,
  ...list
}: ListPaneProps) {
  const start = Math.min(Math.max(0, offset), Math.max(0, lines.length - pageSize));
  const scrolls = lines.length > pageSize;
  const hint = [
    ...notes,
    scrolls ? `lines ${start + 1}–${Math.min(lines.length, start + pageSize)} of ${lines.length}` : '',
    scrolls ? '↑↓ scroll' : '',
    closing,
  ].filter(Boolean);
  return (
    <Box flexDirection="column" height={height} width={width}>
      {title}
      <TwoColumnList {...list} lines={lines} start={start} pageSize={pageSize} width={width} />
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        {truncate(` ${hint.join(' · ')}`, width)}
      </Text>
    </Box>
  );
}
