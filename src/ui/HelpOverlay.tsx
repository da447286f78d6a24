/**
 * Every key in force on this tab (the config file's keys over the defaults),
 * from the same table of commands that drives input and the footer. Scrolls
 * (↑↓) when the terminal is too short to show them all.
 */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { truncate } from '../util/text.js';
import type { DetailLayout } from '../views/detail.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { keyHint } from '../input/key-map.js';
import { helpPageSize } from '../model/layout.js';
import { TwoColumnList } from './TwoColumnList.js';

export function HelpOverlay({
  title,
  layout,
  width,
  height,
  offset,
  keymap = DEFAULT_KEYMAP,
}: {
  title: string;
  /** The help's lines (dashboard/screen.ts helpLayout). */
  layout: DetailLayout;
  width: number;
  height: number;
  offset: number;
  keymap?: KeyMap;
}): ReactElement {
  const { keyWidth, lines } = layout;
  // Help opens only by a key, so at least one of these is bound.
  const closers = [keyHint(keymap, 'close'), keyHint(keymap, 'help')].filter((key) => key !== null);
  const pageSize = helpPageSize(height);
  const start = Math.min(Math.max(0, offset), Math.max(0, lines.length - pageSize));
  const scrolls = lines.length > pageSize;
  const hint = [
    scrolls ? `lines ${start + 1}–${Math.min(lines.length, start + pageSize)} of ${lines.length}` : '',
    scrolls ? '↑↓ scroll' : '',
    `${closers.join(' or ')} closes this help`,
  ].filter(Boolean);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text bold wrap="truncate">
        {truncate(` ${title}`, width)}
      </Text>
      <TwoColumnList
        titles={['Key', 'Action']}
        lines={lines}
        keyWidth={keyWidth}
        start={start}
        pageSize={pageSize}
        width={width}
      />
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        {truncate(` ${hint.join(' · ')}`, width)}
      </Text>
    </Box>
  );
}
