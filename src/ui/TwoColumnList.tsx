/**
 * A scrolled list of key/value lines under a column header: the detail
 * pane's fields and the help's keys. The lines are already laid out
 * (views/detail.ts detailLines): the key column never moves while scrolling
 * and long values go on over further lines rather than being cut.
 */
import { Text } from 'ink';
import type { ReactElement } from 'react';
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
