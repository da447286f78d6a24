/**
 * Every field of the selected resource, key/value, in an ink-table. The pane
 * follows the resource by id as polls arrive; if it disappears, the last
 * known fields stay with a note saying so.
 */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { detailEntries } from '../../views/detail.js';
import { truncate } from '../../views/text.js';
import { COMPACT_TABLE_CHROME, CompactTable } from './CompactTable.js';

export interface DetailPaneProps {
  title: string;
  row: object;
  /** False when the resource has left the list since the pane opened. */
  present: boolean;
  offset: number;
  width: number;
  height: number;
}

/** Title line and hint line around the table. */
const PANE_CHROME = 2;

export function detailPageSize(height: number): number {
  return Math.max(1, height - PANE_CHROME - COMPACT_TABLE_CHROME);
}

export function detailEntryCount(row: object): number {
  return detailEntries(row).length;
}

export function DetailPane({ title, row, present, offset, width, height }: DetailPaneProps): ReactElement {
  const entries = detailEntries(row);
  const pageSize = detailPageSize(height);
  const start = Math.min(Math.max(0, offset), Math.max(0, entries.length - pageSize));
  const visible = entries.slice(start, start + pageSize);
  const keyWidth = Math.min(32, Math.max(5, ...visible.map((entry) => entry.key.length)));
  // Borders and padding: "│ key │ value │" costs 7 columns beyond the two texts.
  const valueWidth = Math.max(5, width - keyWidth - 7);
  const data = visible.map((entry) => ({ Field: truncate(entry.key, keyWidth), Value: truncate(entry.value, valueWidth) }));
  const position = entries.length > pageSize ? ` ${start + 1}–${start + visible.length} of ${entries.length} fields` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {truncate(` ${title}`, width)}
      </Text>
      <CompactTable data={data} columns={['Field', 'Value']} />
      <Text dimColor wrap="truncate">
        {truncate(`${present ? '' : ' This resource is no longer in the list; showing what was last seen.'}${position} · ↑↓ scroll · Esc close`, width)}
      </Text>
    </Box>
  );
}
