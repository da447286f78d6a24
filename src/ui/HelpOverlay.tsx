/**
 * Every key in force on this tab (the config file's keys over the defaults),
 * from the same table of bindings that drives input and the footer. Scrolls (↑↓) when the terminal is too short
 * to show them all.
 */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { truncate } from '../util/text.js';
import type { AnyRow, ResourceView } from '../views/index.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { helpRows, keyHint } from '../input/key-map.js';
import { helpPageSize } from '../model/layout.js';
import { CompactTable } from './CompactTable.js';

export function HelpOverlay({
  view,
  width,
  height,
  offset,
  keymap = DEFAULT_KEYMAP,
}: {
  view?: ResourceView<AnyRow>;
  width: number;
  height: number;
  offset: number;
  keymap?: KeyMap;
}): ReactElement {
  const bindings = helpRows(view, keymap);
  // Help opens only by a key, so at least one of these is bound.
  const closers = [keyHint(keymap, 'close'), keyHint(keymap, 'help')].filter((key) => key !== null);
  const pageSize = helpPageSize(height);
  const start = Math.min(Math.max(0, offset), Math.max(0, bindings.length - pageSize));
  const visible = bindings.slice(start, start + pageSize);
  const keyWidth = Math.max(...bindings.map((binding) => binding.keys.length));
  const data = visible.map((binding) => ({
    Key: binding.keys,
    Action: truncate(binding.description, Math.max(8, width - keyWidth - 7)),
  }));
  const position =
    bindings.length > pageSize ? ` · keys ${start + 1}–${start + visible.length} of ${bindings.length}, ↑↓ scroll` : '';
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold> Keys</Text>
      <CompactTable data={data} columns={['Key', 'Action']} />
      <Text dimColor wrap="truncate">
        {truncate(` ${closers.join(' or ')} closes this help${position}`, width)}
      </Text>
    </Box>
  );
}
